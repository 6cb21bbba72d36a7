package dev.xent.spark.train;

import dev.xent.core.Loss;
import dev.xent.core.Reduction;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.spark.LossSpec;
import java.util.Map;

/**
 * The loss a linear model is trained with, as the CLI's training takes it: the model outputs logits,
 * so {@code from_logits} is set to true when the loss has that parameter (false is an error), the loss
 * must take logits, and its reduction must be mean.
 */
public final class TrainingLoss {
    private TrainingLoss() {
    }

    /**
     * {@code spec} with {@code from_logits = true} where the loss declares it, checked for logits and
     * the mean reduction.
     *
     * @throws IllegalArgumentException naming the loss and what is wrong
     */
    public static LossSpec onLogits(LossSpec spec) {
        LossProvider provider = spec.provider();
        boolean hasFromLogits = provider.parameters().stream().map(Parameter::name).anyMatch("from_logits"::equals);
        LossSpec logits = spec;
        if (hasFromLogits) {
            Object given = spec.params().get("from_logits");
            if (given != null && !Boolean.TRUE.equals(given)) {
                throw new IllegalArgumentException(provider.name() + ": from_logits = " + given
                        + " is not allowed in training: the model outputs logits, so leave it out or set it to true");
            }
            logits = spec.with(Map.of("from_logits", Boolean.TRUE));
        }
        Loss loss = logits.loss();
        if (!loss.inputSpace().isLogits()) {
            throw new IllegalArgumentException(loss.name() + " does not take logits (" + loss.inputSpace()
                    + "); training needs a loss on logits");
        }
        if (loss.reduction() != Reduction.MEAN) {
            throw new IllegalArgumentException(loss.name() + ": reduction " + loss.reduction().jsonName()
                    + " is not allowed in training, which minimises the mean loss; leave reduction out or set it to mean");
        }
        return logits;
    }

    /** Logits per row for {@code classes} classes: 1 for an element-wise loss on a binary target, else C. */
    public static int outputs(Loss loss, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("the target has " + classes + " class; training needs at least 2");
        }
        if (loss.inputSpace().isClassWise()) {
            return classes;
        }
        if (classes != 2) {
            throw new IllegalArgumentException(loss.name() + " scores one logit per row and needs a binary target,"
                    + " but the target has " + classes + " classes; use a class-wise loss such as categorical_cross_entropy");
        }
        return 1;
    }
}
