package dev.xent.autodiff;

import dev.xent.core.Node;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.StableMath;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine: a node holds its value, its operands, and the backward step that pushes its gradient
 * to them. Every op below computes its result in its own loop and, right under it, says in its own
 * loop how the gradient flows back: no per-element calls through shared interfaces, so the JIT
 * compiles each loop for its one op.
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
        return new GraphNode(value.toArray(), value.shape(), requiresGradient, null, null);
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
        GraphNode r = new GraphNode(y, shape, false, a, b);
        if (r.requiresGradient) {
            r.binaryStep = step;
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

    /** Copies the gradient into {@code target} (zeros if none was computed), without an intermediate tensor. */
    void copyGradientTo(double[] target) {
        if (g == null) {
            Arrays.fill(target, 0, v.length, 0.0);
        } else {
            System.arraycopy(g, 0, target, 0, g.length);
        }
    }

    @Override
    public Tensor value() {
        return Tensor.wrap(v.clone(), shape);
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
                Arrays.fill(n.g, 0.0);
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

    /**
     * Both operands of a binary op on the result's shape: an operand that has it is used as is, a
     * broadcast one is expanded (and its gradient summed back), so every op loops over equal-length
     * arrays with a plain index.
     */
    final class Operands {
        final GraphNode other;
        /** Null when both operands have the same shape (the common case: nothing to map). */
        final Broadcast broadcast;
        final double[] a;
        final double[] b;
        final double[] y;

        Operands(Node otherNode) {
            other = cast(otherNode);
            if (Arrays.equals(shape, other.shape)) {
                broadcast = null;
                a = v;
                b = other.v;
            } else {
                broadcast = Broadcast.of(shape, other.shape);
                a = broadcast.expandA(v);
                b = broadcast.expandB(other.v);
            }
            y = new double[a.length];
        }

        /** The shape of the result. */
        int[] shape() {
            return broadcast == null ? shape : broadcast.shape;
        }

        /** The result node {@code y}, whose backward step is {@code step}. */
        GraphNode result(BinaryStep step) {
            GraphNode r = new GraphNode(y, shape(), false, GraphNode.this, other);
            if (r.requiresGradient) {
                r.binaryStep = step;
                r.broadcast = broadcast;
            }
            return r;
        }
    }

    // ---------------------------------------------------------------- element-wise arithmetic
    // Where a local derivative can be infinite, a zero upstream gradient is skipped: it contributes
    // nothing (not 0 * inf = NaN). Elsewhere adding 0 changes nothing, so the loops do not test it.

    @Override
    public Node add(Node other) {
        Operands o = new Operands(other);
        double[] a = o.a;
        double[] b = o.b;
        double[] y = o.y;
        for (int i = 0; i < y.length; i++) {
            y[i] = a[i] + b[i];
        }
        return o.result((gy, ga, gb) -> {
            for (int i = 0; i < gy.length; i++) {
                if (ga != null) {
                    ga[i] += gy[i];
                }
                if (gb != null) {
                    gb[i] += gy[i];
                }
            }
        });
    }

    @Override
    public Node sub(Node other) {
        Operands o = new Operands(other);
        double[] a = o.a;
        double[] b = o.b;
        double[] y = o.y;
        for (int i = 0; i < y.length; i++) {
            y[i] = a[i] - b[i];
        }
        return o.result((gy, ga, gb) -> {
            for (int i = 0; i < gy.length; i++) {
                if (ga != null) {
                    ga[i] += gy[i];
                }
                if (gb != null) {
                    gb[i] -= gy[i];
                }
            }
        });
    }

    @Override
    public Node mul(Node other) {
        Operands o = new Operands(other);
        double[] a = o.a;
        double[] b = o.b;
        double[] y = o.y;
        for (int i = 0; i < y.length; i++) {
            y[i] = a[i] * b[i];
        }
        return o.result((gy, ga, gb) -> {
            for (int i = 0; i < gy.length; i++) {
                double gi = gy[i];
                if (gi != 0) {
                    if (ga != null) {
                        ga[i] += gi * b[i];
                    }
                    if (gb != null) {
                        gb[i] += gi * a[i];
                    }
                }
            }
        });
    }

    @Override
    public Node div(Node other) {
        Operands o = new Operands(other);
        double[] a = o.a;
        double[] b = o.b;
        double[] y = o.y;
        for (int i = 0; i < y.length; i++) {
            y[i] = a[i] / b[i];
        }
        return o.result((gy, ga, gb) -> {
            for (int i = 0; i < gy.length; i++) {
                double gi = gy[i];
                if (gi != 0) {
                    if (ga != null) {
                        ga[i] += gi * (1 / b[i]);
                    }
                    if (gb != null) {
                        gb[i] += gi * (-y[i] / b[i]);
                    }
                }
            }
        });
    }

    @Override
    public Node max(Node other) {
        Operands o = new Operands(other);
        double[] a = o.a;
        double[] b = o.b;
        double[] y = o.y;
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(a[i], b[i]);
        }
        return o.result((gy, ga, gb) -> {
            for (int i = 0; i < gy.length; i++) {
                boolean toA = a[i] >= b[i];
                if (toA && ga != null) {
                    ga[i] += gy[i];
                }
                if (!toA && gb != null) {
                    gb[i] += gy[i];
                }
            }
        });
    }

    @Override
    public Node min(Node other) {
        return SelectionOps.min(this, other);
    }

    @Override
    public Node xlogy(Node y) {
        return LogAndRootOps.xlogy(this, y);
    }

    @Override
    public Node where(Node mask, Node otherwise) {
        return SelectionOps.where(this, mask, otherwise);
    }

    @Override
    public Node greaterThan(Node other) {
        return SelectionOps.compare(this, other, (a, b) -> a > b ? 1 : 0);
    }

    @Override
    public Node greaterThan(double c) {
        return greaterThan(constant(Tensor.scalar(c)));
    }

    @Override
    public Node lessThan(Node other) {
        return SelectionOps.compare(this, other, (a, b) -> a < b ? 1 : 0);
    }

    @Override
    public Node lessThan(double c) {
        return lessThan(constant(Tensor.scalar(c)));
    }

    @Override
    public Node equalTo(double c) {
        return SelectionOps.compare(this, constant(Tensor.scalar(c)), (a, b) -> a == b ? 1 : 0);
    }

    @Override
    public Node gather(int axis, Node indices) {
        return SelectionOps.gather(this, axis, indices);
    }

    @Override
    public Node oneHot(int classes) {
        return SelectionOps.oneHot(this, classes);
    }

    @Override
    public Node add(double c) {
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = v[i] + c;
        }
        return unary(y, GraphNode::addTo);
    }

    @Override
    public Node sub(double c) {
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = v[i] - c;
        }
        return unary(y, GraphNode::addTo);
    }

    /** The backward step of ops whose local derivative is 1. */
    private static void addTo(double[] gy, double[] gx) {
        for (int i = 0; i < gy.length; i++) {
            gx[i] += gy[i];
        }
    }

    @Override
    public Node rsub(double c) {
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = c - v[i];
        }
        return unary(y, GraphNode::subtractFrom);
    }

    @Override
    public Node neg() {
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = -v[i];
        }
        GraphNode r = unary(y, GraphNode::subtractFrom);
        if (sigmoidParts != null) {
            r.sigmoidParts = sigmoidParts.ofNegation(); // sigmoid(-x) of this node is already known
        }
        return r;
    }

    /** The backward step of ops whose local derivative is -1. */
    private static void subtractFrom(double[] gy, double[] gx) {
        for (int i = 0; i < gy.length; i++) {
            gx[i] -= gy[i];
        }
    }

    @Override
    public Node mul(double c) {
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = v[i] * c;
        }
        return unary(y, (gy, gx) -> {
            for (int i = 0; i < gy.length; i++) {
                if (gy[i] != 0) {
                    gx[i] += gy[i] * c;
                }
            }
        });
    }

    @Override
    public Node pow(double p) {
        if (p == 2) {
            return square();
        }
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.pow(v[i], p);
        }
        return unary(y, (gy, gx) -> {
            for (int i = 0; i < gy.length; i++) {
                if (gy[i] != 0) {
                    gx[i] += gy[i] * powSlope(v[i], p, y[i]);
                }
            }
        });
    }

    /** {@code x^2} as {@code x * x} (correctly rounded, like {@code Math.pow(x, 2)}), with derivative {@code 2x}: no pow, no division. */
    @Override
    public Node square() {
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = v[i] * v[i];
        }
        return unary(y, (gy, gx) -> {
            for (int i = 0; i < gy.length; i++) {
                if (gy[i] != 0) {
                    gx[i] += gy[i] * (2 * v[i]);
                }
            }
        });
    }

    /**
     * {@code p x^(p - 1)} (0 for p = 0), as {@code p (x^p / x)} from the forward's {@code y = x^p} where
     * that quotient is accurate (x nonzero, y a finite normal number: within a few ulps), else with a
     * second {@code pow}.
     */
    private static double powSlope(double x, double p, double y) {
        if (p == 0) {
            return 0;
        }
        boolean quotientIsAccurate = x != 0 && Math.abs(y) >= Double.MIN_NORMAL && Math.abs(y) < Double.POSITIVE_INFINITY;
        return quotientIsAccurate ? p * (y / x) : p * Math.pow(x, p - 1);
    }

    // ---------------------------------------------------------------- element-wise functions

    @Override
    public Node exp() {
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.exp(v[i]);
        }
        return unary(y, (gy, gx) -> {
            for (int i = 0; i < gy.length; i++) {
                if (gy[i] != 0) {
                    gx[i] += gy[i] * y[i];
                }
            }
        });
    }

    @Override
    public Node log() {
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.log(v[i]);
        }
        return unary(y, (gy, gx) -> {
            for (int i = 0; i < gy.length; i++) {
                if (gy[i] != 0) {
                    gx[i] += gy[i] * (1 / v[i]);
                }
            }
        });
    }

    @Override
    public Node log1p() {
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = StableMath.log1p(v[i]);
        }
        return unary(y, (gy, gx) -> {
            for (int i = 0; i < gy.length; i++) {
                if (gy[i] != 0) {
                    gx[i] += gy[i] * (1 / (1 + v[i]));
                }
            }
        });
    }

    @Override
    public Node expm1() {
        return LogAndRootOps.expm1(this);
    }

    @Override
    public Node sqrt() {
        return LogAndRootOps.sqrt(this);
    }

    @Override
    public Node sigmoid() {
        SigmoidParts s = sigmoidParts();
        return unary(s.sigmoid, (gy, gx) -> {
            for (int i = 0; i < gy.length; i++) {
                gx[i] += gy[i] * (s.sigmoid[i] * s.sigmoidOfMinus[i]);
            }
        });
    }

    /** {@code max(x, 0) + log1p(exp(-|x|))}; its derivative is {@code sigmoid(x)}. */
    @Override
    public Node softplus() {
        SigmoidParts s = sigmoidParts();
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(v[i], 0.0) + s.log1pExp[i];
        }
        return unary(y, (gy, gx) -> multiplyInto(gy, s.sigmoid, gx));
    }

    /** {@code -softplus(-x)}; its derivative is {@code sigmoid(-x)}. */
    @Override
    public Node logSigmoid() {
        SigmoidParts s = sigmoidParts();
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = -(Math.max(-v[i], 0.0) + s.log1pExp[i]);
        }
        return unary(y, (gy, gx) -> multiplyInto(gy, s.sigmoidOfMinus, gx));
    }

    /** What softmax, logSoftmax and logSumExp of this node along {@code axis} share: computed at the first of them. */
    private SoftmaxParts softmaxParts(int axis) {
        if (softmaxParts == null || softmaxParts.axisIndex != axis) {
            softmaxParts = new SoftmaxParts(v, shape, axis);
        }
        return softmaxParts;
    }

    /** What sigmoid, softplus and logSigmoid of this node share: computed at the first of them, reused by the others. */
    private SigmoidParts sigmoidParts() {
        if (sigmoidParts == null) {
            sigmoidParts = new SigmoidParts(v);
        }
        return sigmoidParts;
    }

    /** {@code gx += gy * slope}, for ops whose local derivatives are finite and precomputed. */
    private static void multiplyInto(double[] gy, double[] slope, double[] gx) {
        for (int i = 0; i < gy.length; i++) {
            gx[i] += gy[i] * slope[i];
        }
    }

    @Override
    public Node tanh() {
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.tanh(v[i]);
        }
        return unary(y, (gy, gx) -> {
            for (int i = 0; i < gy.length; i++) {
                gx[i] += gy[i] * (1 - y[i] * y[i]);
            }
        });
    }

    @Override
    public Node relu() {
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = v[i] > 0 ? v[i] : 0;
        }
        return unary(y, (gy, gx) -> {
            for (int i = 0; i < gy.length; i++) {
                if (v[i] > 0) {
                    gx[i] += gy[i];
                }
            }
        });
    }

    @Override
    public Node clamp(double low, double high) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("clamp needs low <= high, got [" + low + ", " + high + "]");
        }
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.min(high, Math.max(low, v[i]));
        }
        return unary(y, (gy, gx) -> {
            for (int i = 0; i < gy.length; i++) {
                if (v[i] >= low && v[i] <= high) {
                    gx[i] += gy[i];
                }
            }
        });
    }

    @Override
    public Node abs() {
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.abs(v[i]);
        }
        return unary(y, (gy, gx) -> {
            for (int i = 0; i < gy.length; i++) {
                gx[i] += gy[i] * Math.signum(v[i]);
            }
        });
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public Node sum() {
        return unary(new double[] {CompensatedSum.of(v)}, new int[0], (gy, gx) -> {
            double gi = gy[0];
            for (int i = 0; i < gx.length; i++) {
                gx[i] += gi;
            }
        });
    }

    @Override
    public Node mean() {
        return sum().mul(1.0 / v.length);
    }

    @Override
    public Node sum(int axis) {
        Axis ax = Axis.of(shape, axis);
        double[] out = new double[ax.outer * ax.inner];
        CompensatedSum s = new CompensatedSum();
        for (int o = 0; o < ax.outer; o++) {
            for (int k = 0; k < ax.inner; k++) {
                s.reset();
                for (int j = 0; j < ax.length; j++) {
                    s.add(v[ax.index(o, j, k)]);
                }
                out[o * ax.inner + k] = s.value();
            }
        }
        return unary(out, ax.reducedShape, (gy, gx) -> {
            for (int o = 0; o < ax.outer; o++) {
                for (int k = 0; k < ax.inner; k++) {
                    double gi = gy[o * ax.inner + k];
                    for (int j = 0; j < ax.length; j++) {
                        gx[ax.index(o, j, k)] += gi;
                    }
                }
            }
        });
    }

    @Override
    public Node mean(int axis) {
        return sum(axis).mul(1.0 / Axis.of(shape, axis).length);
    }

    @Override
    public Node logSumExp(int axis) {
        SoftmaxParts parts = softmaxParts(axis);
        Axis ax = parts.axis;
        double[] softmax = parts.softmax;
        return unary(parts.logSumExp, ax.reducedShape, (gy, gx) -> {
            for (int o = 0; o < ax.outer; o++) {
                for (int k = 0; k < ax.inner; k++) {
                    double gi = gy[o * ax.inner + k];
                    for (int j = 0; j < ax.length; j++) {
                        int i = ax.index(o, j, k);
                        gx[i] += gi * softmax[i];
                    }
                }
            }
        });
    }

    @Override
    public Node logSoftmax(int axis) {
        SoftmaxParts parts = softmaxParts(axis);
        Axis ax = parts.axis;
        double[] softmax = parts.softmax;
        return unary(parts.logSoftmax, (gy, gx) -> {
            for (int o = 0; o < ax.outer; o++) {
                for (int k = 0; k < ax.inner; k++) {
                    int slice = o * ax.inner + k;
                    int top = parts.argMax[slice];
                    double others = 0;
                    for (int j = 0; j < ax.length; j++) {
                        others += j == top ? 0.0 : gy[ax.index(o, j, k)];
                    }
                    int topIndex = ax.index(o, top, k);
                    double total = others + gy[topIndex];
                    for (int j = 0; j < ax.length; j++) {
                        int i = ax.index(o, j, k);
                        gx[i] += j == top ? 0.0 : gy[i] - softmax[i] * total;
                    }
                    // gy_k - p_k total = gy_k (1 - p_k) - p_k others: a confident slice's gradient keeps its precision
                    gx[topIndex] += gy[topIndex] * parts.topComplement[slice] - softmax[topIndex] * others;
                }
            }
        });
    }

    @Override
    public Node softmax(int axis) {
        SoftmaxParts parts = softmaxParts(axis);
        Axis ax = parts.axis;
        double[] out = parts.softmax;
        return unary(out, (gy, gx) -> {
            for (int o = 0; o < ax.outer; o++) {
                for (int k = 0; k < ax.inner; k++) {
                    double dot = 0;
                    for (int j = 0; j < ax.length; j++) {
                        int i = ax.index(o, j, k);
                        dot += gy[i] * out[i];
                    }
                    for (int j = 0; j < ax.length; j++) {
                        int i = ax.index(o, j, k);
                        gx[i] += out[i] * (gy[i] - dot);
                    }
                }
            }
        });
    }

    // ---------------------------------------------------------------- matrix product

    @Override
    public Node matmul(Node other) {
        GraphNode o = cast(other);
        if (shape.length != 2 || o.shape.length != 2 || shape[1] != o.shape[0]) {
            throw new IllegalArgumentException("matmul needs N x K and K x M matrices; got "
                    + Arrays.toString(shape) + " and " + Arrays.toString(o.shape));
        }
        int n = shape[0];
        int k = shape[1];
        int m = o.shape[1];
        double[] a = v;
        double[] b = o.v;
        double[] out = product(a, b, n, k, m);
        GraphNode r = new GraphNode(out, new int[] {n, m}, false, this, o);
        if (!r.requiresGradient) {
            return r;
        }
        r.binaryStep = (g, ga, gb) -> {
            if (ga != null) { // dA = G B^T
                for (int i = 0; i < n; i++) {
                    int gRow = i * m;
                    for (int p = 0; p < k; p++) {
                        int bRow = p * m;
                        double s = 0;
                        for (int j = 0; j < m; j++) {
                            s += g[gRow + j] * b[bRow + j];
                        }
                        ga[i * k + p] += s;
                    }
                }
            }
            if (gb != null) { // dB = A^T G
                for (int i = 0; i < n; i++) {
                    int gRow = i * m;
                    int aRow = i * k;
                    for (int p = 0; p < k; p++) {
                        double aip = a[aRow + p];
                        int bRow = p * m;
                        for (int j = 0; j < m; j++) {
                            gb[bRow + j] += aip * g[gRow + j];
                        }
                    }
                }
            }
        };
        return r;
    }

    /**
     * {@code A (n x k) times B (k x m)}, row-major. Four output columns at a time are summed in
     * registers (independent chains, no stores in the inner loop); each element is still the sum over
     * p in ascending order, so the bits equal those of the plain triple loop.
     */
    private static double[] product(double[] a, double[] b, int n, int k, int m) {
        double[] out = new double[n * m];
        for (int i = 0; i < n; i++) {
            int aRow = i * k;
            int outRow = i * m;
            int j = 0;
            for (; j + 4 <= m; j += 4) {
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int p = 0; p < k; p++) {
                    double aip = a[aRow + p];
                    int bj = p * m + j;
                    s0 += aip * b[bj];
                    s1 += aip * b[bj + 1];
                    s2 += aip * b[bj + 2];
                    s3 += aip * b[bj + 3];
                }
                out[outRow + j] = s0;
                out[outRow + j + 1] = s1;
                out[outRow + j + 2] = s2;
                out[outRow + j + 3] = s3;
            }
            for (; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[aRow + p] * b[p * m + j];
                }
                out[outRow + j] = s;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Node" + Arrays.toString(shape) + (requiresGradient ? " (requires gradient)" : "");
    }
}
