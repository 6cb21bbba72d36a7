package dev.xent.cli.testloss;

import dev.xent.core.InputSpace;
import dev.xent.core.Node;

/** Test-only binary cross-entropy on logits, graph only: {@code softplus(x) - y x}. */
public final class LogisticProvider extends GraphTestProvider {
    public static final String NAME = "test_logistic";

    public LogisticProvider() {
        super(NAME, "test-only binary cross-entropy on logits", InputSpace.ELEMENTWISE_LOGITS);
    }

    @Override
    Node graph(Node x, Node y) {
        return x.softplus().sub(y.mul(x));
    }
}
