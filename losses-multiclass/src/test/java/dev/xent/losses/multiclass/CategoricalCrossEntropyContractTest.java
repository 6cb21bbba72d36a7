package dev.xent.losses.multiclass;

import dev.xent.core.spi.LossProvider;
import dev.xent.testkit.LossProviderContract;
import java.util.List;
import java.util.Map;

/** The plugin contract of xent-testkit, which every third-party loss must pass, applied to categorical_cross_entropy. */
class CategoricalCrossEntropyContractTest extends LossProviderContract {

    @Override
    protected LossProvider provider() {
        return new CategoricalCrossEntropyProvider();
    }

    @Override
    protected List<Map<String, ?>> parameterSets() {
        return List.of(Map.of(), Map.of("from_logits", true),
                Map.of("from_logits", true, "label_smoothing", 0.1));
    }
}
