package dev.xent.cli.testloss;

import dev.xent.autodiff.AbstractGraphLoss;
import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.Node;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.List;
import java.util.Map;

/** Base of the test-only losses defined by their graph alone, with the reduction parameter only. */
abstract class GraphTestProvider implements LossProvider {
    private final String name;
    private final String description;
    private final InputSpace inputSpace;

    GraphTestProvider(String name, String description, InputSpace inputSpace) {
        this.name = name;
        this.description = description;
        this.inputSpace = inputSpace;
    }

    /** The per-sample losses. */
    abstract Node graph(Node predictions, Node targets);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<Parameter> parameters() {
        return List.of(Parameter.reduction());
    }

    @Override
    public final Loss create(Map<String, ?> params) {
        return new AbstractGraphLoss(name, ParameterValues.resolve(name, parameters(), params), inputSpace) {
            @Override
            public Node graph(Node predictions, Node targets) {
                return GraphTestProvider.this.graph(predictions, targets);
            }
        };
    }
}
