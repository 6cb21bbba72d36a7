/**
 * Multi-class cross-entropy losses for xent: {@code categorical_cross_entropy} and
 * {@code categorical_focal_cross_entropy}, found by {@link java.util.ServiceLoader}.
 */
module dev.xent.losses.multiclass {
    requires transitive dev.xent.autodiff;

    exports dev.xent.losses.multiclass;

    provides dev.xent.core.spi.LossProvider with
            dev.xent.losses.multiclass.CategoricalCrossEntropyProvider,
            dev.xent.losses.multiclass.CategoricalFocalCrossEntropyProvider;
}
