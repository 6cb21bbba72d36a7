package dev.xent.losses.binary;

import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.KernelScratch;
import dev.xent.core.numeric.VectorMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BinaryLogLoss#logits} with the Vector API: the same formula, operation for operation, on
 * {@link DoubleVector#SPECIES_PREFERRED} lanes. Only loaded when
 * {@link dev.xent.core.numeric.VectorSupport#enabled()} says so.
 *
 * <p>{@code exp(-|x|)} comes from {@link VectorMath#expOfNonPositive}; {@code log} of
 * {@code 1 + exp(-|x|)} in [1, 2] is computed here from basic IEEE operations (fdlibm's reduction and
 * polynomial, in Estrin's scheme), for the reason {@link VectorMath} gives: the same bits whether the
 * kernel runs interpreted or compiled. Both are within a few ulps.
 *
 * <p>All vector code of a pass sits in one method: C2 keeps vectors in registers only within the code
 * it inlines, and a vector passed to or returned from a call it does not inline is boxed.
 *
 * <p>Elements are copied block by block into scratch arrays (in bulk, {@link Tensor#copyTo(int, double[],
 * int, int)}), padded to whole vectors with finite values whose results are dropped, so no masked
 * operations are needed. The weighted losses of a block are added to the compensated sum by
 * {@link VectorMath#addAll}: each element's loss depends only on that element, and the order of
 * additions only on the chunk's bounds, so the sum has the same bits for any thread count. The exact
 * limits at {@code x = +-inf} need no fix-up: the scalar kernel's "a term whose weight is 0 is 0" rule is
 * applied to every lane with a blend, which for finite x changes nothing (both terms are then finite and
 * non-negative).
 */
final class BinaryLogitsVectorKernel implements SegmentKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Elements per block: a multiple of every lane count; the scratch (5 blocks, 10 KB, kept per thread) stays in L1. */
    private static final int BLOCK = 256;
    private static final double SQRT2 = 1.41421356237309504880;

    private final double labelSmoothing;
    private final double posWeight;
    private final double[] logits = KernelScratch.doubles(0, BLOCK);
    private final double[] labels = KernelScratch.doubles(1, BLOCK);
    private final double[] exps = KernelScratch.doubles(2, BLOCK);
    private final double[] losses = KernelScratch.doubles(3, BLOCK);
    private final double[] derivatives = KernelScratch.doubles(4, BLOCK);

    /** Made at the start of a chunk, on the thread that runs it: its scratch is that thread's. */
    private BinaryLogitsVectorKernel(double labelSmoothing, double posWeight) {
        this.labelSmoothing = labelSmoothing;
        this.posWeight = posWeight;
    }

    /** A new kernel per call of {@code forChunk()}: one per chunk, with the scratch of the thread that runs it. */
    static SegmentKernels factory(double labelSmoothing, double posWeight) {
        return () -> new BinaryLogitsVectorKernel(labelSmoothing, posWeight);
    }

    @Override
    public boolean accumulate(Tensor predictions, Tensor targets, int from, int to, double weight, double gradientScale,
                           CompensatedSum sum, double[] gradientOut) {
        for (int start = from; start < to; start += BLOCK) {
            int count = Math.min(BLOCK, to - start);
            int padded = VectorBlock.load(predictions, targets, start, count, logits, labels, 0.0);
            VectorBlock.minusAbsolute(logits, exps, padded);
            VectorMath.expOfNonPositive(exps, exps, count);
            block(padded, weight, gradientScale, gradientOut != null);
            if (weight > 1 || gradientScale > 1) {
                applyWeightBeforeUnderflow(count, weight, gradientScale, gradientOut != null);
            }
            VectorBlock.store(losses, derivatives, count, sum, gradientOut, start);
        }
        return true;
    }

    /**
     * Where {@code exp(-|x|)} is subnormal (|x| > 708) a weight above 1 would multiply lost bits: those
     * elements are redone by the scalar {@link BinaryLogLoss#weightedLogits}, which applies the weight first.
     */
    private void applyWeightBeforeUnderflow(int count, double weight, double gradientScale, boolean withDerivatives) {
        for (int j = 0; j < count; j++) {
            double x = logits[j];
            if (Math.abs(x) > 708) {
                double label = labels[j];
                losses[j] = BinaryLogLoss.weightedLogits(x, BinaryLogLoss.smooth(label, labelSmoothing),
                        BinaryLogLoss.smoothComplement(label, labelSmoothing), posWeight, weight, gradientScale,
                        withDerivatives ? derivatives : null, j);
            }
        }
    }

    /**
     * Weighted losses and scaled derivatives of the first {@code padded} scratch elements, given
     * {@code exps = exp(-|x|)}: {@link BinaryLogLoss#logits}'s steps, with log as the class documentation says.
     */
    private void block(int padded, double weight, double gradientScale, boolean withDerivatives) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int j = 0; j < padded; j += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, logits, j);
            DoubleVector label = DoubleVector.fromArray(SPECIES, labels, j);
            DoubleVector y = label.mul(1 - labelSmoothing).add(0.5 * labelSmoothing);
            // 1 - y from the raw label (BinaryLogLoss.smoothComplement), not from the rounded y
            DoubleVector oneMinusY = one.sub(label).mul(1 - labelSmoothing).add(0.5 * labelSmoothing);
            DoubleVector e = DoubleVector.fromArray(SPECIES, exps, j);
            DoubleVector onePlusE = one.add(e);
            DoubleVector large = one.div(onePlusE);

            // log(1 + e), 1 + e in [1, 2]: fdlibm's 2^m (1 + f) (VectorMath.LG1), m in {0, 1}, f = (1 + e) / 2^m - 1 exact.
            VectorMask<Double> upper = onePlusE.compare(VectorOperators.GT, SQRT2);
            DoubleVector m = zero.blend(one, upper);
            DoubleVector f = onePlusE.blend(onePlusE.mul(0.5), upper).sub(1.0);
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector z2 = z.mul(z);
            DoubleVector poly = z.mul(VectorMath.LG2).add(VectorMath.LG1)
                    .add(z.mul(VectorMath.LG4).add(VectorMath.LG3).mul(z2))
                    .add(z.mul(VectorMath.LG6).add(VectorMath.LG5).add(z2.mul(VectorMath.LG7)).mul(z2.mul(z2)));
            DoubleVector halfSquare = f.mul(f).mul(0.5);
            DoubleVector logOnePlusE = m.mul(VectorMath.LN2_HI)
                    .sub(halfSquare.sub(s.mul(halfSquare.add(poly.mul(z))).add(m.mul(VectorMath.LN2_LO))).sub(f));

            DoubleVector log1pE = logOnePlusE.sub(onePlusE.sub(1.0).sub(e).mul(large));
            VectorMask<Double> nonNegative = x.compare(VectorOperators.GE, 0.0);
            DoubleVector softplusOfX = zero.blend(x, nonNegative).add(log1pE); // max(x, 0) + log1p(e)
            DoubleVector softplusOfMinusX = x.neg().blend(zero, nonNegative).add(log1pE);
            DoubleVector positiveWeight = y.mul(posWeight);
            DoubleVector loss = oneMinusY.mul(softplusOfX).blend(zero, oneMinusY.eq(0.0))
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
