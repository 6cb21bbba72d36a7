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
 * {@link BinaryLogLoss#logits} with the Vector API: the same formula on {@link DoubleVector#SPECIES_PREFERRED}
 * lanes. Only loaded when {@link dev.xent.core.numeric.VectorSupport#enabled()} says so.
 *
 * <p>{@code e = exp(-|x|)} comes from {@link VectorMath#expOfMinusAbsolute}, {@code log1p(e)} and
 * {@code sigmoid(|x|) = 1 / (1 + e)} from {@link VectorMath#log1pAndReciprocal}: basic IEEE operations,
 * for the reason {@link VectorMath} gives (the same bits whether the kernel runs interpreted or
 * compiled), each within a few ulps.
 *
 * <p>A block runs in passes: {@code exp}, then {@code log1p} and the reciprocal, then the rest of each
 * element. Each pass's chain of dependent operations per vector is short, so the processor overlaps
 * many vectors; one loop doing it all per vector has a chain of about 100 cycles (two divisions among
 * them) and few vectors in flight. All vector code of a pass sits in one method: C2 keeps vectors in
 * registers only within the code it inlines, and a vector passed to or returned from a call it does not
 * inline is boxed.
 *
 * <p>Elements are copied block by block into scratch arrays (in bulk, {@link Tensor#copyTo(int, double[],
 * int, int)}), padded to whole vectors with finite values whose results are dropped, so no masked
 * operations are needed; a block of whole vectors writes its derivatives straight into the gradient. The
 * last pass also checks the inputs as it reads them (a NaN logit, a target outside [0, 1]), so the loss
 * makes no separate validation pass ({@link SegmentKernels#checkInputs()}). The weighted losses of a
 * block are added to the compensated sum by {@link VectorMath#addAll}: each element's loss depends only
 * on that element, and the order of additions only on the chunk's bounds, so the sum has the same bits
 * for any thread count. For finite x both softplus terms are finite, so a term whose weight is 0 is 0
 * without a blend; a block with an infinite logit has those elements redone by the scalar
 * {@link BinaryLogLoss#weightedLogits}, which has the exact limits.
 */
final class BinaryLogitsVectorKernel implements SegmentKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /**
     * Elements per block: a multiple of every lane count. The scratch (7 blocks, 56 KB, kept per thread) stays in
     * L2; blocks of 1,024 ran 7-9% faster than of 256 (fewer block steps and bulk copies per element).
     */
    private static final int BLOCK = 1024;

    private final double labelSmoothing;
    private final double posWeight;
    private final double[] logits = KernelScratch.doubles(0, BLOCK);
    private final double[] labels = KernelScratch.doubles(1, BLOCK);
    private final double[] exps = KernelScratch.doubles(2, BLOCK);
    private final double[] losses = KernelScratch.doubles(3, BLOCK);
    private final double[] derivatives = KernelScratch.doubles(4, BLOCK);
    private final double[] log1pOfExps = KernelScratch.doubles(5, BLOCK);
    private final double[] sigmoids = KernelScratch.doubles(6, BLOCK);

    /** Made at the start of a chunk, on the thread that runs it: its scratch is that thread's. */
    private BinaryLogitsVectorKernel(double labelSmoothing, double posWeight) {
        this.labelSmoothing = labelSmoothing;
        this.posWeight = posWeight;
    }

    /**
     * Kernels that check the inputs as they read them (a NaN logit, a target outside [0, 1]); a new one per
     * call of {@code forChunk()}: one per chunk, with the scratch of the thread that runs it.
     */
    static SegmentKernels factory(double labelSmoothing, double posWeight) {
        return SegmentKernels.checking(() -> new BinaryLogitsVectorKernel(labelSmoothing, posWeight));
    }

    @Override
    public boolean accumulate(Tensor predictions, Tensor targets, int from, int to, double weight, double gradientScale,
                           CompensatedSum sum, double[] gradientOut) {
        boolean valid = true;
        boolean weightAboveOne = weight > 1 || gradientScale > 1;
        for (int start = from; start < to; start += BLOCK) {
            int count = Math.min(BLOCK, to - start);
            int padded = VectorBlock.load(predictions, targets, start, count, logits, labels, 0.0);
            VectorMath.expOfMinusAbsolute(logits, exps, count);
            VectorMath.log1pAndReciprocal(exps, log1pOfExps, sigmoids, count);
            double[] target = VectorBlock.derivativesTarget(gradientOut, derivatives, count, padded);
            int offset = VectorBlock.derivativesOffset(target, gradientOut, start);
            boolean ordinary = block(padded, weight, gradientScale, target, offset);
            if (!ordinary || weightAboveOne) {
                valid &= redo(count, weightAboveOne ? 708 : Double.MAX_VALUE, weight, gradientScale, target, offset);
            }
            VectorBlock.store(losses, target, count, sum, gradientOut, start);
        }
        return valid;
    }

    /**
     * Checks the block's inputs and redoes the elements with {@code |x| > threshold} by the scalar
     * {@link BinaryLogLoss#weightedLogits}: the infinite logits (the block assumes finite ones), and, with a
     * weight above 1, those whose {@code exp(-|x|)} is subnormal (|x| > 708), where the weight would multiply
     * lost bits ({@code weightedLogits} applies it first). Returns whether every logit is not NaN and every
     * target in [0, 1].
     */
    private boolean redo(int count, double threshold, double weight, double gradientScale, double[] derivativesOut,
                         int offset) {
        boolean valid = true;
        for (int j = 0; j < count; j++) {
            double x = logits[j];
            double label = labels[j];
            valid &= label >= 0 & label <= 1 & x == x; // false for NaN too
            if (Math.abs(x) > threshold) {
                losses[j] = BinaryLogLoss.weightedLogits(x, BinaryLogLoss.smooth(label, labelSmoothing),
                        BinaryLogLoss.smoothComplement(label, labelSmoothing), posWeight, weight, gradientScale,
                        derivativesOut, offset + j);
            }
        }
        return valid;
    }

    /**
     * Weighted losses and scaled derivatives (into {@code derivativesOut} from {@code offset}, none if it is
     * null) of the first {@code padded} scratch elements, given {@code exps = exp(-|x|)}:
     * {@link BinaryLogLoss#logits}'s steps, with log as the class documentation says, for finite x. Returns
     * whether every logit is finite and every target in [0, 1] (the padding is); if not, {@link #redo} must
     * check the block and redo its infinite logits.
     */
    private boolean block(int padded, double weight, double gradientScale, double[] derivativesOut, int offset) {
        boolean ordinary = true;
        // Without smoothing y = label and 1 - y = 1 - label exactly, with posWeight 1 pw y = y: steps left out.
        boolean smoothing = labelSmoothing != 0;
        boolean positiveWeighted = posWeight != 1;
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int j = 0; j < padded; j += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, logits, j);
            DoubleVector label = DoubleVector.fromArray(SPECIES, labels, j);
            ordinary &= label.compare(VectorOperators.GE, 0.0).and(label.compare(VectorOperators.LE, 1.0))
                    .and(x.abs().compare(VectorOperators.LT, Double.POSITIVE_INFINITY)).allTrue(); // false for NaN too
            DoubleVector y = smoothing ? label.mul(1 - labelSmoothing).add(0.5 * labelSmoothing) : label;
            // 1 - y from the raw label (BinaryLogLoss.smoothComplement), not from the rounded y
            DoubleVector oneMinusY = smoothing ? one.sub(label).mul(1 - labelSmoothing).add(0.5 * labelSmoothing)
                    : one.sub(label);
            DoubleVector e = DoubleVector.fromArray(SPECIES, exps, j);
            DoubleVector large = DoubleVector.fromArray(SPECIES, sigmoids, j); // sigmoid(|x|) = 1 / (1 + e)
            DoubleVector log1pE = DoubleVector.fromArray(SPECIES, log1pOfExps, j);
            VectorMask<Double> nonNegative = x.compare(VectorOperators.GE, 0.0);
            DoubleVector softplusOfX = zero.blend(x, nonNegative).add(log1pE); // max(x, 0) + log1p(e)
            DoubleVector softplusOfMinusX = x.neg().blend(zero, nonNegative).add(log1pE);
            DoubleVector positiveWeight = positiveWeighted ? y.mul(posWeight) : y;
            // x finite: both softplus terms finite, so a term whose weight is 0 is 0 without a blend
            DoubleVector loss = oneMinusY.mul(softplusOfX).add(positiveWeight.mul(softplusOfMinusX));
            loss.mul(weight).intoArray(losses, j);
            if (derivativesOut != null) {
                DoubleVector small = e.mul(large);
                DoubleVector sigmoidOfX = small.blend(large, nonNegative);
                DoubleVector sigmoidOfMinusX = large.blend(small, nonNegative);
                oneMinusY.mul(sigmoidOfX).sub(positiveWeight.mul(sigmoidOfMinusX)).mul(gradientScale)
                        .intoArray(derivativesOut, offset + j);
            }
        }
        return ordinary;
    }
}
