package org.example.losses;

import dev.xent.autodiff.GraphLossProvider;
import dev.xent.core.InputSpace;
import dev.xent.core.Node;
import dev.xent.core.TargetDomain;
import dev.xent.core.spi.ParameterValues;

/**
 * The Brier score, a proper scoring rule for probabilistic predictions, defined only by its graph
 * expression: values, weights, reductions and gradients all come from the autodiff engine.
 *
 * <ul>
 *   <li>Formula: {@code l_i = (p_i - y_i)^2} per element; gradient {@code 2 (p_i - y_i)} before reduction.</li>
 *   <li>Input space: predictions are probabilities in [0, 1]; targets are in [0, 1] (hard 0/1 labels
 *       or soft targets); same shape, any rank.</li>
 *   <li>Reduction: {@code mean} (default) divides the weighted sum by the sum of the weights of all
 *       elements (the number of elements without weights), as scikit-learn's {@code brier_score_loss}
 *       and PyTorch's {@code mse_loss}; also {@code sum} and {@code none}.</li>
 *   <li>Stability: a polynomial, finite on all of [0, 1]; no identity needed.</li>
 *   <li>Example: p = [0.1, 0.9, 0.8, 0.3], y = [0, 1, 1, 0] gives (0.01 + 0.01 + 0.04 + 0.09) / 4 = 0.0375.</li>
 * </ul>
 */
public final class BrierScore extends GraphLossProvider {

    public BrierScore() {
        super("brier_score", "Brier score: squared error of predicted probabilities against 0/1 or soft targets");
        formula("l_i = (p_i - y_i)^2");
        inputs(InputSpace.ELEMENTWISE_PROBABILITIES, TargetDomain.UNIT_INTERVAL);
        nonNegative();
    }

    @Override
    protected Node graph(Node probabilities, Node targets, ParameterValues parameters) {
        return probabilities.sub(targets).square();
    }
}
