package dev.xent.autodiff;

import dev.xent.core.Node;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine: a node holds its value, its parents, and the backward step that pushes its gradient
 * to them. Every op below builds its result and, right under the forward computation, says how the
 * gradient flows back.
 */
final class GraphNode implements Node {
    /** Local derivative of a unary op from its input x and output y. */
    @FunctionalInterface
    private interface UnaryDerivative {
        double at(double x, double y);
    }

    /** Local derivative of a binary op with respect to one operand, from both inputs and the output. */
    @FunctionalInterface
    private interface BinaryDerivative {
        double at(double a, double b, double y);
    }

    @FunctionalInterface
    private interface BinaryFunction {
        double apply(double a, double b);
    }

    @FunctionalInterface
    private interface UnaryFunction {
        double apply(double x);
    }

    /** Numbers backward passes, so that each marks the nodes it visited without a visited set (long: never wraps). */
    private static final AtomicLong PASSES = new AtomicLong();

    final double[] v;
    final int[] shape;
    private final GraphNode[] parents;
    private final boolean requiresGradient;
    private double[] g;
    private Runnable backwardStep;
    /** Scratch of {@link #topologicalOrder}: the pass that last visited this node and its next parent. */
    private long visitedInPass;
    private int nextParent;

    private GraphNode(double[] v, int[] shape, boolean requiresGradient, GraphNode... parents) {
        this.v = v;
        this.shape = shape;
        this.parents = parents;
        this.requiresGradient = requiresGradient;
    }

    static GraphNode leaf(Tensor value, boolean requiresGradient) {
        return new GraphNode(value.toArray(), value.shape(), requiresGradient);
    }

    /** An op's result: it needs a gradient if any parent does. */
    private static GraphNode result(double[] v, int[] shape, GraphNode... parents) {
        boolean needs = false;
        for (GraphNode p : parents) {
            needs |= p.requiresGradient;
        }
        return new GraphNode(v, shape, needs, parents);
    }

    private static GraphNode cast(Node node) {
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
        List<GraphNode> order = topologicalOrder();
        // Intermediate gradients start from zero on every pass; leaves accumulate across passes.
        for (GraphNode n : order) {
            if (n.backwardStep != null && n.g != null) {
                Arrays.fill(n.g, 0.0);
            }
        }
        double[] seed = grad();
        for (int i = 0; i < seed.length; i++) {
            seed[i] += 1.0;
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            GraphNode n = order.get(i);
            if (n.backwardStep != null && n.g != null) {
                n.backwardStep.run();
            }
        }
    }

    /**
     * Nodes needing a gradient, parents before children: iterative depth-first post-order. A node is
     * marked with the number of the pass that visited it (no identity hash map: hashing identities
     * was most of the cost of a small graph's backward pass).
     */
    private List<GraphNode> topologicalOrder() {
        long pass = PASSES.incrementAndGet();
        List<GraphNode> order = new ArrayList<>();
        Deque<GraphNode> stack = new ArrayDeque<>();
        stack.push(this);
        visitedInPass = pass;
        nextParent = 0;
        while (!stack.isEmpty()) {
            GraphNode top = stack.peek();
            if (top.nextParent < top.parents.length) {
                GraphNode p = top.parents[top.nextParent++];
                if (p.requiresGradient && p.visitedInPass != pass) {
                    p.visitedInPass = pass;
                    p.nextParent = 0;
                    stack.push(p);
                }
            } else {
                order.add(stack.pop());
            }
        }
        return order;
    }

    // ---------------------------------------------------------------- op builders

    private GraphNode unary(UnaryFunction f, UnaryDerivative derivative) {
        double[] out = new double[v.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.apply(v[i]);
        }
        GraphNode r = result(out, shape, this);
        r.backwardStep = () -> {
            double[] gx = grad();
            for (int i = 0; i < out.length; i++) {
                if (r.g[i] != 0) {
                    gx[i] += r.g[i] * derivative.at(v[i], out[i]);
                }
            }
        };
        return r;
    }

    private GraphNode binary(Node other, BinaryFunction f, BinaryDerivative da, BinaryDerivative db) {
        GraphNode o = cast(other);
        Broadcast bc = Broadcast.of(shape, o.shape);
        double[] out = new double[bc.size];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.apply(v[bc.a(i)], o.v[bc.b(i)]);
        }
        GraphNode r = result(out, bc.shape, this, o);
        r.backwardStep = () -> {
            for (int i = 0; i < out.length; i++) {
                double gi = r.g[i];
                if (gi == 0) {
                    continue; // a zero upstream gradient contributes nothing, even where the local one is infinite
                }
                double a = v[bc.a(i)];
                double b = o.v[bc.b(i)];
                if (requiresGradient) {
                    grad()[bc.a(i)] += gi * da.at(a, b, out[i]);
                }
                if (o.requiresGradient) {
                    o.grad()[bc.b(i)] += gi * db.at(a, b, out[i]);
                }
            }
        };
        return r;
    }

    // ---------------------------------------------------------------- element-wise arithmetic

    @Override
    public Node add(Node other) {
        return binary(other, (a, b) -> a + b, (a, b, y) -> 1, (a, b, y) -> 1);
    }

    @Override
    public Node sub(Node other) {
        return binary(other, (a, b) -> a - b, (a, b, y) -> 1, (a, b, y) -> -1);
    }

    @Override
    public Node mul(Node other) {
        return binary(other, (a, b) -> a * b, (a, b, y) -> b, (a, b, y) -> a);
    }

    @Override
    public Node div(Node other) {
        return binary(other, (a, b) -> a / b, (a, b, y) -> 1 / b, (a, b, y) -> -y / b);
    }

    @Override
    public Node max(Node other) {
        return binary(other, Math::max, (a, b, y) -> a >= b ? 1 : 0, (a, b, y) -> a >= b ? 0 : 1);
    }

    @Override
    public Node add(double c) {
        return unary(x -> x + c, (x, y) -> 1);
    }

    @Override
    public Node sub(double c) {
        return unary(x -> x - c, (x, y) -> 1);
    }

    @Override
    public Node rsub(double c) {
        return unary(x -> c - x, (x, y) -> -1);
    }

    @Override
    public Node mul(double c) {
        return unary(x -> x * c, (x, y) -> c);
    }

    @Override
    public Node neg() {
        return unary(x -> -x, (x, y) -> -1);
    }

    @Override
    public Node pow(double p) {
        return unary(x -> Math.pow(x, p), (x, y) -> p == 0 ? 0 : p * Math.pow(x, p - 1));
    }

    // ---------------------------------------------------------------- element-wise functions

    @Override
    public Node exp() {
        return unary(Math::exp, (x, y) -> y);
    }

    @Override
    public Node log() {
        return unary(Math::log, (x, y) -> 1 / x);
    }

    @Override
    public Node log1p() {
        return unary(Math::log1p, (x, y) -> 1 / (1 + x));
    }

    @Override
    public Node sigmoid() {
        return unary(StableMath::sigmoid, (x, y) -> y * (1 - y));
    }

    @Override
    public Node softplus() {
        return unary(StableMath::softplus, (x, y) -> StableMath.sigmoid(x));
    }

    @Override
    public Node logSigmoid() {
        return unary(x -> -StableMath.softplus(-x), (x, y) -> StableMath.sigmoid(-x));
    }

    @Override
    public Node tanh() {
        return unary(Math::tanh, (x, y) -> 1 - y * y);
    }

    @Override
    public Node relu() {
        return unary(x -> x > 0 ? x : 0, (x, y) -> x > 0 ? 1 : 0);
    }

    @Override
    public Node clamp(double low, double high) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("clamp needs low <= high, got [" + low + ", " + high + "]");
        }
        return unary(x -> Math.min(high, Math.max(low, x)), (x, y) -> x >= low && x <= high ? 1 : 0);
    }

    @Override
    public Node abs() {
        return unary(Math::abs, (x, y) -> Math.signum(x));
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public Node sum() {
        GraphNode r = result(new double[] {CompensatedSum.of(v)}, new int[0], this);
        r.backwardStep = () -> {
            double[] gx = grad();
            double gi = r.g[0];
            for (int i = 0; i < gx.length; i++) {
                gx[i] += gi;
            }
        };
        return r;
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
        GraphNode r = result(out, ax.reducedShape, this);
        r.backwardStep = () -> {
            double[] gx = grad();
            for (int o = 0; o < ax.outer; o++) {
                for (int k = 0; k < ax.inner; k++) {
                    double gi = r.g[o * ax.inner + k];
                    for (int j = 0; j < ax.length; j++) {
                        gx[ax.index(o, j, k)] += gi;
                    }
                }
            }
        };
        return r;
    }

    @Override
    public Node mean(int axis) {
        return sum(axis).mul(1.0 / Axis.of(shape, axis).length);
    }

    @Override
    public Node logSumExp(int axis) {
        Axis ax = Axis.of(shape, axis);
        double[] out = new double[ax.outer * ax.inner];
        double[] softmax = new double[v.length];
        ax.softmax(v, softmax, out);
        GraphNode r = result(out, ax.reducedShape, this);
        r.backwardStep = () -> {
            double[] gx = grad();
            for (int o = 0; o < ax.outer; o++) {
                for (int k = 0; k < ax.inner; k++) {
                    double gi = r.g[o * ax.inner + k];
                    for (int j = 0; j < ax.length; j++) {
                        int i = ax.index(o, j, k);
                        gx[i] += gi * softmax[i];
                    }
                }
            }
        };
        return r;
    }

    @Override
    public Node logSoftmax(int axis) {
        Axis ax = Axis.of(shape, axis);
        double[] softmax = new double[v.length];
        double[] logSumExp = new double[ax.outer * ax.inner];
        double[] out = ax.softmax(v, softmax, logSumExp);
        GraphNode r = result(out, shape, this);
        r.backwardStep = () -> {
            double[] gx = grad();
            for (int o = 0; o < ax.outer; o++) {
                for (int k = 0; k < ax.inner; k++) {
                    double total = 0;
                    for (int j = 0; j < ax.length; j++) {
                        total += r.g[ax.index(o, j, k)];
                    }
                    for (int j = 0; j < ax.length; j++) {
                        int i = ax.index(o, j, k);
                        gx[i] += r.g[i] - softmax[i] * total;
                    }
                }
            }
        };
        return r;
    }

    @Override
    public Node softmax(int axis) {
        Axis ax = Axis.of(shape, axis);
        double[] out = new double[v.length];
        ax.softmax(v, out, new double[ax.outer * ax.inner]);
        GraphNode r = result(out, shape, this);
        r.backwardStep = () -> {
            double[] gx = grad();
            for (int o = 0; o < ax.outer; o++) {
                for (int k = 0; k < ax.inner; k++) {
                    double dot = 0;
                    for (int j = 0; j < ax.length; j++) {
                        int i = ax.index(o, j, k);
                        dot += r.g[i] * out[i];
                    }
                    for (int j = 0; j < ax.length; j++) {
                        int i = ax.index(o, j, k);
                        gx[i] += out[i] * (r.g[i] - dot);
                    }
                }
            }
        };
        return r;
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
        GraphNode r = result(out, new int[] {n, m}, this, o);
        r.backwardStep = () -> {
            double[] g = r.g;
            if (requiresGradient) { // dA = G B^T
                double[] ga = grad();
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
            if (o.requiresGradient) { // dB = A^T G
                double[] gb = o.grad();
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
