package dev.xent.testkit;

import dev.xent.autodiff.AbstractGraphLoss;
import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.Node;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A test loss in any input space, to run the contract's numeric checks on every space's inputs: the
 * squared predictions, per element, or summed per row for class-wise spaces. Targets are ignored.
 */
public final class SumOfSquaresProvider implements LossProvider {

    /** The no-argument constructor ServiceLoader calls. */
    public SumOfSquaresProvider() {
    }

    static final String NAME = "test_sum_of_squares";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the squared predictions, per element or per row (a test loss)";
    }

    @Override
    public List<Parameter> parameters() {
        List<String> spaces = Arrays.stream(InputSpace.values()).map(Enum::name).toList();
        return List.of(Parameter.choice("space", InputSpace.REAL.name(), spaces, "the input space"),
                Parameter.reduction());
    }

    @Override
    public Loss create(Map<String, ?> params) {
        ParameterValues values = ParameterValues.resolve(NAME, parameters(), params);
        InputSpace space = InputSpace.valueOf(values.string("space"));
        return new AbstractGraphLoss(NAME, values, space) {
            @Override
            public boolean isNonNegative() {
                return true;
            }

            @Override
            public Node graph(Node predictions, Node targets) {
                Node squares = predictions.mul(predictions);
                return space.isClassWise() ? squares.sum(1) : squares;
            }
        };
    }
}
