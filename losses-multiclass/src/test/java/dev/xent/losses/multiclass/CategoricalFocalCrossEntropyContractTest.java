package dev.xent.losses.multiclass;

import dev.xent.core.spi.LossProvider;
import dev.xent.testkit.LossProviderContract;
import java.util.List;
import java.util.Map;

/** The plugin contract of xent-testkit, which every third-party loss must pass, applied to categorical_focal_cross_entropy. */
class CategoricalFocalCrossEntropyContractTest extends LossProviderContract {

    @Override
    protected LossProvider provider() {
        return new CategoricalFocalCrossEntropyProvider();
    }

    @Override
    protected List<Map<String, ?>> parameterSets() {
        return List.of(Map.of(), Map.of("from_logits", true),
                Map.of("from_logits", true, "gamma", 1.0, "alpha", 1.0));
    }
}
