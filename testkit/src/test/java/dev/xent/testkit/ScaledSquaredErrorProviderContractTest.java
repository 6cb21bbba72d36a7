package dev.xent.testkit;

import dev.xent.core.spi.LossProvider;
import java.util.List;
import java.util.Map;

/** The contract applied to a well-behaved provider: every check passes. */
class ScaledSquaredErrorProviderContractTest extends LossProviderContract {

    @Override
    protected LossProvider provider() {
        return new ScaledSquaredErrorProvider();
    }

    @Override
    protected List<Map<String, ?>> parameterSets() {
        return List.of(Map.of(), Map.of("scale", 0.25, "repeat", 3, "halve", true));
    }
}
