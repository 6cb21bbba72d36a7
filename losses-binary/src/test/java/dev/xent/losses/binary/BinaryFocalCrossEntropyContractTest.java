package dev.xent.losses.binary;

import dev.xent.core.spi.LossProvider;
import dev.xent.testkit.LossProviderContract;
import java.util.List;
import java.util.Map;

/** The plugin contract of xent-testkit, which every third-party loss must pass, applied to binary_focal_cross_entropy. */
class BinaryFocalCrossEntropyContractTest extends LossProviderContract {

    @Override
    protected LossProvider provider() {
        return new BinaryFocalCrossEntropyProvider();
    }

    @Override
    protected List<Map<String, ?>> parameterSets() {
        return List.of(Map.of(), Map.of("from_logits", true),
                Map.of("from_logits", true, "gamma", 0.5, "alpha", 0.25));
    }
}
