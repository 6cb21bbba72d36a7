package dev.xent.losses.binary;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code exp} and {@code log} on {@link DoubleVector} lanes from additions, multiplications, divisions
 * and bit operations only, for the ranges BCE with logits needs ({@code exp} of {@code -|x|} and
 * {@code log} of {@code 1 + exp(-|x|)}, in [1, 2]).
 *
 * <p>Why not {@code VectorOperators.EXP} and {@code LOG}: compiled by C2 they call Intel's SVML, but
 * interpreted or compiled by C1 they fall back to {@code Math.exp} and {@code Math.log} lane by lane,
 * which round differently in the last place. The same input would then give different bits before and
 * after the JIT compiled the kernel, and (while it compiles) for different thread counts. Basic IEEE
 * operations give the same bits in every mode, so these do too. Accuracy: within 2 ulps (fdlibm's
 * reductions and polynomial for log, a degree-13 Taylor polynomial on |r| <= ln(2) / 2 for exp).
 */
final class VectorMath {
    private static final double LN2_HI = 6.93147180369123816490e-01; // trailing zeros: k * LN2_HI is exact
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    /** 1.5 * 2^52: adding it rounds to an integer and leaves that integer in the low bits of the result. */
    private static final double ROUNDER = 0x1.8p52;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    /** Below this exp(t) is 0 in double (t = -746 rounds to 0 whatever the last bits). */
    private static final double EXP_FLOOR = -746.0;
    private static final double SQRT2 = 1.41421356237309504880;
    // fdlibm's e_log.c: log(1 + f) = f - hfsq + s (hfsq + R(s^2)), s = f / (2 + f).
    private static final double LG1 = 6.666666666666735130e-01;
    private static final double LG2 = 3.999999999940941908e-01;
    private static final double LG3 = 2.857142874366239149e-01;
    private static final double LG4 = 2.222219843214978396e-01;
    private static final double LG5 = 1.818357216161805012e-01;
    private static final double LG6 = 1.531383769920937332e-01;
    private static final double LG7 = 1.479819860511658591e-01;

    private VectorMath() {
    }

    /**
     * {@code exp(t)} for {@code t <= 0} (and -inf): {@code t = k ln2 + r}, {@code |r| <= ln2 / 2},
     * {@code exp(r)} by its Taylor polynomial to degree 13 (truncation below 1e-17), times {@code 2^k}
     * applied as two halves so that results down to the subnormals are formed with one rounding.
     */
    static DoubleVector expOfNonPositive(DoubleVector t) {
        DoubleVector clamped = t.max(EXP_FLOOR);
        DoubleVector shifted = clamped.mul(INV_LN2).add(ROUNDER);
        DoubleVector k = shifted.sub(ROUNDER); // round(t / ln2), an integer in [-1077, 0]
        DoubleVector r = clamped.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
        DoubleVector p = r.mul(1.0 / 6227020800.0).add(1.0 / 479001600.0);
        p = p.mul(r).add(1.0 / 39916800.0);
        p = p.mul(r).add(1.0 / 3628800.0);
        p = p.mul(r).add(1.0 / 362880.0);
        p = p.mul(r).add(1.0 / 40320.0);
        p = p.mul(r).add(1.0 / 5040.0);
        p = p.mul(r).add(1.0 / 720.0);
        p = p.mul(r).add(1.0 / 120.0);
        p = p.mul(r).add(1.0 / 24.0);
        p = p.mul(r).add(1.0 / 6.0);
        p = p.mul(r).add(0.5);
        p = p.mul(r).add(1.0);
        p = p.mul(r).add(1.0);
        // k = half + rest with both >= -539, so each 2^half, 2^rest is a normal double.
        DoubleVector half = k.mul(0.5).add(ROUNDER).sub(ROUNDER);
        DoubleVector rest = k.sub(half);
        return p.mul(powerOfTwo(half)).mul(powerOfTwo(rest));
    }

    /** {@code 2^n} for an integer-valued {@code n} in [-1022, 1023], built from its bits. */
    private static DoubleVector powerOfTwo(DoubleVector n) {
        LongVector bits = n.add(ROUNDER).reinterpretAsLongs();
        return bits.sub(ROUNDER_BITS - 1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    }

    /**
     * {@code log(u)} for {@code 1 <= u <= 2}: fdlibm's method with {@code u = 2^k m}, {@code k} in {0, 1},
     * {@code m} in [sqrt(2)/2, sqrt(2)], {@code f = m - 1} (exact).
     */
    static DoubleVector logOfOneToTwo(DoubleVector u) {
        VectorMask<Double> upper = u.compare(VectorOperators.GT, SQRT2);
        DoubleVector k = DoubleVector.zero(u.species()).blend(DoubleVector.broadcast(u.species(), 1.0), upper);
        DoubleVector f = u.blend(u.mul(0.5), upper).sub(1.0);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector poly = z.mul(LG7).add(LG6);
        poly = poly.mul(z).add(LG5);
        poly = poly.mul(z).add(LG4);
        poly = poly.mul(z).add(LG3);
        poly = poly.mul(z).add(LG2);
        poly = poly.mul(z).add(LG1);
        DoubleVector r = poly.mul(z);
        DoubleVector halfSquare = f.mul(f).mul(0.5);
        // fdlibm: k ln2_hi - ((hfsq - (s (hfsq + R) + k ln2_lo)) - f)
        return k.mul(LN2_HI).sub(halfSquare.sub(s.mul(halfSquare.add(r)).add(k.mul(LN2_LO))).sub(f));
    }
}
