package dev.xent.losses.binary;

import dev.xent.core.spi.NumberRange;
import dev.xent.core.spi.Parameter;

/** The parameters both binary losses declare, so that their names, defaults and ranges cannot drift apart. */
final class BinaryParameters {
    static final Parameter FROM_LOGITS = Parameter.bool("from_logits", false,
            "predictions are logits (any real, +-inf allowed) instead of probabilities in [0, 1]");
    static final Parameter EPSILON = Parameter.number("epsilon", 1e-7, NumberRange.closedOpen(0, 0.5),
            "probabilities are clipped to [epsilon, 1 - epsilon] before the log; ignored with logits");
    static final Parameter LABEL_SMOOTHING = Parameter.number("label_smoothing", 0.0, NumberRange.closedOpen(0, 1),
            "targets become y (1 - label_smoothing) + label_smoothing / 2");

    private BinaryParameters() {
    }
}
