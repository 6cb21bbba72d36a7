package dev.xent.autodiff;

import dev.xent.core.Node;

/**
 * Element-wise arithmetic: {@code + - * /} of two nodes (NumPy broadcasting), the same with a
 * constant, negation and powers. Each op's backward step is right under its forward loop. Where a
 * local derivative can be infinite ({@code mul}, {@code div}, {@code mul(c)}, {@code pow}), a zero
 * upstream gradient is skipped: it contributes nothing (not 0 * inf = NaN). Elsewhere adding 0
 * changes nothing, so the loops do not test it.
 */
final class ArithmeticOps {
    private ArithmeticOps() {
    }

    /** {@code a + b}; derivatives 1 and 1. */
    static Node add(GraphNode x, Node other) {
        Operands o = new Operands(x, other);
        double[] a = o.a;
        double[] b = o.b;
        double[] y = o.y;
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = a[i] + b[i];
            }
        });
        return o.result((gy, ga, gb) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (ga != null) {
                        ga[i] += gy[i];
                    }
                    if (gb != null) {
                        gb[i] += gy[i];
                    }
                }
            });
        });
    }

    /** {@code a - b}; derivatives 1 and -1. */
    static Node sub(GraphNode x, Node other) {
        Operands o = new Operands(x, other);
        double[] a = o.a;
        double[] b = o.b;
        double[] y = o.y;
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = a[i] - b[i];
            }
        });
        return o.result((gy, ga, gb) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (ga != null) {
                        ga[i] += gy[i];
                    }
                    if (gb != null) {
                        gb[i] -= gy[i];
                    }
                }
            });
        });
    }

    /** {@code a b}; derivatives b and a. */
    static Node mul(GraphNode x, Node other) {
        Operands o = new Operands(x, other);
        double[] a = o.a;
        double[] b = o.b;
        double[] y = o.y;
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = a[i] * b[i];
            }
        });
        return o.result((gy, ga, gb) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    double gi = gy[i];
                    if (gi != 0) {
                        if (ga != null) {
                            ga[i] += gi * b[i];
                        }
                        if (gb != null) {
                            gb[i] += gi * a[i];
                        }
                    }
                }
            });
        });
    }

    /** {@code a / b}; derivatives {@code 1 / b} and {@code -y / b}. */
    static Node div(GraphNode x, Node other) {
        Operands o = new Operands(x, other);
        double[] a = o.a;
        double[] b = o.b;
        double[] y = o.y;
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = a[i] / b[i];
            }
        });
        return o.result((gy, ga, gb) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    double gi = gy[i];
                    if (gi != 0) {
                        if (ga != null) {
                            ga[i] += gi * (1 / b[i]);
                        }
                        if (gb != null) {
                            gb[i] += gi * (-y[i] / b[i]);
                        }
                    }
                }
            });
        });
    }

    /** {@code x + c}; derivative 1. */
    static Node add(GraphNode x, double c) {
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = v[i] + c;
            }
        });
        return x.unary(y, ArithmeticOps::addTo);
    }

    /** {@code x - c}; derivative 1. */
    static Node sub(GraphNode x, double c) {
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = v[i] - c;
            }
        });
        return x.unary(y, ArithmeticOps::addTo);
    }

    /** The backward step of ops whose local derivative is 1. */
    private static void addTo(double[] gy, double[] gx) {
        ParallelLoops.forEach(gy.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                gx[i] += gy[i];
            }
        });
    }

    /** {@code c - x}; derivative -1. */
    static Node rsub(GraphNode x, double c) {
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = c - v[i];
            }
        });
        return x.unary(y, ArithmeticOps::subtractFrom);
    }

    /** {@code -x}; derivative -1. Sigmoid parts of x, if computed, are handed on (swapped) to {@code -x}. */
    static Node neg(GraphNode x) {
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = -v[i];
            }
        });
        GraphNode r = x.unary(y, ArithmeticOps::subtractFrom);
        x.shareNegatedSigmoidParts(r);
        return r;
    }

    /** The backward step of ops whose local derivative is -1. */
    private static void subtractFrom(double[] gy, double[] gx) {
        ParallelLoops.forEach(gy.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                gx[i] -= gy[i];
            }
        });
    }

    /** {@code c x}; derivative c. */
    static Node mul(GraphNode x, double c) {
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = v[i] * c;
            }
        });
        return x.unary(y, (gy, gx) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (gy[i] != 0) {
                        gx[i] += gy[i] * c;
                    }
                }
            });
        });
    }

    /** {@code x^p} ({@code pow(2)} is {@link #square}); derivative {@code p x^(p - 1)}, see {@link #powSlope}. */
    static Node pow(GraphNode x, double p) {
        if (p == 2) {
            return square(x);
        }
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = Math.pow(v[i], p);
            }
        });
        return x.unary(y, (gy, gx) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (gy[i] != 0) {
                        gx[i] += gy[i] * powSlope(v[i], p, y[i]);
                    }
                }
            });
        });
    }

    /**
     * {@code p x^(p - 1)} (0 for p = 0), as {@code p (x^p / x)} from the forward's {@code y = x^p} where
     * that quotient is accurate (x nonzero, y a finite normal number: within a few ulps), else with a
     * second {@code pow}.
     */
    private static double powSlope(double x, double p, double y) {
        if (p == 0) {
            return 0;
        }
        boolean quotientIsAccurate = x != 0 && Math.abs(y) >= Double.MIN_NORMAL && Math.abs(y) < Double.POSITIVE_INFINITY;
        return quotientIsAccurate ? p * (y / x) : p * Math.pow(x, p - 1);
    }

    /** {@code x^2} as {@code x * x} (correctly rounded, like {@code Math.pow(x, 2)}), with derivative {@code 2x}: no pow, no division. */
    static Node square(GraphNode x) {
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = v[i] * v[i];
            }
        });
        return x.unary(y, (gy, gx) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (gy[i] != 0) {
                        gx[i] += gy[i] * (2 * v[i]);
                    }
                }
            });
        });
    }
}
