package dev.xent.cli.train;

import dev.xent.core.Loss;
import dev.xent.core.LossRegistry;
import dev.xent.core.Reduction;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loss a network is trained with. The network outputs logits, so the loss must take logits:
 * if its provider has a {@code from_logits} parameter, it is set to true (the user may leave it out
 * or write true; false is an error). Its reduction must be mean (training minimises the mean loss).
 * An element-wise loss (binary_cross_entropy) gets one logit per row and needs a binary target; a
 * class-wise loss (categorical_cross_entropy) gets one logit per class.
 */
public final class LogitLoss {
    private static final String FROM_LOGITS = "from_logits";

    private LogitLoss() {
    }

    /**
     * Creates the loss from the registry.
     *
     * @throws IllegalArgumentException (including {@link dev.xent.core.UnknownLossException} and
     *     {@link dev.xent.core.spi.ParameterException}) when the loss or its parameters do not fit training
     */
    public static Loss create(LossRegistry registry, String name, Map<String, ?> params) {
        LossProvider provider = registry.provider(name);
        Map<String, Object> resolved = new LinkedHashMap<>(params);
        boolean declaresFromLogits = provider.parameters().stream().map(Parameter::name).anyMatch(FROM_LOGITS::equals);
        if (declaresFromLogits) {
            Object given = resolved.putIfAbsent(FROM_LOGITS, Boolean.TRUE);
            if (given != null && !Boolean.TRUE.equals(given)) {
                throw new IllegalArgumentException(provider.name() + ": parameter 'from_logits' = " + given
                        + " is not allowed in training: the model outputs logits, so leave it out or set it to true");
            }
        }
        return check(provider.create(resolved));
    }

    /** Checks that a loss takes logits and reduces by the mean; returns it. */
    public static Loss check(Loss loss) {
        if (!loss.inputSpace().isLogits()) {
            throw new IllegalArgumentException(loss.name() + " takes " + loss.inputSpace()
                    + " but the model outputs logits; choose a loss on logits (e.g. binary_cross_entropy or"
                    + " categorical_cross_entropy, which training runs with from_logits = true)");
        }
        if (loss.reduction() != Reduction.MEAN) {
            throw new IllegalArgumentException(loss.name() + ": reduction " + loss.reduction().jsonName()
                    + " is not allowed in training, which minimises the mean loss; leave reduction out or set it to mean");
        }
        return loss;
    }

    /**
     * The number of logits per row for {@code classes} classes: C for a class-wise loss, 1 for an
     * element-wise loss on a binary target.
     */
    public static int outputs(Loss loss, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("the target has " + classes + " class; training needs at least 2");
        }
        if (loss.inputSpace().isClassWise()) {
            return classes;
        }
        if (classes != 2) {
            throw new IllegalArgumentException(loss.name() + " scores one logit per row, which needs a binary target;"
                    + " the target has " + classes + " classes: use a class-wise loss such as categorical_cross_entropy");
        }
        return 1;
    }
}
