package dev.xent.autodiff;

import dev.xent.core.Node;
import dev.xent.core.numeric.CompensatedSum;

/**
 * Sums and means, of all elements or along one axis, with compensated (Neumaier) summation. Each op's
 * backward step is right under its forward: every summed element gets the upstream gradient of its sum.
 */
final class ReductionOps {
    private ReductionOps() {
    }

    /** The sum of all elements (a scalar); derivative 1 for each. */
    static GraphNode sum(GraphNode x) {
        return x.unary(new double[] {ParallelLoops.sum(x.v)}, new int[0], (gy, gx) -> {
            double gi = gy[0];
            ParallelLoops.forEach(gx.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    gx[i] += gi;
                }
            });
        });
    }

    /** The mean of all elements: their sum times {@code 1 / n}. */
    static Node mean(GraphNode x) {
        return sum(x).mul(1.0 / x.v.length);
    }

    /** The sums along {@code axis} (the shape without that axis); derivative 1 for each summed element. */
    static GraphNode sum(GraphNode x, int axis) {
        double[] v = x.v;
        Axis ax = Axis.of(x.shape, axis);
        double[] out = new double[ax.outer * ax.inner];
        // Each slice is summed on its own (in order): chunks of slices have the same bits on any thread count.
        ParallelLoops.forEach(ax.outer, ax.outerGrain(), (from, to) -> {
            CompensatedSum s = new CompensatedSum();
            for (int o = from; o < to; o++) {
                for (int k = 0; k < ax.inner; k++) {
                    s.reset();
                    for (int i = ax.index(o, 0, k), end = i + ax.length * ax.inner; i < end; i += ax.inner) {
                        s.add(v[i]);
                    }
                    out[o * ax.inner + k] = s.value();
                }
            }
        });
        return x.unary(out, ax.reducedShape, (gy, gx) -> ParallelLoops.forEach(ax.outer, ax.outerGrain(), (from, to) -> {
            for (int o = from; o < to; o++) {
                for (int k = 0; k < ax.inner; k++) {
                    double gi = gy[o * ax.inner + k];
                    for (int i = ax.index(o, 0, k), end = i + ax.length * ax.inner; i < end; i += ax.inner) {
                        gx[i] += gi;
                    }
                }
            }
        }));
    }

    /** The means along {@code axis}: the sums times {@code 1 / length}. */
    static Node mean(GraphNode x, int axis) {
        return sum(x, axis).mul(1.0 / Axis.of(x.shape, axis).length);
    }
}
