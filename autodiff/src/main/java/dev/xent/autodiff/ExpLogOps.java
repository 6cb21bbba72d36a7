package dev.xent.autodiff;

import dev.xent.core.Node;
import dev.xent.core.numeric.StableMath;

/**
 * Element-wise exponentials, logarithms and their relatives: {@code exp}, {@code log}, {@code log1p},
 * {@code expm1}, {@code sqrt}, {@code tanh} and {@code xlogy}. Each op's backward step is right under
 * its forward loop. Where a local derivative can be infinite, a zero upstream gradient is skipped: it
 * contributes nothing (not 0 * inf = NaN).
 */
final class ExpLogOps {
    private ExpLogOps() {
    }

    /** {@code exp(x)}; derivative {@code exp(x)}, the forward's value. */
    static Node exp(GraphNode x) {
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = Math.exp(v[i]);
            }
        });
        return x.unary(y, (gy, gx) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (gy[i] != 0) {
                        gx[i] += gy[i] * y[i];
                    }
                }
            });
        });
    }

    /** {@code log(x)}; derivative {@code 1 / x} (infinite at 0). */
    static Node log(GraphNode x) {
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = Math.log(v[i]);
            }
        });
        return x.unary(y, (gy, gx) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (gy[i] != 0) {
                        gx[i] += gy[i] * (1 / v[i]);
                    }
                }
            });
        });
    }

    /** {@code log(1 + x)}, exact for small x ({@link StableMath#log1p}); derivative {@code 1 / (1 + x)}. */
    static Node log1p(GraphNode x) {
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = StableMath.log1p(v[i]);
            }
        });
        return x.unary(y, (gy, gx) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (gy[i] != 0) {
                        gx[i] += gy[i] * (1 / (1 + v[i]));
                    }
                }
            });
        });
    }

    /** {@code exp(x) - 1}, exact for small x; derivative {@code exp(x) = expm1(x) + 1}. */
    static Node expm1(GraphNode x) {
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = Math.expm1(v[i]);
            }
        });
        return x.unary(y, (gy, gx) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (gy[i] != 0) {
                        gx[i] += gy[i] * (y[i] + 1);
                    }
                }
            });
        });
    }

    /** {@code sqrt(x)}; derivative {@code 1 / (2 sqrt(x))} (infinite at 0). */
    static Node sqrt(GraphNode x) {
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = Math.sqrt(v[i]);
            }
        });
        return x.unary(y, (gy, gx) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (gy[i] != 0) {
                        gx[i] += gy[i] * (0.5 / y[i]);
                    }
                }
            });
        });
    }

    /** {@code tanh(x)}; derivative {@code 1 - tanh(x)^2}, from the forward's value. */
    static Node tanh(GraphNode x) {
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = StableMath.tanh(v[i]);
            }
        });
        return x.unary(y, (gy, gx) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    gx[i] += gy[i] * (1 - y[i] * y[i]);
                }
            });
        });
    }

    /**
     * {@code x log y} with 0 where x = 0 (even where y = 0; NaN if y is NaN), as PyTorch's
     * {@code xlogy}, with broadcasting. Derivatives: {@code log y} for x (0 where x = 0 and y = 0,
     * where log y is -inf), {@code x / y} for y (0 where x = 0).
     */
    static Node xlogy(GraphNode xNode, Node yNode) {
        Operands o = new Operands(xNode, yNode);
        double[] x = o.a;
        double[] z = o.b;
        double[] out = o.y;
        ParallelLoops.forEach(out.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = Double.isNaN(z[i]) ? Double.NaN : x[i] == 0 ? 0 : x[i] * Math.log(z[i]);
            }
        });
        return o.result((gy, gx, gz) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    double gi = gy[i];
                    if (gi == 0) {
                        continue;
                    }
                    if (gx != null && !(x[i] == 0 && z[i] == 0)) {
                        gx[i] += gi * Math.log(z[i]);
                    }
                    if (gz != null && x[i] != 0) {
                        gz[i] += gi * (x[i] / z[i]);
                    }
                }
            });
        });
    }
}
