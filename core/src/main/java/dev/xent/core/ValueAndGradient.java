package dev.xent.core;

/** A reduced loss value and its gradient with respect to the predictions (same shape). */
public record ValueAndGradient(double value, Tensor gradient) {
}
