package dev.xent.losses.binary;

import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;

/**
 * A kernel that handles a whole run of equally weighted elements at once (the vector path), doing
 * what {@link ElementwiseReduction}'s element loop does for that run. One instance serves one chunk
 * on one thread, so it may keep scratch buffers.
 */
interface SegmentKernel {

    /**
     * Adds {@code weight * l_i} for each i in {@code [from, to)} to {@code sum}, in element order; when
     * {@code gradientOut} is not null, stores {@code gradientScale * dl_i/dx_i} at {@code gradientOut[i]}.
     * Returns false if the kernel checks its inputs ({@link SegmentKernels#checkInputs()}) and one of them is
     * invalid (the sum and the gradient are then meaningless), true otherwise.
     */
    boolean accumulate(Tensor predictions, Tensor targets, int from, int to, double weight, double gradientScale,
                    CompensatedSum sum, double[] gradientOut);
}
