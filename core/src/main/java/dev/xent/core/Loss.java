package dev.xent.core;

import java.util.Map;
import java.util.Optional;

/**
 * A configured loss: immutable and safe to share between threads. Create one through
 * {@link Losses#create(String, Map)} or its {@link dev.xent.core.spi.LossProvider}.
 *
 * <p>Every loss is defined by {@link #graph(Node, Node)}, its expression on the autodiff graph. A
 * custom loss may define only that (extend {@code dev.xent.autodiff.AbstractGraphLoss}): values and gradients
 * then come from the autodiff engine. Built-in losses override the other methods with fused analytic
 * kernels that agree with the graph.
 *
 * <p>Shapes: predictions and targets as {@link #inputSpace()} says; sample weights, where given, are a
 * vector with one non-negative weight per row (null means none). How values are reduced is described
 * in {@link Reduction}.
 */
public interface Loss {

    /** The provider's name (the JSON key), e.g. {@code binary_cross_entropy}. */
    String name();

    /** Every parameter with its resolved value (defaults filled in; null for "none"), in declaration order. */
    Map<String, Object> parameters();

    /** How per-sample losses are reduced to a value. */
    Reduction reduction();

    /** What predictions and targets are. */
    InputSpace inputSpace();

    /**
     * What targets may be: by default the input space's ({@link TargetDomain#of}: [0, 1] for
     * element-wise probabilities and logits, class indices or distributions for class-wise ones, any
     * real for {@link InputSpace#REAL}). {@link #validate} enforces it.
     */
    default TargetDomain targetDomain() {
        return TargetDomain.of(inputSpace());
    }

    /**
     * Whether every per-sample loss is {@code >= 0} on valid inputs, a property the testkit's contract
     * then checks. False by default: declare it (a Poisson NLL without its constant term is negative
     * for large counts, legitimately).
     */
    default boolean isNonNegative() {
        return false;
    }

    /**
     * Checks that predictions and targets are valid for this loss (shapes, values, the loss's own
     * parameters such as an ignore index); throws {@link IllegalArgumentException} naming the
     * offending position and value. Every method that computes calls it first. The default checks
     * predictions against {@link #inputSpace()} and targets against {@link #targetDomain()}; a loss
     * with checks of its own calls it too ({@code Loss.super.validate(predictions, targets)}).
     */
    default void validate(Tensor predictions, Tensor targets) {
        targetDomain().validate(inputSpace(), predictions, targets);
    }

    /**
     * The per-sample losses (before weighting and reduction) as an expression on the autodiff graph,
     * with the same shape as {@link #perSample(Tensor, Tensor)}.
     */
    Node graph(Node predictions, Node targets);

    /**
     * The weight each per-sample loss carries in the denominator of {@link Reduction#MEAN}, e.g. the
     * class weight of the row's target, or 0 for an ignored row. Empty (the default) means 1 for
     * every sample.
     */
    default Optional<Tensor> meanWeights(Tensor predictions, Tensor targets) {
        return Optional.empty();
    }

    /** Per-sample losses: one per row for row-wise losses, one per element for element-wise ones. */
    Tensor perSample(Tensor predictions, Tensor targets);

    /** The reduced value; throws {@link IllegalStateException} when the reduction is {@code none}. */
    default double value(Tensor predictions, Tensor targets) {
        return value(predictions, targets, null);
    }

    /** The reduced, weighted value ({@code sampleWeights} may be null). */
    double value(Tensor predictions, Tensor targets, Tensor sampleWeights);

    /** d value / d predictions (for reduction {@code none}: each element's gradient of its own loss). */
    default Tensor gradient(Tensor predictions, Tensor targets) {
        return gradient(predictions, targets, null);
    }

    /** As {@link #gradient(Tensor, Tensor)}, with sample weights (may be null). */
    Tensor gradient(Tensor predictions, Tensor targets, Tensor sampleWeights);

    /** Value and gradient in one pass, for training. */
    default ValueAndGradient valueAndGradient(Tensor predictions, Tensor targets) {
        return valueAndGradient(predictions, targets, null);
    }

    /** Value and gradient in one pass, with sample weights (may be null). */
    default ValueAndGradient valueAndGradient(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        double[] gradient = new double[predictions.size()];
        double value = valueAndGradient(predictions, targets, sampleWeights, gradient);
        return new ValueAndGradient(value, Tensor.wrap(gradient, predictions.shape()));
    }

    /**
     * Value and gradient in one pass, writing the gradient (row-major, predictions' shape) into
     * {@code gradientOut}, which must hold {@code predictions.size()} values and is overwritten.
     * Allocates nothing per element. Throws {@link IllegalStateException} for reduction {@code none}.
     * If it throws for bad input, {@code gradientOut} may have been partly written: a kernel may check
     * values as it reads them (one pass over memory instead of two), with the same error message.
     */
    double valueAndGradient(Tensor predictions, Tensor targets, Tensor sampleWeights, double[] gradientOut);
}
