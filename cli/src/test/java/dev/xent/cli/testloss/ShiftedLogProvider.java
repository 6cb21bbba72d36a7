package dev.xent.cli.testloss;

import dev.xent.core.InputSpace;
import dev.xent.core.Node;

/**
 * A test-only faulty loss on logits, {@code log(x - 0.5)}: NaN for every logit below 0.5 and -inf at
 * 0.5, although logits are finite. No input justifies it: the commands must fail naming the row.
 */
public final class ShiftedLogProvider extends GraphTestProvider {
    public static final String NAME = "test_shifted_log";

    public ShiftedLogProvider() {
        super(NAME, "test-only faulty loss: log(x - 0.5), NaN below 0.5", InputSpace.ELEMENTWISE_LOGITS);
    }

    @Override
    Node graph(Node x, Node y) {
        return x.sub(0.5).log();
    }
}
