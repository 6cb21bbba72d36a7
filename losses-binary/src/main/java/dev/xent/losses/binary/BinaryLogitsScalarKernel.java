package dev.xent.losses.binary;

import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.KernelScratch;

/**
 * Binary cross-entropy on logits where the vector kernel does not run (no {@code jdk.incubator.vector}, or
 * {@code -Dxent.vector=false}, or a call below {@link dev.xent.core.numeric.VectorSupport#minElements()}):
 * {@link BinaryLogLoss#logits}, operation for operation, so the same bits as the element loop (and as the
 * binary focal loss with gamma 0), in blocks of {@link #BLOCK} elements and three passes:
 * <ol>
 *   <li>{@code e = exp(-|x|)} for the block,</li>
 *   <li>{@code log(1 + e)} for the block,</li>
 *   <li>the rest of each element, its weighted loss added to the compensated sum in element order, and its
 *       scaled derivative.</li>
 * </ol>
 * In the first two passes each iteration is one independent call of an intrinsic, and the third has none,
 * so the processor overlaps many elements; one loop doing it all per element runs each element's long
 * chain {@code exp -> divide -> log -> sum} nearly on its own. The third pass also checks the inputs
 * as it reads them (a NaN logit, a target outside [0, 1]), so the loss makes no separate validation
 * pass ({@link SegmentKernels#checkInputs()}). Elements with {@code |x| > 708} (and +-inf) go to
 * {@link BinaryLogLoss#weightedLogits}, which applies the weight before {@code exp(-|x|)} underflows.
 *
 * <p>One instance per chunk, with the scratch of the thread that runs it ({@link KernelScratch}).
 */
final class BinaryLogitsScalarKernel implements SegmentKernel {
    /** Elements per block: 2 blocks of scratch (4 KB, kept per thread) stay in L1. */
    private static final int BLOCK = 256;

    private final double labelSmoothing;
    private final double posWeight;
    private final double[] exps = KernelScratch.doubles(0, BLOCK);
    private final double[] logs = KernelScratch.doubles(1, BLOCK);

    private BinaryLogitsScalarKernel(double labelSmoothing, double posWeight) {
        this.labelSmoothing = labelSmoothing;
        this.posWeight = posWeight;
    }

    /** Kernels that check the inputs; a new one per chunk, with the scratch of the thread that runs it. */
    static SegmentKernels factory(double labelSmoothing, double posWeight) {
        return SegmentKernels.checking(() -> new BinaryLogitsScalarKernel(labelSmoothing, posWeight));
    }

    @Override
    public boolean accumulate(Tensor predictions, Tensor targets, int from, int to, double weight, double gradientScale,
                              CompensatedSum sum, double[] gradientOut) {
        boolean valid = true;
        for (int start = from; start < to; start += BLOCK) {
            int count = Math.min(BLOCK, to - start);
            for (int j = 0; j < count; j++) {
                exps[j] = Math.exp(-Math.abs(predictions.getFlat(start + j)));
            }
            for (int j = 0; j < count; j++) {
                logs[j] = Math.log(1.0 + exps[j]);
            }

            for (int j = 0; j < count; j++) {
                int i = start + j;
                double x = predictions.getFlat(i);
                double label = targets.getFlat(i);
                valid &= label >= 0 & label <= 1; // false for NaN too
                double y = BinaryLogLoss.smooth(label, labelSmoothing);
                double oneMinusY = BinaryLogLoss.smoothComplement(label, labelSmoothing);
                if (!(Math.abs(x) <= 708)) { // exp(-|x|) subnormal or 0, or x is NaN: rare and predictable
                    valid &= x == x;
                    sum.add(BinaryLogLoss.weightedLogits(x, y, oneMinusY, posWeight, weight, gradientScale, gradientOut,
                            i));
                    continue;
                }
                sum.add(weight * BinaryLogLoss.logits(x, exps[j], logs[j], y, oneMinusY, posWeight, gradientOut, i));
                if (gradientOut != null) {
                    gradientOut[i] *= gradientScale;
                }
            }
        }
        return valid;
    }
}
