package dev.xent.autodiff;

import dev.xent.core.Node;

/**
 * The sigmoid family: {@code sigmoid}, {@code softplus} and {@code logSigmoid}, whose values and
 * derivatives all come from the node's {@link SigmoidParts} (one exponential per element, computed by
 * the first of them and shared by the others). Each op's backward step is right under its forward.
 */
final class SigmoidOps {
    private SigmoidOps() {
    }

    /** {@code 1 / (1 + exp(-x))}; derivative {@code sigmoid(x) sigmoid(-x)} (no cancelling {@code 1 - sigmoid}). */
    static Node sigmoid(GraphNode x) {
        SigmoidParts s = x.sigmoidParts();
        return x.unary(s.sigmoid, (gy, gx) -> {
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    gx[i] += gy[i] * (s.sigmoid[i] * s.sigmoidOfMinus[i]);
                }
            });
        });
    }

    /** {@code max(x, 0) + log1p(exp(-|x|))}; its derivative is {@code sigmoid(x)}. */
    static Node softplus(GraphNode x) {
        SigmoidParts s = x.sigmoidParts();
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = Math.max(v[i], 0.0) + s.log1pExp[i];
            }
        });
        return x.unary(y, (gy, gx) -> multiplyInto(gy, s.sigmoid, gx));
    }

    /** {@code -softplus(-x)}; its derivative is {@code sigmoid(-x)}. */
    static Node logSigmoid(GraphNode x) {
        SigmoidParts s = x.sigmoidParts();
        double[] v = x.v;
        double[] y = new double[v.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = -(Math.max(-v[i], 0.0) + s.log1pExp[i]);
            }
        });
        return x.unary(y, (gy, gx) -> multiplyInto(gy, s.sigmoidOfMinus, gx));
    }

    /** {@code gx += gy * slope}, for ops whose local derivatives are finite and precomputed. */
    private static void multiplyInto(double[] gy, double[] slope, double[] gx) {
        ParallelLoops.forEach(gy.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                gx[i] += gy[i] * slope[i];
            }
        });
    }
}
