package dev.xent.cli.testloss;

import dev.xent.autodiff.GraphLoss;
import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.Node;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.List;
import java.util.Map;

/** Test-only Brier score on probabilities, graph only: {@code (p - y)^2} with p, y in [0, 1]. */
public final class BrierProvider implements LossProvider {
    public static final String NAME = "test_brier";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test-only Brier score on probabilities";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.reduction());
    }

    @Override
    public Loss create(Map<String, ?> params) {
        return new GraphLoss(NAME, ParameterValues.resolve(name(), parameters(), params),
                InputSpace.ELEMENTWISE_PROBABILITIES) {
            @Override
            public Node graph(Node p, Node y) {
                Node d = p.sub(y);
                return d.mul(d);
            }
        };
    }
}
