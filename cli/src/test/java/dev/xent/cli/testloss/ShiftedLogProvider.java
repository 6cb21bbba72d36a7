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

/**
 * A test-only faulty loss on logits, {@code log(x - 0.5)}: NaN for every logit below 0.5 and -inf at
 * 0.5, although logits are finite. No input justifies it: the commands must fail naming the row.
 */
public final class ShiftedLogProvider implements LossProvider {
    public static final String NAME = "test_shifted_log";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test-only faulty loss: log(x - 0.5), NaN below 0.5";
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
                return x.sub(0.5).log();
            }
        };
    }
}
