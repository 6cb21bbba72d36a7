package dev.xent.losses.multiclass;

import dev.xent.core.Node;
import java.util.function.Supplier;

/** {@code f(p) = log p}: plain cross-entropy; {@code p f'(p) = 1}. */
final class CrossEntropyTerm implements ClassTerm {
    static final CrossEntropyTerm INSTANCE = new CrossEntropyTerm();

    private CrossEntropyTerm() {
    }

    @Override
    public double value(double logP, double p, double complement) {
        return logP;
    }

    @Override
    public double slope(double logP, double p, double complement) {
        return 1.0;
    }

    @Override
    public double constantFactor() {
        return 1.0;
    }

    @Override
    public Node graph(Node logP, Supplier<Node> p) {
        return logP;
    }
}
