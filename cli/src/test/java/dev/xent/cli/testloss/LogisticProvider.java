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

/** Test-only binary cross-entropy on logits, graph only: {@code softplus(x) - y x}. */
public final class LogisticProvider implements LossProvider {
    public static final String NAME = "test_logistic";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test-only binary cross-entropy on logits";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.reduction());
    }

    @Override
    public Loss create(Map<String, ?> params) {
        ParameterValues values = ParameterValues.resolve(name(), parameters(), params);
        return new GraphLoss(NAME, values, InputSpace.ELEMENTWISE_LOGITS) {
            @Override
            public Node graph(Node x, Node y) {
                return x.softplus().sub(y.mul(x));
            }
        };
    }
}
