package dev.xent.autodiff;

import dev.xent.core.Node;

/**
 * Element-wise ops with kinks, whose gradient goes one way or the other: {@code relu}, {@code clamp},
 * {@code abs}, and {@code max} and {@code min} of two nodes (NumPy broadcasting). Each op's backward
 * step is right under its forward loop; at a kink the rule says which side gets the gradient.
 */
final class PiecewiseOps {
    private PiecewiseOps() {
    }

    /** {@code max(x, 0)}; derivative 1 where x > 0, else 0 (0 at the kink). */
    static Node relu(GraphNode x) {
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = v[i] > 0 ? v[i] : 0;
            }
        });
        return x.unary(y, (gy, gx) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (v[i] > 0) {
                        gx[i] += gy[i];
                    }
                }
            });
        });
    }

    /** {@code min(high, max(low, x))}; derivative 1 where {@code low <= x <= high} (bounds included), else 0. */
    static Node clamp(GraphNode x, double low, double high) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("clamp needs low <= high, got [" + low + ", " + high + "]");
        }
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = Math.min(high, Math.max(low, v[i]));
            }
        });
        return x.unary(y, (gy, gx) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (v[i] >= low && v[i] <= high) {
                        gx[i] += gy[i];
                    }
                }
            });
        });
    }

    /** {@code |x|}; derivative {@code signum(x)} (0 at 0). */
    static Node abs(GraphNode x) {
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = Math.abs(v[i]);
            }
        });
        return x.unary(y, (gy, gx) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    gx[i] += gy[i] * Math.signum(v[i]);
                }
            });
        });
    }

    /** Element-wise maximum with broadcasting; the gradient goes to the larger (to {@code a} on ties). */
    static Node max(GraphNode x, Node other) {
        Operands o = new Operands(x, other);
        double[] a = o.a;
        double[] b = o.b;
        double[] y = o.y;
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = Math.max(a[i], b[i]);
            }
        });
        return o.result((gy, ga, gb) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    boolean toA = a[i] >= b[i];
                    if (toA && ga != null) {
                        ga[i] += gy[i];
                    }
                    if (!toA && gb != null) {
                        gb[i] += gy[i];
                    }
                }
            });
        });
    }

    /** Element-wise minimum with broadcasting; the gradient goes to the smaller (to {@code a} on ties). */
    static Node min(GraphNode x, Node other) {
        Operands o = new Operands(x, other);
        double[] a = o.a;
        double[] b = o.b;
        double[] y = o.y;
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = Math.min(a[i], b[i]);
            }
        });
        return o.result((gy, ga, gb) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (a[i] <= b[i]) {
                        if (ga != null) {
                            ga[i] += gy[i];
                        }
                    } else if (gb != null) {
                        gb[i] += gy[i];
                    }
                }
            });
        });
    }
}
