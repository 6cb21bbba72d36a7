package dev.xent.losses.multiclass;

import dev.xent.core.spi.NumberRange;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterException;
import dev.xent.core.spi.ParameterValues;
import java.util.List;

/**
 * The parameters both multi-class losses share (their JSON names are the contract), and their
 * resolved values.
 */
final class ClassWiseOptions {
    /** Declared in the order they are documented. */
    static final List<Parameter> PARAMETERS = List.of(
            Parameter.bool("from_logits", false,
                    "predictions are logits (log_softmax is applied, max subtracted) instead of probabilities"),
            Parameter.number("epsilon", 1e-7, new NumberRange(0, false, 0.5, false),
                    "probabilities are clipped to [epsilon, 1 - epsilon] before the log (ignored with logits)"),
            Parameter.bool("normalize", false,
                    "divide each row of probabilities by its sum (rows need not sum to 1); not with logits"),
            Parameter.numberList("class_weights", null, NumberRange.positive(),
                    "one positive weight per class (C values); the mean divides by the total target weight"),
            Parameter.integer("ignore_index", null, null,
                    "class index whose rows contribute nothing (class-index targets only)"),
            Parameter.number("label_smoothing", 0.0, NumberRange.closedOpen(0, 1),
                    "mix the targets with the uniform distribution: q = (1 - ls) q + ls / C"),
            Parameter.reduction());

    final boolean fromLogits;
    final double epsilon;
    final boolean normalize;
    /** One weight per class, or null for none (every class weighs 1). */
    final double[] classWeights;
    /** The ignored class index, or null for none. */
    final Integer ignoreIndex;
    final double labelSmoothing;

    ClassWiseOptions(String lossName, ParameterValues values) {
        fromLogits = values.bool("from_logits");
        epsilon = values.number("epsilon");
        normalize = values.bool("normalize");
        classWeights = values.numbers("class_weights");
        ignoreIndex = values.optionalInteger("ignore_index");
        labelSmoothing = values.number("label_smoothing");
        if (normalize && fromLogits) {
            // Logits have no sum to divide by; accepting it silently would hide a mistaken config.
            throw new ParameterException("normalize", lossName
                    + ": parameter 'normalize' = true applies to probabilities, but from_logits is true");
        }
        if (classWeights != null && classWeights.length == 0) {
            throw new ParameterException("class_weights", lossName
                    + ": parameter 'class_weights' is empty; give one weight per class or leave it out");
        }
    }
}
