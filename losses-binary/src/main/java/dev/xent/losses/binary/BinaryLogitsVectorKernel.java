package dev.xent.losses.binary;

import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import java.util.function.Supplier;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BinaryLogLoss#logits} with the Vector API: the same formula, operation for operation, on
 * {@link DoubleVector#SPECIES_PREFERRED} lanes. Only loaded when {@link VectorSupport#enabled()} says so.
 *
 * <p>{@code exp} and {@code log} are computed here from additions, multiplications, divisions and bit
 * operations, for the ranges the formula needs ({@code exp} of {@code -|x|}, {@code log} of
 * {@code 1 + exp(-|x|)} in [1, 2]), not with {@code VectorOperators.EXP} and {@code LOG}: compiled by C2
 * those call Intel's SVML, but interpreted or compiled by C1 they fall back to {@code Math.exp} and
 * {@code Math.log} lane by lane, which round differently in the last place, so the same input would
 * give different bits before and after the JIT compiled the kernel (and, while it compiles, for
 * different thread counts). Basic IEEE operations give the same bits in every mode. Accuracy: within a
 * few ulps (fdlibm's reduction and polynomial for log; {@code t = k ln2 + r}, {@code |r| <= ln2 / 2},
 * and a degree-13 Taylor polynomial for exp; both polynomials by Estrin's scheme).
 *
 * <p>All vector code sits in one method, {@link #block}: C2 keeps vectors in registers only within
 * the code it inlines, and a vector passed to or returned from a call it does not inline is boxed.
 *
 * <p>Elements are copied block by block into scratch arrays (the tensors do not expose theirs), padded
 * to whole vectors with finite values whose results are dropped, so no masked operations are needed.
 * The weighted losses are then added to the compensated sum one by one in element order, as the scalar
 * loop does: each element's result depends only on that element, never on its lane or block, so the
 * sum has the same bits for any thread count. The exact limits at {@code x = +-inf} need no fix-up:
 * the scalar kernel's "a term whose weight is 0 is 0" rule is applied to every lane with a blend,
 * which for finite x changes nothing (both terms are then finite and non-negative).
 */
final class BinaryLogitsVectorKernel implements SegmentKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Elements per block: a multiple of every lane count; the scratch (4 blocks, 8 KB) stays in L1. */
    private static final int BLOCK = 256;
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


    private final double labelSmoothing;
    private final double posWeight;
    private final double[] logits = new double[BLOCK];
    private final double[] labels = new double[BLOCK];
    private final double[] losses = new double[BLOCK];
    private final double[] derivatives = new double[BLOCK];

    private BinaryLogitsVectorKernel(double labelSmoothing, double posWeight) {
        this.labelSmoothing = labelSmoothing;
        this.posWeight = posWeight;
    }

    /** A new kernel (with its own scratch) per call of {@code get()}: one per chunk. */
    static Supplier<SegmentKernel> factory(double labelSmoothing, double posWeight) {
        return () -> new BinaryLogitsVectorKernel(labelSmoothing, posWeight);
    }

    @Override
    public void accumulate(Tensor predictions, Tensor targets, int from, int to, double weight, double gradientScale,
                           CompensatedSum sum, double[] gradientOut) {
        for (int start = from; start < to; start += BLOCK) {
            int count = Math.min(BLOCK, to - start);
            int padded = SPECIES.loopBound(count + SPECIES.length() - 1);
            for (int j = 0; j < count; j++) {
                logits[j] = predictions.getFlat(start + j);
                labels[j] = targets.getFlat(start + j);
            }
            for (int j = count; j < padded; j++) {
                logits[j] = 0.0;
                labels[j] = 0.0;
            }
            block(padded, weight, gradientScale, gradientOut != null);
            for (int j = 0; j < count; j++) {
                sum.add(losses[j]);
            }
            if (gradientOut != null) {
                System.arraycopy(derivatives, 0, gradientOut, start, count);
            }
        }
    }

    /**
     * Weighted losses and scaled derivatives of the first {@code padded} scratch elements:
     * {@link BinaryLogLoss#logits}'s steps, with exp and log as the class documentation says.
     */
    private void block(int padded, double weight, double gradientScale, boolean withDerivatives) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector floor = DoubleVector.broadcast(SPECIES, EXP_FLOOR);
        for (int j = 0; j < padded; j += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, logits, j);
            DoubleVector y = DoubleVector.fromArray(SPECIES, labels, j).mul(1 - labelSmoothing)
                    .add(0.5 * labelSmoothing);

            // e = exp(t), t = -|x| clamped at -746 (below it exp is 0): t = k ln2 + r, exp(r) by Taylor,
            // times 2^k applied as two halves >= -539 so that subnormal results are rounded once.
            // Blends rather than max(): Java's max semantics (NaN, -0.0) cost several instructions per lane.
            DoubleVector minusAbs = x.abs().neg();
            DoubleVector t = minusAbs.blend(floor, minusAbs.compare(VectorOperators.LT, EXP_FLOOR));
            DoubleVector k = t.mul(INV_LN2).add(ROUNDER).sub(ROUNDER);
            DoubleVector r = t.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            // Estrin's scheme (pairs, then powers r^2, r^4, r^8): a short dependency chain, unlike Horner's.
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector low = r.add(1.0).add(r.mul(1.0 / 6.0).add(0.5).mul(r2))
                    .add(r.mul(1.0 / 120.0).add(1.0 / 24.0).add(r.mul(1.0 / 5040.0).add(1.0 / 720.0).mul(r2)).mul(r4));
            DoubleVector high = r.mul(1.0 / 362880.0).add(1.0 / 40320.0)
                    .add(r.mul(1.0 / 39916800.0).add(1.0 / 3628800.0).mul(r2))
                    .add(r.mul(1.0 / 6227020800.0).add(1.0 / 479001600.0).mul(r4));
            DoubleVector p = low.add(high.mul(r4.mul(r4)));
            DoubleVector half = k.mul(0.5).add(ROUNDER).sub(ROUNDER);
            // 2^n from the bits of n + ROUNDER (n in its low bits): ((n + 1023) << 52).
            LongVector halfBits = half.add(ROUNDER).reinterpretAsLongs().sub(ROUNDER_BITS - 1023L);
            LongVector restBits = k.sub(half).add(ROUNDER).reinterpretAsLongs().sub(ROUNDER_BITS - 1023L);
            DoubleVector e = p.mul(halfBits.lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                    .mul(restBits.lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());

            DoubleVector onePlusE = one.add(e);
            DoubleVector large = one.div(onePlusE);

            // log(1 + e), 1 + e in [1, 2]: fdlibm's 2^m (1 + f), m in {0, 1}, f = (1 + e) / 2^m - 1 exact.
            VectorMask<Double> upper = onePlusE.compare(VectorOperators.GT, SQRT2);
            DoubleVector m = zero.blend(one, upper);
            DoubleVector f = onePlusE.blend(onePlusE.mul(0.5), upper).sub(1.0);
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector z2 = z.mul(z);
            DoubleVector poly = z.mul(LG2).add(LG1).add(z.mul(LG4).add(LG3).mul(z2))
                    .add(z.mul(LG6).add(LG5).add(z2.mul(LG7)).mul(z2.mul(z2)));
            DoubleVector halfSquare = f.mul(f).mul(0.5);
            DoubleVector logOnePlusE = m.mul(LN2_HI)
                    .sub(halfSquare.sub(s.mul(halfSquare.add(poly.mul(z))).add(m.mul(LN2_LO))).sub(f));

            DoubleVector log1pE = logOnePlusE.sub(onePlusE.sub(1.0).sub(e).mul(large));
            VectorMask<Double> nonNegative = x.compare(VectorOperators.GE, 0.0);
            DoubleVector softplusOfX = zero.blend(x, nonNegative).add(log1pE); // max(x, 0) + log1p(e)
            DoubleVector softplusOfMinusX = x.neg().blend(zero, nonNegative).add(log1pE);
            DoubleVector oneMinusY = one.sub(y);
            DoubleVector positiveWeight = y.mul(posWeight);
            DoubleVector loss = oneMinusY.mul(softplusOfX).blend(zero, y.eq(1.0))
                    .add(positiveWeight.mul(softplusOfMinusX).blend(zero, y.eq(0.0)));
            loss.mul(weight).intoArray(losses, j);
            if (withDerivatives) {
                DoubleVector small = e.mul(large);
                DoubleVector sigmoidOfX = small.blend(large, nonNegative);
                DoubleVector sigmoidOfMinusX = large.blend(small, nonNegative);
                oneMinusY.mul(sigmoidOfX).sub(positiveWeight.mul(sigmoidOfMinusX)).mul(gradientScale)
                        .intoArray(derivatives, j);
            }
        }
    }
}
