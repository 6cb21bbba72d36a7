package dev.xent.core;

/**
 * The gradient and the diagonal of the Hessian of a loss with respect to its predictions, both with
 * the predictions' shape: what gradient-boosting libraries ask of a custom objective.
 */
public record GradientAndHessian(Tensor gradient, Tensor hessianDiagonal) {
}
