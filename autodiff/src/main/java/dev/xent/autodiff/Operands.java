package dev.xent.autodiff;

import dev.xent.core.Node;
import java.util.Arrays;

/**
 * Both operands of a binary op on the result's shape: an operand that has it is used as is, a
 * broadcast one is expanded (and its gradient summed back by the engine), so every op loops over
 * equal-length arrays with a plain index.
 */
final class Operands {
    private final GraphNode first;
    private final GraphNode other;
    /** Null when both operands have the same shape (the common case: nothing to map). */
    private final Broadcast broadcast;
    final double[] a;
    final double[] b;
    /** The result's values, for the op to fill. */
    final double[] y;

    Operands(GraphNode first, Node otherNode) {
        this.first = first;
        other = GraphNode.cast(otherNode);
        if (Arrays.equals(first.shape, other.shape)) {
            broadcast = null;
            a = first.v;
            b = other.v;
        } else {
            broadcast = Broadcast.of(first.shape, other.shape);
            a = broadcast.expandA(first.v);
            b = broadcast.expandB(other.v);
        }
        y = new double[a.length];
    }

    /** The shape of the result. */
    int[] shape() {
        return broadcast == null ? first.shape : broadcast.shape;
    }

    /** The result node {@code y}, whose backward step is {@code step}. */
    GraphNode result(GraphNode.BinaryStep step) {
        return GraphNode.binary(y, shape(), first, other, broadcast, step);
    }
}
