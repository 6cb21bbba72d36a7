package dev.xent.cli.train;

import dev.xent.autodiff.AbstractGraphLoss;
import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.Node;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.List;
import java.util.Map;

/**
 * Test-only softmax cross-entropy with a {@code from_logits} parameter like the real
 * categorical_cross_entropy: on logits when true, on probabilities (-log p[target]) when false.
 */
public final class TestSoftmaxProvider implements LossProvider {
    public static final String NAME = "test_softmax";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test-only softmax cross-entropy";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.bool("from_logits", false, "predictions are logits"), Parameter.reduction());
    }

    @Override
    public Loss create(Map<String, ?> params) {
        ParameterValues values = ParameterValues.resolve(name(), parameters(), params);
        if (values.bool("from_logits")) {
            return TestLosses.softmaxOnLogits();
        }
        return new AbstractGraphLoss(NAME, values, InputSpace.CLASS_PROBABILITIES) {
            @Override
            public Node graph(Node p, Node targets) {
                return p.log().mul(TestLosses.oneHot(p, targets)).sum(1).neg();
            }
        };
    }
}
