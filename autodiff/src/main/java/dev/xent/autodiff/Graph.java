package dev.xent.autodiff;

import dev.xent.core.Node;
import dev.xent.core.Tensor;

/**
 * Where autodiff graphs start: leaves that need a gradient ({@link #variable}) and constants.
 * <pre>{@code
 * Node w = Graph.variable(Tensor.of(0.5, -1.0));
 * Node loss = w.mul(w).sum();       // ||w||^2
 * loss.backward();
 * w.gradient();                     // [1.0, -2.0]
 * }</pre>
 * Nodes are not thread-safe; build one graph per thread.
 */
public final class Graph {
    private Graph() {
    }

    /** A leaf whose gradient backward computes. The tensor's values are copied. */
    public static Node variable(Tensor value) {
        return GraphNode.leaf(value, true);
    }

    /** A leaf without a gradient. The tensor's values are copied. */
    public static Node constant(Tensor value) {
        return GraphNode.leaf(value, false);
    }

    /** A scalar constant. */
    public static Node constant(double value) {
        return GraphNode.leaf(Tensor.scalar(value), false);
    }
}
