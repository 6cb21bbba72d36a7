package dev.xent.cli.testloss;

import dev.xent.autodiff.GraphLossProvider;
import dev.xent.core.InputSpace;
import dev.xent.core.Node;
import dev.xent.core.TargetDomain;
import dev.xent.core.spi.ParameterValues;

/** A row-wise test loss on probability rows with distribution targets only: KL(q || p) per row. */
public final class KlDivergenceProvider extends GraphLossProvider {
    public KlDivergenceProvider() {
        super("test_kl", "KL divergence of probability rows from target distributions (a test loss)");
        inputs(InputSpace.CLASS_PROBABILITIES, TargetDomain.DISTRIBUTIONS);
        nonNegative();
    }

    @Override
    protected Node graph(Node probabilities, Node targets, ParameterValues parameters) {
        return targets.xlogy(targets).sub(targets.xlogy(probabilities)).sum(1);
    }
}
