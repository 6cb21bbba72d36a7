package dev.xent.autodiff;

import dev.xent.core.InputSpace;
import dev.xent.core.Node;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.List;
import java.util.Map;

/** A test loss defined only by its graph: {@code (p - y)^2} per element. */
class SquaredError extends AbstractGraphLoss {

    SquaredError(String reduction) {
        super("squared_error", ParameterValues.resolve("squared_error", List.of(Parameter.reduction()),
                Map.of("reduction", reduction)), InputSpace.REAL);
    }

    @Override
    public Node graph(Node predictions, Node targets) {
        Node difference = predictions.sub(targets);
        return difference.mul(difference);
    }
}
