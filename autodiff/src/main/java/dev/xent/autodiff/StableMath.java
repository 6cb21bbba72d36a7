package dev.xent.autodiff;

/**
 * Numerically stable scalar functions shared by the autodiff ops and the fused loss kernels.
 * Identities used:
 * <ul>
 *   <li>{@code softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^-|x|)}: no overflow, exact for large |x|;</li>
 *   <li>{@code log(sigmoid(x)) = -softplus(-x)} and {@code log(1 - sigmoid(x)) = -softplus(x)};</li>
 *   <li>{@code sigmoid(x)} evaluated as {@code 1/(1+e^-x)} for x >= 0 and {@code e^x/(1+e^x)} below, so
 *       the exponential never overflows.</li>
 * </ul>
 * All are defined at ±Infinity (as limits) and return NaN only for NaN input.
 */
public final class StableMath {
    private StableMath() {
    }

    /** {@code 1 / (1 + e^-x)}. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** {@code log(1 + e^x) = max(x, 0) + log1p(e^-|x|)}; finite for finite x, {@code +inf} at {@code +inf}. */
    public static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** {@code log(sigmoid(x)) = -softplus(-x)}. */
    public static double logSigmoid(double x) {
        return -softplus(-x);
    }

    /**
     * {@code x - max} for a log-sum-exp shift, taken as 0 where {@code x == max} so that infinite maxima
     * give limits instead of {@code inf - inf = NaN}.
     */
    public static double shift(double x, double max) {
        return x == max ? 0.0 : x - max;
    }
}
