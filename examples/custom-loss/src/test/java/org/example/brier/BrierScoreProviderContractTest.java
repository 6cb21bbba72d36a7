package org.example.brier;

import dev.xent.core.spi.LossProvider;
import dev.xent.testkit.LossProviderContract;

/** xent's plugin contract (discovery, parameters, non-negativity, gradients) applied to the Brier score. */
class BrierScoreProviderContractTest extends LossProviderContract {

    @Override
    protected LossProvider provider() {
        return new BrierScoreProvider();
    }
}
