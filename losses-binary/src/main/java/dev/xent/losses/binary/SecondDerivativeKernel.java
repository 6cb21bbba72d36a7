package dev.xent.losses.binary;

import dev.xent.core.Tensor;

/**
 * The second derivatives of a run of equally weighted elements at once (the vector path of
 * {@link ElementwiseReduction#gradientAndHessian}). One instance serves one chunk on one thread, so it may
 * keep scratch buffers.
 */
interface SecondDerivativeKernel {

    /** Stores {@code scale * d2l_i/dx_i^2} at {@code out[i]} for each i in {@code [from, to)}. */
    void scaled(Tensor predictions, Tensor targets, int from, int to, double scale, double[] out);
}
