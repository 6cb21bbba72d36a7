package org.example.losses;

import dev.xent.autodiff.GraphLossProvider;
import dev.xent.core.InputSpace;
import dev.xent.core.Node;
import dev.xent.core.TargetDomain;
import dev.xent.core.spi.ParameterValues;

/**
 * The Poisson negative log-likelihood of counts given log-rates, without its constant term
 * {@code log(y!)} (PyTorch's {@code PoissonNLLLoss} with {@code log_input=True, full=False}).
 *
 * <ul>
 *   <li>Formula: {@code l_i = exp(x_i) - y_i x_i}; gradient {@code exp(x_i) - y_i}.</li>
 *   <li>Input space: predictions are log-rates, any finite real; targets are counts (or any
 *       non-negative amounts), {@link TargetDomain#NON_NEGATIVE}; same shape.</li>
 *   <li>Sign: without {@code log(y!)} the loss is negative where {@code y x > exp(x)} (for y = 10 at
 *       x = log 10: 10 - 23.03), so it does not declare itself non-negative.</li>
 *   <li>Reduction: mean (default), sum or none.</li>
 *   <li>Example: x = [0, log 2], y = [1, 3]: l = [1, 2 - 3 log 2] = [1, -0.0794415416798357].</li>
 * </ul>
 */
public final class PoissonLoss extends GraphLossProvider {

    public PoissonLoss() {
        super("poisson_nll", "Poisson negative log-likelihood of counts, given log-rates (without log(y!))");
        aliases("poisson");
        formula("l_i = exp(x_i) - y_i x_i");
        inputs(InputSpace.REAL, TargetDomain.NON_NEGATIVE);
    }

    @Override
    protected Node graph(Node logRates, Node counts, ParameterValues parameters) {
        return logRates.exp().sub(counts.mul(logRates));
    }
}
