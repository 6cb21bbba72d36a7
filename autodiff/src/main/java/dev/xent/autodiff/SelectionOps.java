package dev.xent.autodiff;

import dev.xent.core.Node;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;

/**
 * Ops that pick elements instead of computing them: {@code where} by a constant 0/1 mask, the
 * comparisons that make such masks, {@code gather} along an axis by constant indices and one-hot
 * matrices. Each op's backward step is right under its forward loop; the gradient flows only to the
 * elements that were picked (comparisons and one-hot matrices are constants: no gradient).
 */
final class SelectionOps {
    private SelectionOps() {
    }

    /** {@code a} where {@code mask} is 1, {@code b} where it is 0; all three broadcast (NumPy rules). */
    static Node where(GraphNode a, Node maskNode, Node bNode) {
        GraphNode mask = GraphNode.cast(maskNode);
        GraphNode b = GraphNode.cast(bNode);
        requireConstant(mask, "where's mask");
        int[] shape = broadcastShape(broadcastShape(a.shape, b.shape), mask.shape);
        double[] m = onShape(mask, shape);
        for (int i = 0; i < m.length; i++) {
            if (m[i] != 0 && m[i] != 1) {
                throw new IllegalArgumentException("where's mask must hold only 0 and 1; element " + i + " is " + m[i]);
            }
        }
        double[] x = onShape(a, shape);
        double[] z = onShape(b, shape);
        double[] y = new double[m.length];
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = m[i] == 1 ? x[i] : z[i];
            }
        });
        return GraphNode.binary(y, shape, a, b, (gy, ga, gb) -> {
            double[] fullA = ga == null || ga.length == gy.length ? ga : new double[gy.length];
            double[] fullB = gb == null || gb.length == gy.length ? gb : new double[gy.length];
            ParallelLoops.forEach(gy.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (m[i] == 1) {
                        if (fullA != null) {
                            fullA[i] += gy[i];
                        }
                    } else if (fullB != null) {
                        fullB[i] += gy[i];
                    }
                }
            });
            sumBack(fullA, ga, shape, a.shape);
            sumBack(fullB, gb, shape, b.shape);
        });
    }

    /** The shape two shapes broadcast to. */
    private static int[] broadcastShape(int[] x, int[] y) {
        return Arrays.equals(x, y) ? x : Broadcast.of(x, y).shape;
    }

    /** The node's values on {@code shape}, to which it broadcasts. */
    private static double[] onShape(GraphNode node, int[] shape) {
        return Arrays.equals(node.shape, shape) ? node.v : Broadcast.of(shape, node.shape).expandB(node.v);
    }

    /** Adds a gradient taken on {@code shape} into {@code target}, an operand's of {@code own} shape. */
    private static void sumBack(double[] full, double[] target, int[] shape, int[] own) {
        if (full != target) {
            Broadcast.of(shape, own).sumIntoB(full, target);
        }
    }

    /** The constant mask {@code a > b}, with broadcasting. */
    static Node greaterThan(GraphNode a, Node b) {
        return compare(a, b, (x, y) -> x > y ? 1 : 0);
    }

    /** The constant mask {@code a < b}, with broadcasting. */
    static Node lessThan(GraphNode a, Node b) {
        return compare(a, b, (x, y) -> x < y ? 1 : 0);
    }

    /** The constant mask {@code a == b}, with broadcasting. */
    static Node equalTo(GraphNode a, Node b) {
        return compare(a, b, (x, y) -> x == y ? 1 : 0);
    }

    /** A constant 0/1 mask: 1 where {@code test(a, b)} holds, with broadcasting. */
    private static Node compare(GraphNode a, Node b, DoubleBinaryOperator test) {
        Operands o = new Operands(a, b);
        double[] y = o.y;
        ParallelLoops.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = test.applyAsDouble(o.a[i], o.b[i]);
            }
        });
        return GraphNode.constant(y, o.shape());
    }

    /**
     * The element of each slice along {@code axis} at the constant index in {@code indices}, whose
     * shape is the input's without that axis (an N x C matrix along axis 1 takes N indices, one per row).
     */
    static Node gather(GraphNode x, int axis, Node indexNode) {
        GraphNode indices = GraphNode.cast(indexNode);
        requireConstant(indices, "gather's indices");
        Axis ax = Axis.of(x.shape, axis);
        if (!Arrays.equals(indices.shape, ax.reducedShape)) {
            throw new IllegalArgumentException("gather along axis " + axis + " of shape " + Arrays.toString(x.shape)
                    + " needs indices of shape " + Arrays.toString(ax.reducedShape) + "; got "
                    + Arrays.toString(indices.shape));
        }
        int[] picked = new int[indices.v.length];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = index(indices.v[i], ax.length, i, "gather");
        }
        double[] y = new double[picked.length];
        for (int o = 0; o < ax.outer; o++) {
            for (int k = 0; k < ax.inner; k++) {
                int r = o * ax.inner + k;
                y[r] = x.v[ax.index(o, picked[r], k)];
            }
        }
        return x.unary(y, ax.reducedShape, (gy, gx) -> {
            for (int o = 0; o < ax.outer; o++) {
                for (int k = 0; k < ax.inner; k++) {
                    int r = o * ax.inner + k;
                    gx[ax.index(o, picked[r], k)] += gy[r];
                }
            }
        });
    }

    /** A constant of shape {@code indices.shape + [classes]}: 1 at each index, 0 elsewhere. */
    static Node oneHot(GraphNode indices, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("oneHot needs at least 1 class; got " + classes);
        }
        int[] shape = Arrays.copyOf(indices.shape, indices.shape.length + 1);
        shape[shape.length - 1] = classes;
        double[] y = new double[indices.v.length * classes];
        for (int i = 0; i < indices.v.length; i++) {
            y[i * classes + index(indices.v[i], classes, i, "oneHot")] = 1;
        }
        return GraphNode.constant(y, shape);
    }

    private static int index(double value, int length, int position, String op) {
        if (!(value >= 0 && value < length && value == Math.rint(value))) {
            throw new IllegalArgumentException(op + ": index at position " + position + " is " + value
                    + "; allowed: an integer in [0, " + length + ")");
        }
        return (int) value;
    }

    private static void requireConstant(GraphNode node, String what) {
        if (node.requiresGradient()) {
            throw new IllegalArgumentException(what + " must be a constant (no gradient flows through it)");
        }
    }
}
