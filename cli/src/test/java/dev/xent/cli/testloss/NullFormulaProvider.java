package dev.xent.cli.testloss;

import dev.xent.core.InputSpace;
import dev.xent.core.Node;

/** A plugin provider whose formula() returns null (not in the service file): a problem, not a crash. */
public final class NullFormulaProvider extends GraphTestProvider {
    public NullFormulaProvider() {
        super("test_null_formula", "test-only provider without a formula", InputSpace.REAL);
    }

    @Override
    public String formula() {
        return null;
    }

    @Override
    Node graph(Node p, Node y) {
        return p.sub(y);
    }
}
