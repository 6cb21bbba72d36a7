package dev.xent.losses.binary;

import dev.xent.core.spi.NumberRange;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.List;

/**
 * The options of {@link BinaryCrossEntropy}, read once through their {@link Parameter} constants.
 *
 * @param common    what every binary loss has
 * @param posWeight the weight of the positive term {@code y log p}
 */
record BinaryCrossEntropyOptions(BinaryOptions common, double posWeight) {
    static final Parameter POS_WEIGHT = Parameter.number("pos_weight", 1.0, NumberRange.positive(),
            "weight of the positive term y log(p) (PyTorch's pos_weight); the mean still counts every element once");

    /** Declared in the order they are documented. */
    static final List<Parameter> PARAMETERS = List.of(
            BinaryOptions.FROM_LOGITS,
            BinaryOptions.EPSILON,
            POS_WEIGHT,
            BinaryOptions.LABEL_SMOOTHING,
            Parameter.reduction());

    static BinaryCrossEntropyOptions read(ParameterValues values) {
        return new BinaryCrossEntropyOptions(BinaryOptions.read(values), values.number(POS_WEIGHT.name()));
    }
}
