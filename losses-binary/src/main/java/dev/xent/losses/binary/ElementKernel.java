package dev.xent.losses.binary;

/** The loss of one element and, on request, its derivative: what a fused kernel evaluates per element. */
@FunctionalInterface
interface ElementKernel {

    /**
     * The (unweighted) loss of one element. When {@code derivatives} is not null, also stores
     * d loss / d prediction at {@code derivatives[index]}; nothing is allocated.
     */
    double loss(double prediction, double target, double[] derivatives, int index);

    /**
     * {@code weight} times the element's loss, and {@code scale} times its derivative when {@code derivatives}
     * is not null: what a reduction adds up. A kernel whose loss or derivative can underflow before a
     * weight above 1 is applied overrides it to apply the weight first.
     */
    default double weightedLoss(double prediction, double target, double weight, double scale, double[] derivatives,
                                int index) {
        double loss = weight * loss(prediction, target, derivatives, index);
        if (derivatives != null) {
            derivatives[index] *= scale;
        }
        return loss;
    }
}
