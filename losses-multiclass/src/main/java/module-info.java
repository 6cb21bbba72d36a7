/**
 * Multi-class cross-entropy losses for xent: {@code categorical_cross_entropy} (aliases {@code cce},
 * {@code cross_entropy}, {@code softmax_cross_entropy}) and {@code categorical_focal_cross_entropy}
 * (alias {@code focal_ce}), found by {@link java.util.ServiceLoader}.
 *
 * <h2>What it is for</h2>
 * A runtime dependency: applications name these losses by string through
 * {@link dev.xent.core.Losses#create(String, java.util.Map)} and never import this module's package.
 * Predictions are an N x C matrix of probabilities or logits; targets are N class indices or an N x C
 * matrix of distributions.
 *
 * <h2>Where to start</h2>
 * {@link dev.xent.losses.multiclass.CategoricalCrossEntropy} and
 * {@link dev.xent.losses.multiclass.CategoricalFocalCrossEntropy} document each formula, input space,
 * shapes, reduction, stability identity and a worked example; their providers
 * ({@link dev.xent.losses.multiclass.CategoricalCrossEntropyProvider},
 * {@link dev.xent.losses.multiclass.CategoricalFocalCrossEntropyProvider}) list the parameters.
 */
module dev.xent.losses.multiclass {
    requires transitive dev.xent.autodiff;
    // Optional: only the vector kernel uses it, and only when it is present and enabled (dev.xent.core.numeric.VectorSupport).
    requires static jdk.incubator.vector;

    exports dev.xent.losses.multiclass;

    provides dev.xent.core.spi.LossProvider with
            dev.xent.losses.multiclass.CategoricalCrossEntropyProvider,
            dev.xent.losses.multiclass.CategoricalFocalCrossEntropyProvider;
}
