package dev.xent.core.numeric;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Array kernels on {@code jdk.incubator.vector} lanes ({@link DoubleVector#SPECIES_PREFERRED}) for the
 * optional vector paths of the built-in losses. Load this class only when {@link VectorSupport} says
 * the module is present: it links against the incubator module.
 *
 * <p>{@code exp} is computed here from additions, multiplications and bit operations, not with
 * {@code VectorOperators.EXP}: compiled by C2 that calls Intel's SVML, but interpreted or compiled by
 * C1 it falls back to {@code Math.exp} lane by lane, which rounds differently in the last place, so the
 * same input would give different bits before and after the JIT compiled a kernel (and, while it
 * compiles, for different thread counts). Basic IEEE operations give the same bits in every mode.
 *
 * <p>Array arguments are processed in whole vectors: a call on {@code n} elements reads and writes
 * {@link #paddedLength paddedLength(n)} of them, so kernels keep scratch arrays of such lengths.
 */
public final class VectorMath {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** {@code ln 2} split so that {@code k * LN2_HI} is exact for the k that occur (fdlibm's constants). */
    public static final double LN2_HI = 6.93147180369123816490e-01;
    /** The rest of {@code ln 2}: {@code LN2_HI + LN2_LO} is {@code ln 2} to about 2^-100. */
    public static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    /** 1.5 * 2^52: adding it rounds to an integer and leaves that integer in the low bits of the result. */
    private static final double ROUNDER = 0x1.8p52;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    /** Below this exp(t) is 0 in double (t = -746 rounds to 0 whatever the last bits). */
    private static final double EXP_FLOOR = -746.0;
    /**
     * fdlibm's e_log.c: {@code log(1 + f) = f - hfsq + s (hfsq + R(z))}, {@code s = f / (2 + f)},
     * {@code hfsq = f^2 / 2}, {@code z = s^2}, {@code R(z) = z (LG1 + z LG2 + ... + z^6 LG7)}: a minimax
     * fit on {@code 1 + f} in {@code [sqrt(2) / 2, sqrt(2)]}, error below 2^-58.45.
     */
    public static final double LG1 = 6.666666666666735130e-01;
    /** See {@link #LG1}. */
    public static final double LG2 = 3.999999999940941908e-01;
    /** See {@link #LG1}. */
    public static final double LG3 = 2.857142874366239149e-01;
    /** See {@link #LG1}. */
    public static final double LG4 = 2.222219843214978396e-01;
    /** See {@link #LG1}. */
    public static final double LG5 = 1.818357216161805012e-01;
    /** See {@link #LG1}. */
    public static final double LG6 = 1.531383769920937332e-01;
    /** See {@link #LG1}. */
    public static final double LG7 = 1.479819860511658591e-01;
    private static final long MANTISSA_BITS = 0x000f_ffff_ffff_ffffL;
    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);
    /** Added to the mantissa, carries into bit 52 exactly when the mantissa is at least {@code sqrt(2) - 1} (fdlibm's 0x95f64). */
    private static final long ROOT2_CARRY = 0x95f64L << 32;
    private static final double TWO52 = 0x1p52;
    private static final long TWO52_BITS = Double.doubleToRawLongBits(TWO52);

    private VectorMath() {
    }

    /** {@code n} rounded up to whole vectors: how many elements the array kernels touch for {@code n}. */
    public static int paddedLength(int n) {
        return SPECIES.loopBound(n + SPECIES.length() - 1);
    }

    /**
     * {@code out[i] = exp(t[i])} for {@code t[i] <= 0} (including {@code -inf}, whose exp is 0), within
     * about 1 ulp: {@code t = k ln2 + r} with {@code |r| <= ln2 / 2}, a degree-13 Taylor polynomial in
     * Estrin's scheme with fused multiply-adds (pairs, then powers {@code r^2, r^4, r^8}: a short
     * dependency chain; {@code fma} rounds once, in C2's code as in {@link Math#fma}), times
     * {@code 2^k} applied as two halves so that subnormal results are rounded once. {@code t} below -746
     * gives 0. Touches {@code paddedLength(n)} elements; {@code out} may be {@code t}.
     */
    public static void expOfNonPositive(double[] t, double[] out, int n) {
        exp(t, out, n, 0L);
    }

    /**
     * {@code out[i] = exp(-|x[i]|)}: {@link #expOfNonPositive} of {@code -|x[i]|} (the same bits), without a
     * pass that writes {@code -|x|} first. Touches {@code paddedLength(n)} elements; {@code out} may be {@code x}.
     */
    public static void expOfMinusAbsolute(double[] x, double[] out, int n) {
        exp(x, out, n, Long.MIN_VALUE);
    }

    /**
     * {@link #expOfNonPositive}'s loop on {@code t[i]} with {@code signBit} or-ed into its sign: 0 keeps it
     * (nothing changes for {@code t[i] <= 0}, -0.0 and +0.0 both giving 1), {@code Long.MIN_VALUE} makes it
     * {@code -|t[i]|}. One bit operation rather than a test, so no vector is merged from two branches.
     */
    private static void exp(double[] t, double[] out, int n, long signBit) {
        DoubleVector floor = DoubleVector.broadcast(SPECIES, EXP_FLOOR);
        DoubleVector minusLn2Lo = DoubleVector.broadcast(SPECIES, -LN2_LO);
        int padded = paddedLength(n);
        for (int j = 0; j < padded; j += SPECIES.length()) {
            DoubleVector raw = DoubleVector.fromArray(SPECIES, t, j).reinterpretAsLongs().or(signBit)
                    .reinterpretAsDoubles();
            // A blend rather than max(): Java's max semantics (NaN, -0.0) cost several instructions per lane.
            DoubleVector x = raw.blend(floor, raw.compare(VectorOperators.LT, EXP_FLOOR));
            DoubleVector k = x.mul(INV_LN2).add(ROUNDER).sub(ROUNDER);
            DoubleVector r = k.fma(minusLn2Lo, x.sub(k.mul(LN2_HI))); // k LN2_HI is exact
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector low = r.fma(1.0 / 5040.0, 1.0 / 720.0).fma(r2, r.fma(1.0 / 120.0, 1.0 / 24.0))
                    .fma(r4, r.fma(1.0 / 6.0, 0.5).fma(r2, r.add(1.0)));
            DoubleVector high = r.fma(1.0 / 6227020800.0, 1.0 / 479001600.0)
                    .fma(r4, r.fma(1.0 / 39916800.0, 1.0 / 3628800.0).fma(r2, r.fma(1.0 / 362880.0, 1.0 / 40320.0)));
            DoubleVector p = high.fma(r4.mul(r4), low);
            DoubleVector half = k.mul(0.5).add(ROUNDER).sub(ROUNDER);
            // 2^n from the bits of n + ROUNDER (n in its low bits): ((n + 1023) << 52).
            LongVector halfBits = half.add(ROUNDER).reinterpretAsLongs().sub(ROUNDER_BITS - 1023L);
            LongVector restBits = k.sub(half).add(ROUNDER).reinterpretAsLongs().sub(ROUNDER_BITS - 1023L);
            p.mul(halfBits.lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                    .mul(restBits.lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                    .intoArray(out, j);
        }
    }

    /**
     * {@code logs[i] = log1p(x[i])} and {@code reciprocals[i] = 1 / (1 + x[i])} for finite
     * {@code x[i] >= 0}, the log within about 1 ulp: {@code u = 1 + x} (rounded) is split as
     * {@code 2^k m} with {@code m} in {@code [sqrt(2) / 2, sqrt(2))} by bit operations, {@code log(u) =
     * k ln2 + log(m)} with {@link #LG1 fdlibm's polynomial}, and the rounding of {@code u} is put back:
     * {@code log1p(x) = log(u) - ((u - 1) - x) / u} (to first order; {@code (u - 1) - x} is exact).
     * {@code log1p(0)} is exactly 0. Touches {@code paddedLength(n)} elements.
     */
    public static void log1pAndReciprocal(double[] x, double[] logs, double[] reciprocals, int n) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        int padded = paddedLength(n);
        for (int j = 0; j < padded; j += SPECIES.length()) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, j);
            DoubleVector u = v.add(1.0);
            DoubleVector reciprocal = one.div(u);
            LongVector bits = u.reinterpretAsLongs();
            LongVector mantissa = bits.and(MANTISSA_BITS);
            LongVector halve = mantissa.add(ROOT2_CARRY).and(1L << 52); // 2^52 where m would be >= sqrt(2)
            DoubleVector m = mantissa.or(halve.lanewise(VectorOperators.XOR, ONE_BITS)).reinterpretAsDoubles();
            // k = biased exponent (+ 1 if halved) - 1023, as a double: the integer put in the low bits of 2^52.
            DoubleVector k = bits.lanewise(VectorOperators.LSHR, 52).add(halve.lanewise(VectorOperators.LSHR, 52))
                    .or(TWO52_BITS).reinterpretAsDoubles().sub(TWO52 + 1023.0);
            DoubleVector f = m.sub(1.0);
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector z2 = z.mul(z);
            DoubleVector poly = z.mul(LG2).add(LG1).add(z.mul(LG4).add(LG3).mul(z2))
                    .add(z.mul(LG6).add(LG5).add(z2.mul(LG7)).mul(z2.mul(z2)));
            DoubleVector halfSquare = f.mul(f).mul(0.5);
            DoubleVector logU = k.mul(LN2_HI)
                    .sub(halfSquare.sub(s.mul(halfSquare.add(poly.mul(z))).add(k.mul(LN2_LO))).sub(f));
            logU.sub(u.sub(1.0).sub(v).mul(reciprocal)).intoArray(logs, j);
            reciprocal.intoArray(reciprocals, j);
        }
    }

    /**
     * {@code out[i] = log(u[i])} for positive normal finite {@code u[i]}, within about 1 ulp: the split
     * {@code u = 2^k m} and fdlibm's polynomial of {@link #log1pAndReciprocal}, without the correction for
     * a rounded {@code 1 + x} (callers that need {@code log1p} put theirs back). Zero, subnormal, infinite
     * or negative {@code u} give meaningless values: callers compute those elements otherwise. Touches
     * {@code paddedLength(n)} elements; {@code out} must be another array than {@code u} (a first pass
     * keeps {@code s} there).
     */
    public static void log(double[] u, double[] out, int n) {
        int padded = paddedLength(n);
        // Two passes: s = f / (2 + f) first, so that neither pass's chain of dependent operations holds the
        // division and the polynomial both, and the processor overlaps more vectors.
        for (int j = 0; j < padded; j += SPECIES.length()) {
            DoubleVector f = reducedMantissa(DoubleVector.fromArray(SPECIES, u, j).reinterpretAsLongs()).sub(1.0);
            f.div(f.add(2.0)).intoArray(out, j);
        }
        for (int j = 0; j < padded; j += SPECIES.length()) {
            LongVector bits = DoubleVector.fromArray(SPECIES, u, j).reinterpretAsLongs();
            LongVector halve = bits.and(MANTISSA_BITS).add(ROOT2_CARRY).and(1L << 52);
            DoubleVector k = bits.lanewise(VectorOperators.LSHR, 52).add(halve.lanewise(VectorOperators.LSHR, 52))
                    .or(TWO52_BITS).reinterpretAsDoubles().sub(TWO52 + 1023.0);
            DoubleVector f = reducedMantissa(bits).sub(1.0);
            DoubleVector s = DoubleVector.fromArray(SPECIES, out, j);
            DoubleVector z = s.mul(s);
            DoubleVector z2 = z.mul(z);
            DoubleVector poly = z.mul(LG2).add(LG1).add(z.mul(LG4).add(LG3).mul(z2))
                    .add(z.mul(LG6).add(LG5).add(z2.mul(LG7)).mul(z2.mul(z2)));
            DoubleVector halfSquare = f.mul(f).mul(0.5);
            k.mul(LN2_HI).sub(halfSquare.sub(s.mul(halfSquare.add(poly.mul(z))).add(k.mul(LN2_LO))).sub(f))
                    .intoArray(out, j);
        }
    }

    private static DoubleVector reducedMantissa(LongVector bits) {
        LongVector mantissa = bits.and(MANTISSA_BITS);
        LongVector halve = mantissa.add(ROOT2_CARRY).and(1L << 52);
        return mantissa.or(halve.lanewise(VectorOperators.XOR, ONE_BITS)).reinterpretAsDoubles();
    }

    /**
     * Adds {@code values[0..n)} to {@code sum}: each lane keeps its own compensated (TwoSum) sum of the
     * elements at its positions, and the lanes' sums and then their compensations are added to
     * {@code sum} in lane order, then the elements past the last whole vector one by one. The result
     * depends only on the values and {@code n}, never on threads or timing.
     */
    public static void addAll(double[] values, int n, CompensatedSum sum) {
        DoubleVector total = DoubleVector.zero(SPECIES);
        DoubleVector compensation = DoubleVector.zero(SPECIES);
        int whole = SPECIES.loopBound(n);
        for (int j = 0; j < whole; j += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, values, j);
            // Knuth's TwoSum, lane by lane, as CompensatedSum.add does.
            DoubleVector t = total.add(x);
            DoubleVector xPart = t.sub(total);
            compensation = compensation.add(total.sub(t.sub(xPart)).add(x.sub(xPart)));
            total = t;
        }
        for (int lane = 0; lane < SPECIES.length(); lane++) {
            sum.add(total.lane(lane));
        }
        for (int lane = 0; lane < SPECIES.length(); lane++) {
            if (Double.isFinite(total.lane(lane))) { // else its compensation is inf - inf: meaningless
                sum.add(compensation.lane(lane));
            }
        }
        for (int j = whole; j < n; j++) {
            sum.add(values[j]);
        }
    }
}
