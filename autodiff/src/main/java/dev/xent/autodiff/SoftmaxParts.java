package dev.xent.autodiff;

/**
 * Softmax, log-softmax and log-sum-exp of a node's values along one axis, which {@link Axis#softmax}
 * computes together (one exponential per element): the ops {@code softmax}, {@code logSoftmax} and
 * {@code logSumExp} on the same node and axis share them (a focal loss uses both {@code log p} and
 * {@code p}). The arrays are shared by the nodes that read them and never written after construction.
 */
final class SoftmaxParts {
    final int axisIndex;
    final Axis axis;
    final double[] softmax;
    final double[] logSoftmax;
    final double[] logSumExp;
    /** Per slice: the first index of the maximum, and {@code 1 - softmax} there (from the others' mass, no cancellation). */
    final int[] argMax;
    final double[] topComplement;

    SoftmaxParts(double[] x, int[] shape, int axisIndex) {
        this.axisIndex = axisIndex;
        this.axis = Axis.of(shape, axisIndex);
        this.softmax = new double[x.length];
        this.logSumExp = new double[axis.outer * axis.inner];
        this.argMax = new int[axis.outer * axis.inner];
        this.topComplement = new double[axis.outer * axis.inner];
        this.logSoftmax = axis.softmax(x, softmax, logSumExp, argMax, topComplement);
    }
}
