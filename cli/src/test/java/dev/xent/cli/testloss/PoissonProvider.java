package dev.xent.cli.testloss;

import dev.xent.autodiff.GraphLossProvider;
import dev.xent.core.InputSpace;
import dev.xent.core.Node;
import dev.xent.core.TargetDomain;
import dev.xent.core.spi.ParameterValues;

/** A test loss with narrower targets than its input space: the Poisson NLL {@code exp(x) - y x} on log-rates, counts y >= 0. */
public final class PoissonProvider extends GraphLossProvider {
    public PoissonProvider() {
        super("test_poisson", "Poisson NLL on log-rates (a test loss)");
        inputs(InputSpace.REAL, TargetDomain.NON_NEGATIVE);
    }

    @Override
    protected Node graph(Node logRates, Node counts, ParameterValues parameters) {
        return logRates.exp().sub(counts.mul(logRates));
    }
}
