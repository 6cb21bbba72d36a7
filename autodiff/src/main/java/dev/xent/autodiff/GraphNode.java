package dev.xent.autodiff;

import dev.xent.core.Node;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.StableMath;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine: a node holds its value, its operands, and the backward step that pushes its gradient
 * to them; {@link #backward()} runs those steps in reverse topological order. The ops live in
 * package-private files by family (the table in docs/autodiff.md lists every op with its file): each
 * computes its result in its own loop and, right under it, says in its own loop how the gradient
 * flows back, so the JIT compiles each loop for its one op. {@code Node}'s methods here only delegate.
 */
final class GraphNode implements Node {
    /**
     * The backward step of an op with one operand: adds {@code gy} (on the result's shape) times the
     * local derivative into {@code gx} (on the operand's shape).
     */
    @FunctionalInterface
    interface UnaryStep {
        void run(double[] gy, double[] gx);
    }

    /**
     * The backward step of a binary op, on the result's shape: adds {@code gy} times each local
     * derivative into {@code ga} and {@code gb}; either is null if that operand needs no gradient.
     */
    @FunctionalInterface
    interface BinaryStep {
        void run(double[] gy, double[] ga, double[] gb);
    }

    /** Numbers backward passes, so that each marks the nodes it visited without a visited set (long: never wraps). */
    private static final AtomicLong PASSES = new AtomicLong();

    final double[] v;
    final int[] shape;
    /** The operands: none for a leaf, {@code second} only for binary ops. */
    private final GraphNode first;
    private final GraphNode second;
    private final boolean requiresGradient;
    private double[] g;
    /*
     * The backward step (set only if the node needs a gradient): one of the two, called directly by
     * backward(), with no wrapping closure; a broadcast binary op's operands are expanded by `broadcast`.
     */
    private UnaryStep unaryStep;
    private BinaryStep binaryStep;
    private Broadcast broadcast;
    /** Scratch of {@link #topologicalOrder}: the pass that last visited this node and its next parent. */
    private long visitedInPass;
    private int nextParent;
    /** Shared by sigmoid, softplus and logSigmoid of this node; created by the first of them. */
    private SigmoidParts sigmoidParts;
    /** Shared by softmax, logSoftmax and logSumExp of this node along one axis; created by the first of them. */
    private SoftmaxParts softmaxParts;

    /** A node and its operands (none for a leaf): it needs a gradient if asked to or if an operand does. */
    private GraphNode(double[] v, int[] shape, boolean requiresGradient, GraphNode first, GraphNode second) {
        this.v = v;
        this.shape = shape;
        this.first = first;
        this.second = second;
        this.requiresGradient = requiresGradient
                || first != null && first.requiresGradient
                || second != null && second.requiresGradient;
    }

    static GraphNode leaf(Tensor value, boolean requiresGradient) {
        return new GraphNode(ParallelLoops.copy(value), value.shape(), requiresGradient, null, null);
    }

    /** A constant (no gradient) holding {@code values} (not copied) of {@code shape}. */
    static GraphNode constant(double[] values, int[] shape) {
        return new GraphNode(values, shape, false, null, null);
    }

    /**
     * The result {@code y} of shape {@code shape} of an op on {@code a} and {@code b} whose backward
     * step gets their gradients on their own shapes (it does any broadcasting itself).
     */
    static GraphNode binary(double[] y, int[] shape, GraphNode a, GraphNode b, BinaryStep step) {
        return binary(y, shape, a, b, null, step);
    }

    /**
     * The result {@code y} of shape {@code shape} of an op on {@code a} and {@code b} whose backward
     * step gets their gradients on the result's shape; {@code broadcast} (null if neither operand is
     * broadcast) sums them back to the operands' own shapes.
     */
    static GraphNode binary(double[] y, int[] shape, GraphNode a, GraphNode b, Broadcast broadcast, BinaryStep step) {
        GraphNode r = new GraphNode(y, shape, false, a, b);
        if (r.requiresGradient) {
            r.binaryStep = step;
            r.broadcast = broadcast;
        }
        return r;
    }

    static GraphNode cast(Node node) {
        if (node instanceof GraphNode n) {
            return n;
        }
        throw new IllegalArgumentException("node " + node.getClass().getName() + " is not from xent's autodiff engine");
    }

    /** The gradient buffer, created at first use. */
    private double[] grad() {
        if (g == null) {
            g = new double[v.length];
        }
        return g;
    }

    /**
     * Makes {@code buffer} (zeroed here; one value per element) this leaf's gradient buffer, for a caller
     * that wants the gradient of its next backward pass there: no array to allocate, nothing to copy
     * after the pass, the same bits.
     */
    void accumulateGradientInto(double[] buffer) {
        if (first != null || buffer.length != v.length) {
            throw new IllegalArgumentException("a gradient buffer of " + buffer.length + " values for a "
                    + (first != null ? "non-leaf node" : "leaf of " + v.length + " values"));
        }
        ParallelLoops.fill(buffer, 0.0);
        g = buffer;
    }

    /** The values without a copy: a node's values are never written after its op computed them, and a tensor is read-only. */
    @Override
    public Tensor value() {
        return Tensor.wrap(v, shape);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public Tensor gradient() {
        return g == null ? Tensor.zeros(shape) : Tensor.wrap(g.clone(), shape);
    }

    @Override
    public boolean requiresGradient() {
        return requiresGradient;
    }

    @Override
    public Node constant(Tensor value) {
        return leaf(value, false);
    }

    // ---------------------------------------------------------------- backward

    @Override
    public void backward() {
        if (!requiresGradient) {
            return;
        }
        GraphNode[] order = topologicalOrder();
        // Intermediate gradients start from zero on every pass; leaves accumulate across passes.
        for (int i = 0; i < order.length && order[i] != null; i++) {
            GraphNode n = order[i];
            if (n.first != null && n.g != null) {
                ParallelLoops.fill(n.g, 0.0);
            }
        }
        double[] seed = grad();
        for (int i = 0; i < seed.length; i++) {
            seed[i] += 1.0;
        }
        for (int i = order.length - 1; i >= 0; i--) {
            GraphNode n = order[i];
            if (n != null && n.first != null && n.g != null) {
                n.propagate();
            }
        }
    }

    /** This node's backward step: adds its gradient times the local derivatives into its operands' gradients. */
    private void propagate() {
        if (unaryStep != null) {
            unaryStep.run(g, first.grad());
            return;
        }
        double[] ga = first.requiresGradient ? first.grad() : null;
        double[] gb = second.requiresGradient ? second.grad() : null;
        if (broadcast == null) {
            binaryStep.run(g, ga, gb);
            return;
        }
        // A broadcast operand's gradient is taken on the result's shape and summed back to its own.
        double[] fullA = ga != null && broadcast.broadcastsA() ? new double[g.length] : ga;
        double[] fullB = gb != null && broadcast.broadcastsB() ? new double[g.length] : gb;
        binaryStep.run(g, fullA, fullB);
        if (fullA != ga) {
            broadcast.sumIntoA(fullA, ga);
        }
        if (fullB != gb) {
            broadcast.sumIntoB(fullB, gb);
        }
    }

    /**
     * Nodes needing a gradient, parents before children (followed by nulls): iterative depth-first
     * post-order on plain arrays. A node is marked with the number of the pass that visited it (no
     * identity hash map: hashing identities was most of the cost of a small graph's backward pass).
     */
    private GraphNode[] topologicalOrder() {
        long pass = PASSES.incrementAndGet();
        GraphNode[] order = new GraphNode[16];
        int size = 0;
        GraphNode[] stack = new GraphNode[16];
        int depth = 0;
        stack[depth++] = this;
        visitedInPass = pass;
        nextParent = 0;
        while (depth > 0) {
            GraphNode top = stack[depth - 1];
            GraphNode p = top.nextParent == 0 ? top.first : top.nextParent == 1 ? top.second : null;
            if (p != null) {
                top.nextParent++;
                if (p.requiresGradient && p.visitedInPass != pass) {
                    p.visitedInPass = pass;
                    p.nextParent = 0;
                    if (depth == stack.length) {
                        stack = Arrays.copyOf(stack, 2 * depth);
                    }
                    stack[depth++] = p;
                }
            } else {
                if (size == order.length) {
                    order = Arrays.copyOf(order, 2 * size);
                }
                order[size++] = stack[--depth];
            }
        }
        return order;
    }

    // ---------------------------------------------------------------- op builders

    /** A unary op's result {@code y} (this node's shape), whose backward step is {@code step}. */
    GraphNode unary(double[] y, UnaryStep step) {
        return unary(y, shape, step);
    }

    /** The result {@code y}, of shape {@code resultShape}, of an op on this node alone, whose backward step is {@code step}. */
    GraphNode unary(double[] y, int[] resultShape, UnaryStep step) {
        GraphNode r = new GraphNode(y, resultShape, false, this, null);
        if (requiresGradient) {
            r.unaryStep = step;
        }
        return r;
    }

    /** What sigmoid, softplus and logSigmoid of this node share: computed at the first of them, reused by the others. */
    SigmoidParts sigmoidParts() {
        if (sigmoidParts == null) {
            sigmoidParts = new SigmoidParts(v);
        }
        return sigmoidParts;
    }

    /** Hands this node's sigmoid parts, if computed, negated to {@code negation}, the node of {@code -this}. */
    void shareNegatedSigmoidParts(GraphNode negation) {
        if (sigmoidParts != null) {
            negation.sigmoidParts = sigmoidParts.ofNegation(); // sigmoid(-x) of this node is already known
        }
    }

    /** What softmax, logSoftmax and logSumExp of this node along {@code axis} share: computed at the first of them. */
    SoftmaxParts softmaxParts(int axis) {
        if (softmaxParts == null || softmaxParts.axisIndex != axis) {
            softmaxParts = new SoftmaxParts(v, shape, axis);
        }
        return softmaxParts;
    }

    // ---------------------------------------------------------------- the ops, by family (docs/autodiff.md)
    // @formatter:off
    // ArithmeticOps: + - * / with broadcasting, with a constant, negation, powers
    @Override public Node add(Node other) { return ArithmeticOps.add(this, other); }
    @Override public Node sub(Node other) { return ArithmeticOps.sub(this, other); }
    @Override public Node mul(Node other) { return ArithmeticOps.mul(this, other); }
    @Override public Node div(Node other) { return ArithmeticOps.div(this, other); }
    @Override public Node add(double c) { return ArithmeticOps.add(this, c); }
    @Override public Node sub(double c) { return ArithmeticOps.sub(this, c); }
    @Override public Node rsub(double c) { return ArithmeticOps.rsub(this, c); }
    @Override public Node mul(double c) { return ArithmeticOps.mul(this, c); }
    @Override public Node neg() { return ArithmeticOps.neg(this); }
    @Override public Node pow(double p) { return ArithmeticOps.pow(this, p); }
    @Override public Node square() { return ArithmeticOps.square(this); }
    // ExpLogOps: exponentials, logarithms, roots, tanh, xlogy
    @Override public Node exp() { return ExpLogOps.exp(this); }
    @Override public Node log() { return ExpLogOps.log(this); }
    @Override public Node log1p() { return ExpLogOps.log1p(this); }
    @Override public Node expm1() { return ExpLogOps.expm1(this); }
    @Override public Node sqrt() { return ExpLogOps.sqrt(this); }
    @Override public Node tanh() { return ExpLogOps.tanh(this); }
    @Override public Node xlogy(Node y) { return ExpLogOps.xlogy(this, y); }
    // SigmoidOps: sigmoid, softplus, logSigmoid (one shared exponential per element)
    @Override public Node sigmoid() { return SigmoidOps.sigmoid(this); }
    @Override public Node softplus() { return SigmoidOps.softplus(this); }
    @Override public Node logSigmoid() { return SigmoidOps.logSigmoid(this); }
    // PiecewiseOps: kinks, where the gradient goes one way or the other
    @Override public Node relu() { return PiecewiseOps.relu(this); }
    @Override public Node clamp(double low, double high) { return PiecewiseOps.clamp(this, low, high); }
    @Override public Node abs() { return PiecewiseOps.abs(this); }
    @Override public Node max(Node other) { return PiecewiseOps.max(this, other); }
    @Override public Node min(Node other) { return PiecewiseOps.min(this, other); }
    // SelectionOps: masks, where, gather, oneHot
    @Override public Node where(Node mask, Node otherwise) { return SelectionOps.where(this, mask, otherwise); }
    @Override public Node greaterThan(Node other) { return SelectionOps.greaterThan(this, other); }
    @Override public Node greaterThan(double c) { return SelectionOps.greaterThan(this, constant(Tensor.scalar(c))); }
    @Override public Node lessThan(Node other) { return SelectionOps.lessThan(this, other); }
    @Override public Node lessThan(double c) { return SelectionOps.lessThan(this, constant(Tensor.scalar(c))); }
    @Override public Node equalTo(double c) { return SelectionOps.equalTo(this, constant(Tensor.scalar(c))); }
    @Override public Node gather(int axis, Node indices) { return SelectionOps.gather(this, axis, indices); }
    @Override public Node oneHot(int classes) { return SelectionOps.oneHot(this, classes); }
    // ReductionOps: compensated sums and means, of everything or along an axis
    @Override public Node sum() { return ReductionOps.sum(this); }
    @Override public Node sum(int axis) { return ReductionOps.sum(this, axis); }
    @Override public Node mean() { return ReductionOps.mean(this); }
    @Override public Node mean(int axis) { return ReductionOps.mean(this, axis); }
    // SoftmaxOps: softmax, logSoftmax, logSumExp along an axis (one shared pass)
    @Override public Node softmax(int axis) { return SoftmaxOps.softmax(this, axis); }
    @Override public Node logSoftmax(int axis) { return SoftmaxOps.logSoftmax(this, axis); }
    @Override public Node logSumExp(int axis) { return SoftmaxOps.logSumExp(this, axis); }
    // MatmulOp: the matrix product and its kernel
    @Override public Node matmul(Node other) { return MatmulOp.matmul(this, other); }
    // @formatter:on

    @Override
    public String toString() {
        return "Node" + Arrays.toString(shape) + (requiresGradient ? " (requires gradient)" : "");
    }
}
