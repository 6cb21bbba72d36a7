/**
 * Multi-class cross-entropy losses for xent: {@code categorical_cross_entropy} and
 * {@code categorical_focal_cross_entropy}, found by {@link java.util.ServiceLoader}.
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
