package dev.xent.losses.binary;

/** The loss of one element and, on request, its derivative: what a fused kernel evaluates per element. */
@FunctionalInterface
interface ElementKernel {

    /**
     * The (unweighted) loss of one element. When {@code derivatives} is not null, also stores
     * d loss / d prediction at {@code derivatives[index]}; nothing is allocated.
     */
    double loss(double prediction, double target, double[] derivatives, int index);
}
