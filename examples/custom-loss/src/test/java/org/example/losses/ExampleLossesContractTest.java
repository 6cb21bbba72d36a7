package org.example.losses;

import dev.xent.core.spi.LossProvider;
import dev.xent.testkit.LossProviderContract;
import java.util.List;

/**
 * xent's plugin contract (discovery, parameters, target domains, non-negativity where declared,
 * gradients) applied to every loss of this plugin: one class, every test once per loss.
 */
class ExampleLossesContractTest extends LossProviderContract {

    @Override
    protected List<LossProvider> providers() {
        return List.of(new BrierScore(), new PoissonLoss(), new KlDivergence());
    }
}
