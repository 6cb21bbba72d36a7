package dev.xent.cli.testloss;

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

/** Test-only loss defined by its graph alone: {@code scale * (p - y)^2}. */
public final class SquaredErrorProvider implements LossProvider {
    public static final String NAME = "test_squared_error";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of("test_mse");
    }

    @Override
    public String description() {
        return "test-only squared error";
    }

    @Override
    public String formula() {
        return "l_i = scale * (p_i - y_i)^2";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.number("scale", 1.0, NumberRange.positive(), "multiplies the loss"),
                Parameter.reduction());
    }

    @Override
    public Loss create(Map<String, ?> params) {
        ParameterValues values = ParameterValues.resolve(name(), parameters(), params);
        double scale = values.number("scale");
        return new AbstractGraphLoss(NAME, values, InputSpace.REAL) {
            @Override
            public Node graph(Node p, Node y) {
                Node d = p.sub(y);
                return d.mul(d).mul(p.constant(dev.xent.core.Tensor.scalar(scale)));
            }
        };
    }
}
