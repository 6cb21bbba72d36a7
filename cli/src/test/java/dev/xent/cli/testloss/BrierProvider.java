package dev.xent.cli.testloss;

import dev.xent.core.InputSpace;
import dev.xent.core.Node;

/** Test-only Brier score on probabilities, graph only: {@code (p - y)^2} with p, y in [0, 1]. */
public final class BrierProvider extends GraphTestProvider {
    public static final String NAME = "test_brier";

    public BrierProvider() {
        super(NAME, "test-only Brier score on probabilities", InputSpace.ELEMENTWISE_PROBABILITIES);
    }

    @Override
    Node graph(Node p, Node y) {
        Node d = p.sub(y);
        return d.mul(d);
    }
}
