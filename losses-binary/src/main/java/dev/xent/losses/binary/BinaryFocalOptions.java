package dev.xent.losses.binary;

import dev.xent.core.spi.NumberRange;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.List;

/**
 * The options of {@link BinaryFocalCrossEntropy}, read once through their {@link Parameter} constants.
 *
 * @param common what every binary loss has
 * @param gamma  the focusing exponent
 * @param alpha  the class balance, or null for none
 */
record BinaryFocalOptions(BinaryOptions common, double gamma, Double alpha) {
    static final Parameter GAMMA = Parameter.number("gamma", 2.0, NumberRange.atLeast(0),
            "focusing exponent: (1 - p_t)^gamma down-weights well-classified elements; 0 gives plain BCE");
    static final Parameter ALPHA = Parameter.number("alpha", null, NumberRange.closed(0, 1),
            "class balance: weight alpha for y = 1 and 1 - alpha for y = 0; none (default) means no balancing");

    /** Declared in the order they are documented. */
    static final List<Parameter> PARAMETERS = List.of(
            GAMMA,
            ALPHA,
            BinaryOptions.FROM_LOGITS,
            BinaryOptions.EPSILON,
            BinaryOptions.LABEL_SMOOTHING,
            Parameter.reduction());

    static BinaryFocalOptions read(ParameterValues values) {
        return new BinaryFocalOptions(BinaryOptions.read(values), values.number(GAMMA.name()),
                values.optionalNumber(ALPHA.name()));
    }
}
