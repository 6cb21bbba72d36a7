package dev.xent.losses.multiclass;

import dev.xent.core.spi.NumberRange;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterException;
import dev.xent.core.spi.ParameterValues;
import java.util.List;

/**
 * The options both multi-class losses share (their JSON names are the contract): declared once as
 * {@link Parameter} constants and read once, through them, when a loss is created.
 */
final class ClassWiseOptions {
    static final Parameter FROM_LOGITS = Parameter.bool("from_logits", false,
            "predictions are logits (log_softmax is applied, max subtracted) instead of probabilities");
    static final Parameter EPSILON = Parameter.number("epsilon", 1e-7, new NumberRange(0, false, 0.5, false),
            "probabilities are clipped to [epsilon, 1 - epsilon] before the log (ignored with logits)");
    static final Parameter NORMALIZE = Parameter.bool("normalize", false,
            "divide each row of probabilities by its sum (rows need not sum to 1); not with logits");
    static final Parameter CLASS_WEIGHTS = Parameter.numberList("class_weights", null, NumberRange.positive(),
            "one positive weight per class (C values); the mean divides by the total target weight");
    static final Parameter IGNORE_INDEX = Parameter.integer("ignore_index", null, null,
            "class index whose rows contribute nothing (class-index targets only)");
    static final Parameter LABEL_SMOOTHING = Parameter.number("label_smoothing", 0.0, NumberRange.closedOpen(0, 1),
            "mix the targets with the uniform distribution: q = (1 - ls) q + ls / C");

    /** Declared in the order they are documented. */
    static final List<Parameter> PARAMETERS = List.of(FROM_LOGITS, EPSILON, NORMALIZE, CLASS_WEIGHTS, IGNORE_INDEX,
            LABEL_SMOOTHING, Parameter.reduction());

    final boolean fromLogits;
    final double epsilon;
    final boolean normalize;
    /** One weight per class, or null for none (every class weighs 1). */
    final double[] classWeights;
    /** The ignored class index, or null for none. */
    final Integer ignoreIndex;
    final double labelSmoothing;

    ClassWiseOptions(String lossName, ParameterValues values) {
        fromLogits = values.bool(FROM_LOGITS.name());
        epsilon = values.number(EPSILON.name());
        normalize = values.bool(NORMALIZE.name());
        classWeights = values.numbers(CLASS_WEIGHTS.name());
        ignoreIndex = values.optionalInteger(IGNORE_INDEX.name());
        labelSmoothing = values.number(LABEL_SMOOTHING.name());
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
