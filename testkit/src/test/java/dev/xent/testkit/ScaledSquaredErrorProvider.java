package dev.xent.testkit;

import dev.xent.autodiff.AbstractGraphLoss;
import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.Node;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.NumberRange;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.List;
import java.util.Map;

/** A tiny well-behaved plugin loss for testing the contract: {@code scale * (p - y)^2} on real numbers. */
public final class ScaledSquaredErrorProvider implements LossProvider {

    /** The no-argument constructor ServiceLoader calls. */
    public ScaledSquaredErrorProvider() {
    }

    static final String NAME = "test_scaled_squared_error";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of("test_sse");
    }

    @Override
    public String description() {
        return "scale times the squared difference (a test loss)";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.number("scale", 1.0, NumberRange.positive(), "multiplies every per-sample loss"),
                Parameter.integer("repeat", 1, NumberRange.closed(1, 3), "how many times the loss is added up"),
                Parameter.bool("halve", false, "halves the loss"),
                Parameter.numberList("offsets", null, NumberRange.closed(0, 0), "must be zeros; tests list parameters"),
                Parameter.reduction());
    }

    @Override
    public Loss create(Map<String, ?> params) {
        ParameterValues values = ParameterValues.resolve(NAME, parameters(), params);
        double factor = values.number("scale") * values.integer("repeat") * (values.bool("halve") ? 0.5 : 1);
        return new AbstractGraphLoss(NAME, values, InputSpace.REAL) {
            @Override
            public boolean isNonNegative() {
                return true;
            }

            @Override
            public Node graph(Node predictions, Node targets) {
                Node difference = predictions.sub(targets);
                return difference.mul(difference).mul(factor);
            }
        };
    }
}
