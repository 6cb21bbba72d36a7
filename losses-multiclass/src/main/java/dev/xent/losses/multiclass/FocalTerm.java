package dev.xent.losses.multiclass;

import dev.xent.core.Node;
import java.util.function.Supplier;

/**
 * {@code f(p) = alpha (1 - p)^gamma log p} (Lin et al., 2017), with
 * {@code p f'(p) = alpha ((1 - p)^gamma - gamma p (1 - p)^(gamma - 1) log p)}. The second term is
 * taken at its limit 0 where {@code p = 0} ({@code p log p -> 0}) or {@code p = 1}, so it never
 * becomes {@code 0 * inf}.
 */
final class FocalTerm implements ClassTerm {
    private final double gamma;
    private final double alpha;

    FocalTerm(double gamma, double alpha) {
        this.gamma = gamma;
        this.alpha = alpha;
    }

    @Override
    public double value(double logP, double p, double complement) {
        return alpha * power(complement, gamma) * logP;
    }

    @Override
    public double slope(double logP, double p, double complement) {
        double focusing = p == 0 || complement == 0 || gamma == 0
                ? 0.0
                : gamma * power(complement, gamma - 1) * (p * logP);
        return alpha * (power(complement, gamma) - focusing);
    }

    /**
     * {@code Math.pow(x, y)}, with the default {@code gamma = 2}'s exponents 2 and 1 as {@code x * x} (the
     * correctly rounded square, which is how HotSpot computes {@code Math.pow(x, 2)} too) and {@code x}
     * (exact), without the call: the focal losses' most common case costs no {@code pow}.
     */
    private static double power(double x, double y) {
        return y == 2.0 ? x * x : y == 1.0 ? x : Math.pow(x, y);
    }

    @Override
    public double constantFactor() {
        return alpha;
    }

    @Override
    public Node graph(Node logP, Supplier<Node> p) {
        return p.get().rsub(1.0).pow(gamma).mul(logP);
    }
}
