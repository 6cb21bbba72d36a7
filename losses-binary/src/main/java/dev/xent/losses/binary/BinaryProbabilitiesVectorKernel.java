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
 * {@link BinaryLogLoss#probabilities} with the Vector API, on {@link DoubleVector#SPECIES_PREFERRED}
 * lanes: {@code pc = clip(p, eps, 1 - eps)}, {@code l = -pw y log(pc) - (1 - y) log1p(-pc)}, derivative
 * {@code -pw y / pc + (1 - y) / (1 - pc)} (0 where p was clipped), a term whose target weight is 0 being
 * 0. Only loaded when {@link dev.xent.core.numeric.VectorSupport#enabled()} says so.
 *
 * <p>Both logs come from {@link VectorMath#log} (basic IEEE operations: the same bits in every execution
 * mode). {@code log1p(-pc)} is {@code log(q) - ((q - 1) + pc) / q} for the rounded {@code q = 1 - pc}
 * (its rounding put back, as {@link VectorMath#log1pAndReciprocal} does; {@code q - 1} is exact), so a
 * small {@code pc} keeps its relative accuracy. Where {@code pc} is subnormal or zero, or {@code q} is
 * zero (only with {@code epsilon} 0 or below the smallest normal), the element is redone by the scalar
 * kernel: {@link VectorMath#log} is meant for normal numbers, and the scalar kernel has the exact
 * limits ({@code +inf} loss, {@code -inf} slope).
 *
 * <p>Blocks, padding, scratch, the derivatives written straight into the gradient, the checks of the inputs
 * as they are read (no separate validation pass) and the compensated sum are as in
 * {@link BinaryLogitsVectorKernel}: each element's result depends only on that element, and the order of
 * additions only on the chunk's bounds, so the same bits for any thread count.
 */
final class BinaryProbabilitiesVectorKernel implements SegmentKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /**
     * Elements per block: a multiple of every lane count. The scratch (7 blocks, 56 KB, kept per thread) stays in
     * L2; blocks of 1,024 ran 7-9% faster than of 256 (fewer block steps and bulk copies per element).
     */
    private static final int BLOCK = 1024;

    private final double labelSmoothing;
    private final double posWeight;
    private final double epsilon;
    private final double[] probabilities = KernelScratch.doubles(0, BLOCK);
    private final double[] labels = KernelScratch.doubles(1, BLOCK);
    private final double[] clipped = KernelScratch.doubles(2, BLOCK);
    private final double[] logOfClipped = KernelScratch.doubles(3, BLOCK);
    private final double[] logOfComplement = KernelScratch.doubles(4, BLOCK);
    private final double[] losses = KernelScratch.doubles(5, BLOCK);
    private final double[] derivatives = KernelScratch.doubles(6, BLOCK);

    /** Made at the start of a chunk, on the thread that runs it: its scratch is that thread's. */
    private BinaryProbabilitiesVectorKernel(double labelSmoothing, double posWeight, double epsilon) {
        this.labelSmoothing = labelSmoothing;
        this.posWeight = posWeight;
        this.epsilon = epsilon;
    }

    /**
     * Kernels that check the inputs as they read them (a probability or a target outside [0, 1], or NaN); a
     * new one per call of {@code forChunk()}: one per chunk, with the scratch of the thread that runs it.
     */
    static SegmentKernels factory(double labelSmoothing, double posWeight, double epsilon) {
        return SegmentKernels.checking(() -> new BinaryProbabilitiesVectorKernel(labelSmoothing, posWeight, epsilon));
    }

    @Override
    public boolean accumulate(Tensor predictions, Tensor targets, int from, int to, double weight, double gradientScale,
                           CompensatedSum sum, double[] gradientOut) {
        boolean valid = true;
        for (int start = from; start < to; start += BLOCK) {
            int count = Math.min(BLOCK, to - start);
            int padded = VectorBlock.load(predictions, targets, start, count, probabilities, labels, 0.5);
            boolean beyondNormal = VectorBlock.clipAndLog(probabilities, clipped, logOfClipped, logOfComplement, padded,
                    count, epsilon);
            double[] target = VectorBlock.derivativesTarget(gradientOut, derivatives, count, padded);
            int offset = VectorBlock.derivativesOffset(target, gradientOut, start);
            valid &= block(padded, weight, gradientScale, target, offset);
            if (beyondNormal) {
                redoBeyondNormal(count, weight, gradientScale, target, offset);
            }
            VectorBlock.store(losses, target, count, sum, gradientOut, start);
        }
        return valid;
    }

    /**
     * Weighted losses and scaled derivatives (into {@code derivativesOut} from {@code offset}, none if it is
     * null) of the first {@code padded} scratch elements, given both logs. Returns whether every probability
     * and every target is in [0, 1] (the padding is).
     */
    private boolean block(int padded, double weight, double gradientScale, double[] derivativesOut, int offset) {
        boolean valid = true;
        DoubleVector zero = DoubleVector.zero(SPECIES);
        double upper = 1 - epsilon;
        for (int j = 0; j < padded; j += SPECIES.length()) {
            DoubleVector label = DoubleVector.fromArray(SPECIES, labels, j);
            DoubleVector p = DoubleVector.fromArray(SPECIES, probabilities, j);
            valid &= label.compare(VectorOperators.GE, 0.0).and(label.compare(VectorOperators.LE, 1.0))
                    .and(p.compare(VectorOperators.GE, 0.0)).and(p.compare(VectorOperators.LE, 1.0))
                    .allTrue(); // false for NaN too
            DoubleVector y = label.mul(1 - labelSmoothing).add(0.5 * labelSmoothing);
            // 1 - y from the raw label (BinaryLogLoss.smoothComplement), not from the rounded y
            DoubleVector oneMinusY = label.neg().add(1.0).mul(1 - labelSmoothing).add(0.5 * labelSmoothing);
            DoubleVector pc = DoubleVector.fromArray(SPECIES, clipped, j);
            DoubleVector q = pc.neg().add(1.0);
            DoubleVector log1pOfMinusPc = DoubleVector.fromArray(SPECIES, logOfComplement, j)
                    .sub(q.sub(1.0).add(pc).div(q));
            DoubleVector positiveWeight = y.mul(posWeight);
            VectorMask<Double> noPositive = y.eq(0.0);
            VectorMask<Double> noNegative = oneMinusY.eq(0.0);
            DoubleVector loss = positiveWeight.mul(DoubleVector.fromArray(SPECIES, logOfClipped, j)).blend(zero, noPositive)
                    .add(oneMinusY.mul(log1pOfMinusPc).blend(zero, noNegative)).neg();
            loss.mul(weight).intoArray(losses, j);
            if (derivativesOut != null) {
                VectorMask<Double> wasClipped = p.compare(VectorOperators.LT, epsilon)
                        .or(p.compare(VectorOperators.GT, upper));
                oneMinusY.div(q).blend(zero, noNegative).sub(positiveWeight.div(pc).blend(zero, noPositive))
                        .mul(gradientScale).blend(zero, wasClipped).intoArray(derivativesOut, offset + j);
            }
        }
        return valid;
    }

    /** The scalar kernel for the elements whose clipped p is subnormal or zero, or whose complement is 0. */
    private void redoBeyondNormal(int count, double weight, double gradientScale, double[] derivativesOut,
                                  int offset) {
        for (int j = 0; j < count; j++) {
            double pc = clipped[j];
            if (pc < Double.MIN_NORMAL || pc == 1.0) {
                double label = labels[j];
                losses[j] = weight * BinaryLogLoss.probabilities(probabilities[j],
                        BinaryLogLoss.smooth(label, labelSmoothing), BinaryLogLoss.smoothComplement(label, labelSmoothing),
                        posWeight, epsilon, derivativesOut, offset + j);
                if (derivativesOut != null) {
                    derivativesOut[offset + j] *= gradientScale;
                }
            }
        }
    }
}
