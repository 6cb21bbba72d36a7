package dev.xent.core;

import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import java.util.Locale;
import java.util.Map;

/**
 * The rules for a loss that a model is trained with, shared by every trainer (the command line's,
 * Spark's, XGBoost's). The network outputs logits, so the loss must take logits:
 * if its provider has a {@code from_logits} parameter, it is set to true (the user may leave it out
 * or write true; false is an error). Its reduction must be mean (training minimises the mean loss).
 * An element-wise loss (binary_cross_entropy) gets one logit per row and needs a binary target; a
 * class-wise loss (categorical_cross_entropy) gets one logit per class.
 */
public final class LogitTraining {
    private static final String FROM_LOGITS = "from_logits";

    private LogitTraining() {
    }

    /**
     * The parameters training sets for a loss from {@code provider}: {@code from_logits = true} if the
     * provider has that parameter, else none.
     *
     * @param given the parameters of the job
     * @throws IllegalArgumentException when {@code given} sets {@code from_logits} to anything but true
     */
    public static Map<String, Object> trainingParameters(LossProvider provider, Map<String, ?> given) {
        boolean declared = provider.parameters().stream().map(Parameter::name).anyMatch(FROM_LOGITS::equals);
        if (!declared) {
            return Map.of();
        }
        Object value = given.get(FROM_LOGITS);
        if (given.containsKey(FROM_LOGITS) && !Boolean.TRUE.equals(value)) {
            throw new IllegalArgumentException(provider.name() + ": from_logits = " + value
                    + " is not allowed in training: the model outputs logits, so leave it out or set it to true");
        }
        return Map.of(FROM_LOGITS, Boolean.TRUE);
    }

    /** Checks that a loss takes logits and reduces by the mean; returns it. */
    public static Loss check(Loss loss) {
        if (!loss.inputSpace().isLogits()) {
            String space = loss.inputSpace().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            throw new IllegalArgumentException(loss.name() + " expects " + space + " but the model outputs logits; choose a loss on logits (e.g. binary_cross_entropy or"
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
