package dev.xent.losses.binary;

import dev.xent.core.InputSpace;
import dev.xent.core.spi.NumberRange;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;

/**
 * The options every binary loss has, declared once (so that their names, defaults and ranges cannot drift
 * apart) and read once, through these constants, when a loss is created.
 *
 * @param fromLogits     predictions are logits, not probabilities
 * @param epsilon        probabilities are clipped to {@code [epsilon, 1 - epsilon]} (ignored with logits)
 * @param labelSmoothing targets become {@code y (1 - ls) + ls / 2}
 */
record BinaryOptions(boolean fromLogits, double epsilon, double labelSmoothing) {
    static final Parameter FROM_LOGITS = Parameter.bool("from_logits", false,
            "predictions are logits (any real, +-inf allowed) instead of probabilities in [0, 1]");
    static final Parameter EPSILON = Parameter.number("epsilon", 1e-7, NumberRange.closedOpen(0, 0.5),
            "probabilities are clipped to [epsilon, 1 - epsilon] before the log; ignored with logits");
    static final Parameter LABEL_SMOOTHING = Parameter.number("label_smoothing", 0.0, NumberRange.closedOpen(0, 1),
            "targets become y (1 - label_smoothing) + label_smoothing / 2");

    /** The options of resolved parameter values. */
    static BinaryOptions read(ParameterValues values) {
        return new BinaryOptions(values.bool(FROM_LOGITS.name()), values.number(EPSILON.name()),
                values.number(LABEL_SMOOTHING.name()));
    }

    /** Element-wise logits or probabilities, as {@link #fromLogits} says. */
    InputSpace inputSpace() {
        return fromLogits ? InputSpace.ELEMENTWISE_LOGITS : InputSpace.ELEMENTWISE_PROBABILITIES;
    }
}
