package dev.xent.core;

/** A loss that also gives its second derivative (diagonal Hessian) with respect to the predictions. */
public interface SecondOrderLoss extends Loss {

    /**
     * The gradient and diagonal Hessian of the reduced loss (with reduction {@code none}: of each
     * element's own weighted loss). {@code sampleWeights} may be null (all ones).
     */
    GradientAndHessian gradientAndHessian(Tensor predictions, Tensor targets, Tensor sampleWeights);
}
