package org.example.losses;

import dev.xent.autodiff.GraphLossProvider;
import dev.xent.core.InputSpace;
import dev.xent.core.Node;
import dev.xent.core.TargetDomain;
import dev.xent.core.spi.ParameterValues;

/**
 * The Kullback-Leibler divergence of predicted class probabilities from target distributions, one
 * value per row.
 *
 * <ul>
 *   <li>Formula: {@code l_i = sum_c q_ic log(q_ic / p_ic)}, with {@code 0 log 0 = 0} through
 *       {@code xlogy}; gradient {@code -q_ic / p_ic} (0 where q_ic = 0).</li>
 *   <li>Input space: predictions are N x C rows of probabilities summing to 1; targets are N x C
 *       distributions ({@link TargetDomain#DISTRIBUTIONS}), where entries may be 0.</li>
 *   <li>Reduction: mean (default) over rows, sum or none (scikit-learn has no KL; PyTorch's
 *       {@code kl_div(log p, q, reduction="batchmean")} is this mean).</li>
 *   <li>Example: p = [0.5, 0.5], q = [1, 0]: l = log 2 = 0.6931471805599453.</li>
 * </ul>
 */
public final class KlDivergence extends GraphLossProvider {

    public KlDivergence() {
        super("kl_divergence", "Kullback-Leibler divergence of predicted class probabilities from target distributions");
        formula("l_i = sum_c q_ic log(q_ic / p_ic)   (0 log 0 = 0)");
        inputs(InputSpace.CLASS_PROBABILITIES, TargetDomain.DISTRIBUTIONS);
        nonNegative();
    }

    @Override
    protected Node graph(Node probabilities, Node targets, ParameterValues parameters) {
        return targets.xlogy(targets).sub(targets.xlogy(probabilities)).sum(1);
    }
}
