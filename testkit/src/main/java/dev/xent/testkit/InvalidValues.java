package dev.xent.testkit;

import dev.xent.core.TargetDomain;
import dev.xent.core.Tensor;
import dev.xent.core.spi.NumberRange;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterType;
import java.util.ArrayList;
import java.util.List;

/** Values the contract expects a loss to refuse: parameters of the wrong type or out of range, targets outside the domain. */
final class InvalidValues {
    private InvalidValues() {
    }

    /** The targets with their last value moved just outside {@code domain} (NaN for any real). */
    static Tensor outsideTheDomain(TargetDomain domain, Tensor predictions, Tensor targets) {
        double[] values = targets.toArray();
        int last = values.length - 1;
        switch (domain) {
            case REAL -> values[last] = Double.NaN;
            case NON_NEGATIVE -> values[last] = -0.5;
            case POSITIVE -> values[last] = 0;
            case UNIT_INTERVAL -> values[last] = 1.5;
            case BINARY_LABELS -> values[last] = 0.5;
            case CLASS_INDICES, DISTRIBUTIONS, CLASS_INDICES_OR_DISTRIBUTIONS -> {
                if (targets.rank() == 1) {
                    values[last] = predictions.dim(1); // one past the last class
                } else {
                    values[last] += 0.5; // the last row no longer sums to 1
                }
            }
        }
        return Tensor.wrap(values, targets.shape());
    }

    static List<Object> wrongTypeValues(ParameterType type) {
        return switch (type) {
            case BOOLEAN -> List.of("true", 1);
            case NUMBER -> List.of("1", true, List.of(1.0));
            case INTEGER -> List.of("1", true, 0.5);
            case CHOICE -> List.of(1, true);
            case NUMBER_LIST -> List.of("1", 1.0, List.of("1"));
        };
    }

    static List<Object> outOfRangeValues(Parameter parameter) {
        NumberRange range = parameter.range();
        List<Object> values = new ArrayList<>();
        switch (parameter.type()) {
            case CHOICE -> values.add("not_one_of_the_choices");
            case NUMBER, INTEGER, NUMBER_LIST -> {
                if (range != null && Double.isFinite(range.low())) {
                    double below = range.lowInclusive() ? range.low() - 1 : range.low();
                    values.add(asType(parameter.type(), Math.floor(below)));
                }
                if (range != null && Double.isFinite(range.high())) {
                    double above = range.highInclusive() ? range.high() + 1 : range.high();
                    values.add(asType(parameter.type(), Math.ceil(above)));
                }
            }
            case BOOLEAN -> {
                // Both values are in range.
            }
        }
        return values;
    }

    /** The value as the parameter's type takes it (callers round whole numbers away from the range). */
    private static Object asType(ParameterType type, double value) {
        return switch (type) {
            case INTEGER -> (int) value;
            case NUMBER_LIST -> List.of(value);
            default -> value;
        };
    }
}
