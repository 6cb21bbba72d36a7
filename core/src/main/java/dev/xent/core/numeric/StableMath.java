package dev.xent.core.numeric;

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
        return Math.max(x, 0.0) + log1p(Math.exp(-Math.abs(x)));
    }

    /**
     * {@code log(1 + x)}, within about one ulp like {@link Math#log1p}, but through the intrinsic
     * {@link Math#log}: on JDK 17 {@code Math.log1p} is a native call several times slower, which
     * dominated the loss kernels. {@code u = 1 + x} is rounded; its rounding error
     * {@code x - (u - 1)} is exact, and {@code log(1 + x) = log(u) + (x - (u - 1)) / u} to first order.
     */
    public static double log1p(double x) {
        double u = 1.0 + x;
        if (!(u > 0 && u < Double.POSITIVE_INFINITY)) {
            return Math.log1p(x); // x <= -1, +inf or NaN: the library's limits
        }
        return Math.log(u) - ((u - 1.0) - x) / u;
    }

    /**
     * {@link #log1p(double)} for {@code x} in {@code [0, 1]} (such as {@code exp(-|x|)}) when
     * {@code u = 1 + x} and {@code 1 / u} are at hand anyway (they give sigmoids): no division.
     */
    public static double log1p(double x, double onePlusX, double reciprocal) {
        return Math.log(onePlusX) - ((onePlusX - 1.0) - x) * reciprocal;
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

    /**
     * The rounding error of {@code shifted = }{@link #shift}{@code (x, max)}: {@code (x - max) - shifted},
     * exactly (Knuth's TwoSum), 0 where either is infinite. {@code x - max} rounds to the ulp of the
     * shift, which {@code exp} turns into a relative error of up to {@code |x - max|} half-ulps (20 ulps
     * at a margin of 40); a log-sum-exp that carries this error ({@code exp(shifted) (1 + error)},
     * {@code log p = shifted + (error - log sum)}) keeps full precision.
     */
    public static double shiftError(double x, double max, double shifted) {
        double maxPart = shifted - x;
        double error = (x - (shifted - maxPart)) + (-max - maxPart);
        return Double.isInfinite(shifted) || Double.isInfinite(max) ? 0.0 : error;
    }
}
