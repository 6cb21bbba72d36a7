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

    /**
     * {@code tanh(x)} within about 1.5 ulps (measured against 40-digit values at 20,000 points: at most
     * 1.3), from intrinsic operations only: on JDK 17 {@link Math#tanh} is a native call, most of an MLP
     * layer's time (45 ns a value against this one's 14: JMH {@code TanhBenchmark}, quiet machine), and
     * this gives the same bits interpreted or compiled (basic IEEE operations,
     * {@link Math#fma} and {@link Math#exp}, which every HotSpot tier computes with the same stub).
     * <ul>
     *   <li>{@code |x| < 0.625}: {@code x + x z g(z)}, {@code z = x^2}, with {@code g} a degree-11
     *       polynomial (Chebyshev interpolation of {@code (tanh(x) / x - 1) / z} on {@code [0, 0.625^2]},
     *       relative error 6e-17; {@code g(0) = -1/3}) in Horner's scheme with fused multiply-adds. The
     *       correction {@code x z g} is at most 0.13 of {@code x}, so {@code x} itself carries the
     *       leading bits exactly;</li>
     *   <li>above: {@code tanh|x| = 1 - 2 / (e^{2|x|} + 1)}, no cancellation since the fraction is at
     *       most 0.45, with the sign of {@code x}; {@code e^{2|x|}} overflowing to infinity gives exactly 1.</li>
     * </ul>
     * Odd ({@code tanh(-x) = -tanh(x)}, {@code tanh(-0.0) = -0.0}), {@code +-1} at {@code +-inf}, NaN
     * for NaN. Example: {@code tanh(0.5) = 0.46211715726000974}, {@code tanh(1) = 0.7615941559557649}.
     */
    public static double tanh(double x) {
        double a = Math.abs(x);
        if (a < 0.625) {
            double z = a * a;
            double g = Math.fma(z, Math.fma(z, Math.fma(z, Math.fma(z, Math.fma(z, Math.fma(z,
                    6.485163482793113e-06, -3.12011014257974e-05), 9.257116129556769e-05), -0.0002375906496055562),
                    0.0005896606577757043), -0.0014557754120478055), 0.0035921217511549622);
            g = Math.fma(z, Math.fma(z, Math.fma(z, Math.fma(z, Math.fma(z, g, -0.008863235103240878),
                    0.021869488519008305), -0.05396825396789699), 0.13333333333333042), -0.3333333333333333);
            return Math.copySign(Math.fma(a * z, g, a), x); // copySign: -0.0 stays -0.0
        }
        return Math.copySign(1.0 - 2.0 / (Math.exp(2.0 * a) + 1.0), x); // NaN stays NaN
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
