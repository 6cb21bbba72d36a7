package dev.xent.losses.multiclass;

import dev.xent.core.Node;
import java.util.function.Supplier;

/**
 * The function {@code f} of one class's probability in {@code l_i = -sum_c a_ic f(p_ic)}: {@code log p}
 * for cross-entropy, {@code alpha (1 - p)^gamma log p} for focal cross-entropy.
 *
 * <p>Kernels pass {@code log p}, {@code p} and {@code 1 - p} computed once and accurately (for logits
 * {@code 1 - p} of the largest class comes from the log-sum-exp, not from a cancelling subtraction).
 */
interface ClassTerm {

    /** {@code f(p)}. */
    double value(double logP, double p, double complement);

    /** {@code p f'(p)}: the gradient of {@code f} with respect to {@code log p}. */
    double slope(double logP, double p, double complement);

    /** The constant factor of {@code f} ({@code alpha} for focal, 1 for cross-entropy). */
    double constantFactor();

    /**
     * {@code f(p) / constantFactor()} on the graph, element-wise, given {@code log p} and {@code p}
     * ({@code p} is built only if {@code f} needs it: from logits it costs an op per element). The
     * loss multiplies it by its constant coefficients (which carry the constant factor and the minus
     * sign of {@code l}, so they need no op).
     */
    Node graph(Node logP, Supplier<Node> p);
}
