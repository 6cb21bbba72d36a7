/**
 * Binary cross-entropy and binary focal cross-entropy: element-wise losses for binary and multi-label
 * classification, on probabilities or logits, with fused analytic kernels and autodiff graphs.
 * Found by {@link java.util.ServiceLoader} as {@code binary_cross_entropy} (aliases {@code bce},
 * {@code log_loss}) and {@code binary_focal_cross_entropy} (alias {@code focal}).
 *
 * <h2>What it is for</h2>
 * A runtime dependency: applications name these losses by string through
 * {@link dev.xent.core.Losses#create(String, java.util.Map)} and never import this module's package.
 *
 * <h2>Where to start</h2>
 * {@link dev.xent.losses.binary.BinaryCrossEntropy} and
 * {@link dev.xent.losses.binary.BinaryFocalCrossEntropy} document each formula, input space, shapes,
 * reduction, stability identity and a worked example; their providers
 * ({@link dev.xent.losses.binary.BinaryCrossEntropyProvider},
 * {@link dev.xent.losses.binary.BinaryFocalCrossEntropyProvider}) list the parameters.
 */
module dev.xent.losses.binary {
    requires transitive dev.xent.autodiff;
    // Optional: only the vector kernels use it, and only when it is present and enabled (dev.xent.core.numeric.VectorSupport).
    requires static jdk.incubator.vector;

    exports dev.xent.losses.binary;

    provides dev.xent.core.spi.LossProvider with
            dev.xent.losses.binary.BinaryCrossEntropyProvider,
            dev.xent.losses.binary.BinaryFocalCrossEntropyProvider;
}
