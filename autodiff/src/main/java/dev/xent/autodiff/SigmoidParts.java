package dev.xent.autodiff;

import dev.xent.core.numeric.StableMath;

/**
 * What {@code softplus}, {@code logSigmoid} and {@code sigmoid} of the same values share, computed
 * once from one exponential per element (a loss on logits uses two or three of these ops on its
 * predictions). With {@code e = exp(-|x|)} and {@code r = 1 / (1 + e) = sigmoid(|x|)}:
 * <ul>
 *   <li>{@code log1p(e)}, through {@link Math#log} with the rounding correction of {@link StableMath#log1p};
 *       then {@code softplus(x) = max(x, 0) + log1p(e)} and {@code logSigmoid(x) = -(max(-x, 0) + log1p(e))};</li>
 *   <li>{@code sigmoid(x)} and {@code sigmoid(-x)}: one is {@code r}, the other {@code e r} (no cancelling
 *       {@code 1 - sigmoid}). They are the derivatives of softplus and logSigmoid, and their product
 *       is sigmoid's.</li>
 * </ul>
 * The arrays are shared by the nodes that read them and never written after construction. Above the
 * vector threshold ({@link VectorLoops#enabledFor}) {@code e}, {@code log1p(e)} and {@code r} come from
 * core's vector loops ({@link SigmoidBlocks}), the rest from the same element steps ({@link #store}).
 */
final class SigmoidParts {
    final double[] log1pExp;
    final double[] sigmoid;
    final double[] sigmoidOfMinus;

    private SigmoidParts(double[] log1pExp, double[] sigmoid, double[] sigmoidOfMinus) {
        this.log1pExp = log1pExp;
        this.sigmoid = sigmoid;
        this.sigmoidOfMinus = sigmoidOfMinus;
    }

    SigmoidParts(double[] x) {
        log1pExp = new double[x.length];
        sigmoid = new double[x.length];
        sigmoidOfMinus = new double[x.length];
        if (VectorLoops.enabledFor(x.length)) {
            ParallelLoops.forEach(x.length, (from, to) -> SigmoidBlocks.fill(x, log1pExp, sigmoid, sigmoidOfMinus, from, to));
            return;
        }
        ParallelLoops.forEach(x.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                element(x, log1pExp, sigmoid, sigmoidOfMinus, i);
            }
        });
    }

    /** The parts of element {@code i}, with {@link Math#exp} and {@link Math#log}. */
    static void element(double[] x, double[] log1pExp, double[] sigmoid, double[] sigmoidOfMinus, int i) {
        double e = Math.exp(-Math.abs(x[i]));
        double u = 1.0 + e;
        double r = 1.0 / u;
        store(x[i], e, r, StableMath.log1p(e, u, r), log1pExp, sigmoid, sigmoidOfMinus, i);
    }

    /** Stores element {@code i}'s parts given {@code e = exp(-|x|)}, {@code r = 1 / (1 + e)} and {@code log1p(e)}. */
    static void store(double x, double e, double r, double log1pE, double[] log1pExp, double[] sigmoid,
                      double[] sigmoidOfMinus, int i) {
        log1pExp[i] = log1pE;
        // sigmoid(x) is r where x >= 0, else e r: swapped by x's sign bit, without a branch (random signs mispredict).
        long large = Double.doubleToRawLongBits(r);
        long small = Double.doubleToRawLongBits(e * r);
        long swap = (large ^ small) & (Double.doubleToRawLongBits(x) >> 63);
        sigmoid[i] = Double.longBitsToDouble(large ^ swap);
        sigmoidOfMinus[i] = Double.longBitsToDouble(small ^ swap);
    }

    /** The parts of {@code -x}: the same {@code log1p(exp(-|x|))}, the two sigmoids swapped. */
    SigmoidParts ofNegation() {
        return new SigmoidParts(log1pExp, sigmoidOfMinus, sigmoid);
    }
}
