package dev.xent.core.numeric;

import dev.xent.core.Tensor;

/**
 * Sample weights as a reduction reads them: one per row, 1 where there are none, and for a weighted
 * mean scaled by the power of two {@code 2^-k} that brings the largest into {@code [1/2, 1)}.
 *
 * <p>The mean {@code sum_i s_i l_i / sum_i s_i m_i} is the same for {@code s_i} and {@code 2^-k s_i},
 * and multiplying by a power of two changes no bits where nothing overflows or underflows; but
 * scaled, the total weight cannot overflow (weights near {@code 1e308}: their sum is {@code inf} and the
 * mean 0 unscaled), nor can a weighted loss whose mean is finite (weight {@code 1e300} times a loss of
 * {@code 1e300}). The gradient's factor {@code s_i / sum s m} is then at most 1 per row. Sums and
 * per-element gradients ({@code sum}, {@code none}) keep the weights as given: their results are the
 * products themselves.
 */
public final class SampleWeights {
    /** No weights: 1 for every row. */
    public static final SampleWeights NONE = new SampleWeights(null, 1.0);

    private final Tensor weights;
    private final double factor;

    private SampleWeights(Tensor weights, double factor) {
        this.weights = weights;
        this.factor = factor;
    }

    /** The weights as given (null: none). */
    public static SampleWeights unscaled(Tensor weights) {
        return weights == null ? NONE : new SampleWeights(weights, 1.0);
    }

    /** Validated weights (null: none), scaled for a mean by the power of two that brings the largest into [1/2, 1). */
    public static SampleWeights scaledForMean(Tensor weights) {
        return weights == null ? NONE : new SampleWeights(weights, meanFactor(weights));
    }

    /**
     * {@code 2^-(e + 1)} for the largest weight's binary exponent {@code e} (1 if every weight is 0): exact,
     * {@code 2^-1024} for weights near the largest double, {@code 2^1022} for subnormal ones.
     */
    public static double meanFactor(Tensor weights) {
        double max = 0;
        for (int i = 0; i < weights.size(); i++) {
            max = Math.max(max, weights.getFlat(i));
        }
        return Math.scalb(1.0, meanExponent(max));
    }

    /** The exponent {@code -(e + 1)} of {@link #meanFactor} for a largest weight of {@code largest} (0 for 0). */
    public static int meanExponent(double largest) {
        return largest == 0 ? 0 : -(Math.getExponent(largest) + 1);
    }

    /** Row {@code row}'s weight, times the factor. */
    public double get(int row) {
        return weights == null ? 1.0 : weights.getFlat(row) * factor;
    }

    /** Whether there are weights (else every row's is 1). */
    public boolean present() {
        return weights != null;
    }

    /** The factor every weight is multiplied by (1 unless scaled for a mean). */
    public double factor() {
        return factor;
    }
}
