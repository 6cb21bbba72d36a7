package dev.xent.core;

/**
 * A value in a reverse-mode autodiff graph: a {@link Tensor} computed from other nodes, and after
 * {@link #backward()} on a downstream node, the gradient of that node's sum with respect to this one.
 *
 * <p>This interface is the contract; the engine is the {@code xent-autodiff} module (start there with
 * {@code dev.xent.autodiff.Graph}). Losses are written against it:
 * <pre>{@code
 * // binary cross-entropy on logits x: softplus(x) - x*y, stable for every x
 * Node perElement = x.softplus().sub(x.mul(y));
 * }</pre>
 *
 * <p>Binary operations broadcast like NumPy: shapes are aligned from the right and a dimension of
 * size 1 (or a missing leading one) stretches; a scalar goes with anything, a length-C vector or a
 * 1 x C matrix acts as a row of an N x C matrix, and an N x 1 matrix as a column. Any other mismatch
 * is an error: nothing is reshaped silently. The gradient flowing to a broadcast operand is summed
 * back to its shape.
 *
 * <p>The numerically delicate ops are stable: {@link #softplus()} and {@link #logSigmoid()} are finite
 * for any finite input, {@link #sigmoid()} never returns NaN, {@link #logSumExp(int)} and
 * {@link #logSoftmax(int)} subtract the maximum.
 */
public interface Node {

    /** The forward value. */
    Tensor value();

    /**
     * The accumulated gradient (same shape as {@link #value()}): zeros before a backward pass reaches
     * this node, and for nodes that do not require a gradient.
     */
    Tensor gradient();

    /** Whether backward computes a gradient for this node (false for constants and what depends only on them). */
    boolean requiresGradient();

    /**
     * Backpropagates from this node: seeds its gradient with ones (so a non-scalar node is treated as
     * its sum) and accumulates gradients into every node it depends on that requires one. Iterative:
     * graphs of any depth are fine. Calling it again accumulates again.
     */
    void backward();

    /** A constant (no gradient) in this node's graph, for mixing tensors into expressions. */
    Node constant(Tensor value);

    /** The shape of the value. */
    default int[] shape() {
        return value().shape();
    }

    // Element-wise arithmetic, with broadcasting.

    Node add(Node other);

    Node add(double constant);

    Node sub(Node other);

    Node sub(double constant);

    /** {@code constant - this}. */
    Node rsub(double constant);

    Node mul(Node other);

    Node mul(double constant);

    Node div(Node other);

    Node neg();

    /** Element-wise maximum of this and {@code other}; the gradient goes to the larger (to this on ties). */
    Node max(Node other);

    /** Element-wise minimum of this and {@code other}; the gradient goes to the smaller (to this on ties). */
    Node min(Node other);

    /** {@code this ^ exponent}, element-wise; {@code 0^0 = 1} with gradient 0 there. */
    Node pow(double exponent);

    /** {@code x * x}, element-wise (the same bits as {@code pow(2)}). */
    Node square();

    /**
     * {@code this * log(y)} element-wise with broadcasting, and 0 where this is 0 (even where y is 0):
     * {@code 0 log 0 = 0}, as in entropy, KL divergence and cross-entropy on soft targets (PyTorch's
     * {@code xlogy}). The gradient for this is {@code log y} (0 where both are 0), for y {@code this / y}.
     */
    Node xlogy(Node y);

    // Element-wise functions.

    Node exp();

    Node log();

    /** {@code log(1 + x)}, exact for small x. */
    Node log1p();

    /** {@code exp(x) - 1}, exact for small x. */
    Node expm1();

    /** The square root; its gradient is infinite at 0. */
    Node sqrt();

    /** {@code 1 / (1 + exp(-x))}, never NaN for non-NaN input. */
    Node sigmoid();

    /** {@code log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|))}. */
    Node softplus();

    /** {@code log(sigmoid(x)) = -softplus(-x)}. */
    Node logSigmoid();

    Node tanh();

    Node relu();

    /** Clamps to {@code [low, high]}; the gradient is 1 inside and 0 outside (PyTorch's convention at the bounds: 1). */
    Node clamp(double low, double high);

    Node abs();

    // Selection: masks, where, gather.

    /**
     * This where {@code mask} is 1, {@code otherwise} where it is 0, element-wise; this and
     * {@code otherwise} broadcast, and the mask broadcasts to their result. The mask is a constant
     * holding only 0 and 1 (from {@link #greaterThan}, {@link #lessThan}, {@link #equalTo} or
     * {@link #constant}); the gradient flows to the element that was picked only.
     */
    Node where(Node mask, Node otherwise);

    /** {@code a} where {@code mask} is 1, {@code b} where it is 0: {@code a.where(mask, b)}. */
    static Node where(Node mask, Node a, Node b) {
        return a.where(mask, b);
    }

    /** A constant 0/1 mask, 1 where this is greater than {@code other} (broadcasting); no gradient. */
    Node greaterThan(Node other);

    /** A constant 0/1 mask, 1 where this is greater than {@code c}; no gradient. */
    Node greaterThan(double c);

    /** A constant 0/1 mask, 1 where this is less than {@code other} (broadcasting); no gradient. */
    Node lessThan(Node other);

    /** A constant 0/1 mask, 1 where this is less than {@code c}; no gradient. */
    Node lessThan(double c);

    /** A constant 0/1 mask, 1 where this equals {@code c}; no gradient. */
    Node equalTo(double c);

    /**
     * The element of each slice along {@code axis} at its index in {@code indices}, a constant of
     * integers whose shape is this shape without {@code axis}; the axis is removed. For an N x C matrix
     * and axis 1, {@code indices} holds N class indices and the result is each row's value at its
     * index. The gradient flows to the picked elements only.
     */
    Node gather(int axis, Node indices);

    /** {@link #gather} along the last axis: each row's value at its index (e.g. at its target class). */
    default Node take(Node indices) {
        return gather(shape().length - 1, indices);
    }

    /**
     * A constant with one more axis of length {@code classes}: 1 at each element's index, 0 elsewhere
     * (N class indices give an N x C matrix). This node's values must be integers in {@code [0, classes)}.
     */
    Node oneHot(int classes);

    // Reductions: compensated (Neumaier) sums.

    /** The sum of all elements (a scalar). */
    Node sum();

    /** The sum along {@code axis}, which is removed from the shape. */
    Node sum(int axis);

    /** The mean of all elements (a scalar). */
    Node mean();

    /** The mean along {@code axis}, which is removed from the shape. */
    Node mean(int axis);

    /** {@code log(sum(exp(x)))} along {@code axis} (removed), computed as {@code m + log(sum(exp(x - m)))}. */
    Node logSumExp(int axis);

    /** {@code x - logSumExp(x)} along {@code axis} (kept). */
    Node logSoftmax(int axis);

    /** {@code exp(logSoftmax(x))} along {@code axis}. */
    Node softmax(int axis);

    /** Matrix product of two rank-2 nodes (N x K times K x M). */
    Node matmul(Node other);
}
