package dev.xent.autodiff;

import dev.xent.core.Node;

/**
 * The softmax family along one axis: {@code softmax}, {@code logSoftmax} and {@code logSumExp}, whose
 * values all come from the node's {@link SoftmaxParts} (one pass of {@link Axis#softmax}, computed by
 * the first of them and shared by the others on the same axis). Each op's backward step is right
 * under its forward.
 */
final class SoftmaxOps {
    private SoftmaxOps() {
    }

    /** {@code log sum_j exp(x_j)} per slice; derivative {@code softmax(x)}. */
    static Node logSumExp(GraphNode x, int axis) {
        SoftmaxParts parts = x.softmaxParts(axis);
        Axis ax = parts.axis;
        double[] softmax = parts.softmax;
        return x.unary(parts.logSumExp, ax.reducedShape, (gy, gx) -> {
            ParallelLoops.forEach(ax.outer, ax.outerGrain(), (from, to) -> {
                for (int o = from; o < to; o++) {
                    for (int k = 0; k < ax.inner; k++) {
                        double gi = gy[o * ax.inner + k];
                        for (int i = ax.index(o, 0, k), end = i + ax.length * ax.inner; i < end; i += ax.inner) {
                            gx[i] += gi * softmax[i];
                        }
                    }
                }
            });
        });
    }

    /**
     * {@code x_j - logSumExp(x)}; backward {@code gx_j = gy_j - p_j sum_k gy_k}, at the slice's
     * maximum as {@code gy_top (1 - p_top) - p_top (sum of the others)} so a confident slice keeps its precision.
     */
    static Node logSoftmax(GraphNode x, int axis) {
        SoftmaxParts parts = x.softmaxParts(axis);
        Axis ax = parts.axis;
        double[] softmax = parts.softmax;
        return x.unary(parts.logSoftmax, (gy, gx) -> {
            ParallelLoops.forEach(ax.outer, ax.outerGrain(), (from, to) -> {
                for (int o = from; o < to; o++) {
                    for (int k = 0; k < ax.inner; k++) {
                        int slice = o * ax.inner + k;
                        int first = ax.index(o, 0, k); // the slice is first, first + inner, ...
                        int end = first + ax.length * ax.inner;
                        int topIndex = ax.index(o, parts.argMax[slice], k);
                        double others = 0;
                        for (int i = first; i < end; i += ax.inner) {
                            others += i == topIndex ? 0.0 : gy[i];
                        }
                        double total = others + gy[topIndex];
                        for (int i = first; i < end; i += ax.inner) {
                            gx[i] += i == topIndex ? 0.0 : gy[i] - softmax[i] * total;
                        }
                        // gy_k - p_k total = gy_k (1 - p_k) - p_k others: a confident slice's gradient keeps its precision
                        gx[topIndex] += gy[topIndex] * parts.topComplement[slice] - softmax[topIndex] * others;
                    }
                }
            });
        });
    }

    /** {@code p_j = exp(x_j) / sum_k exp(x_k)}; backward {@code gx_j = p_j (gy_j - sum_k gy_k p_k)}. */
    static Node softmax(GraphNode x, int axis) {
        SoftmaxParts parts = x.softmaxParts(axis);
        Axis ax = parts.axis;
        double[] out = parts.softmax;
        return x.unary(out, (gy, gx) -> {
            ParallelLoops.forEach(ax.outer, ax.outerGrain(), (from, to) -> {
                for (int o = from; o < to; o++) {
                    for (int k = 0; k < ax.inner; k++) {
                        double dot = 0;
                        for (int i = ax.index(o, 0, k), end = i + ax.length * ax.inner; i < end; i += ax.inner) {
                            dot += gy[i] * out[i];
                        }
                        for (int i = ax.index(o, 0, k), end = i + ax.length * ax.inner; i < end; i += ax.inner) {
                            gx[i] += out[i] * (gy[i] - dot);
                        }
                    }
                }
            });
        });
    }
}
