package dev.xent.autodiff;

import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.StableMath;
import java.util.Arrays;

/**
 * A shape seen as {@code outer x length x inner} around one axis, for reductions along it.
 */
final class Axis {
    final int outer;
    final int length;
    final int inner;
    final int[] reducedShape;

    private Axis(int outer, int length, int inner, int[] reducedShape) {
        this.outer = outer;
        this.length = length;
        this.inner = inner;
        this.reducedShape = reducedShape;
    }

    static Axis of(int[] shape, int axis) {
        if (axis < 0 || axis >= shape.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + Arrays.toString(shape));
        }
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= shape[d];
        }
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        int[] reduced = new int[shape.length - 1];
        for (int d = 0, r = 0; d < shape.length; d++) {
            if (d != axis) {
                reduced[r++] = shape[d];
            }
        }
        return new Axis(outer, shape[axis], inner, reduced);
    }

    /** How many of the {@code outer} slices-of-slices make one parallel chunk (about {@link ParallelLoops#GRAIN} elements). */
    int outerGrain() {
        return ParallelLoops.grainOf(length * inner);
    }

    int index(int o, int j, int k) {
        return (o * length + j) * inner + k;
    }

    /**
     * Softmax along the axis with the maximum subtracted, into {@code softmax}; the log-sum-exp of each
     * slice into {@code logSumExp}; the first index of each slice's maximum into {@code argMax} and
     * {@code 1 - softmax} there into {@code topComplement}; returns the log-softmax. As the fused
     * kernels: {@code log p_j = z_j + (d_j - log1p(s))} with {@code z_j = x_j - max} (0 where equal),
     * {@code d_j} its rounding error ({@link StableMath#shiftError}) and {@code s} the compensated sum of
     * {@code exp(z_j)(1 + d_j)} over the other entries, so that confident slices keep their precision
     * ({@code 1 - p_k = s / (1 + s)}). Infinite logits are handled as limits: the mass is shared by the
     * entries equal to the maximum, so nothing becomes NaN unless the input is NaN.
     */
    double[] softmax(double[] x, double[] softmax, double[] logSumExp, int[] argMax, double[] topComplement) {
        double[] logSoftmax = new double[x.length];
        // Slices are independent: chunks of them have the same bits on any thread count. A small input
        // calls the loop directly (no closure to allocate on the fixed cost of a call).
        // The vector loops are chosen by the size alone (a lane's exponential does not depend on its block).
        if (inner == 1 && VectorLoops.enabledFor(x.length)) {
            ParallelLoops.forEach(outer, outerGrain(),
                    (from, to) -> SoftmaxBlocks.rows(this, from, to, x, softmax, logSoftmax, logSumExp, argMax, topComplement));
        } else if (ParallelLoops.runsInOneRange(outer, outerGrain())) {
            softmaxSlices(0, outer, x, softmax, logSoftmax, logSumExp, argMax, topComplement);
        } else {
            ParallelLoops.forEach(outer, outerGrain(),
                    (from, to) -> softmaxSlices(from, to, x, softmax, logSoftmax, logSumExp, argMax, topComplement));
        }
        return logSoftmax;
    }

    /** {@link #softmax} of the slices {@code o} in {@code [from, to)}. */
    private void softmaxSlices(int from, int to, double[] x, double[] softmax, double[] logSoftmax, double[] logSumExp,
                               int[] argMax, double[] topComplement) {
        CompensatedSum sum = new CompensatedSum(); // many small terms next to the max's 1 must not be lost
        for (int o = from; o < to; o++) {
            for (int k = 0; k < inner; k++) {
                int first = index(o, 0, k);
                softmaxSlice(o, k, topIndex(x, first, first + length * inner), x, null, 0, sum, softmax, logSoftmax,
                        logSumExp, argMax, topComplement);
            }
        }
    }

    /**
     * {@link #softmax} of slice {@code (o, k)}, whose first largest element is {@code x[topIndex]} ({@link #topIndex}). With
     * {@code exps} null the exponentials of the shifted elements come from {@link Math#exp}, else from
     * {@code exps[offset + j]} for the slice's element {@code j} (for a finite maximum only: they are the
     * exponentials of {@code x - max}, computed in a block by {@link SoftmaxBlocks}).
     */
    void softmaxSlice(int o, int k, int topIndex, double[] x, double[] exps, int offset, CompensatedSum sum,
                      double[] softmax, double[] logSoftmax, double[] logSumExp, int[] argMax, double[] topComplement) {
        int first = index(o, 0, k); // the slice is x[first], x[first + inner], ... (no multiply per element)
        int end = first + length * inner;
        double max = length == 0 ? Double.NEGATIVE_INFINITY : x[topIndex];
        boolean finite = !Double.isInfinite(max);
        sum.reset();
        for (int i = first, j = offset; i < end; i += inner, j++) {
            // The shift's rounding error waits in logSoftmax until log1p(s) is known; the shift
            // itself is recomputed then (one subtraction, cheaper than a second array).
            double shifted = finite ? x[i] - max : StableMath.shift(x[i], max);
            double error = finite ? StableMath.shiftError(x[i], max, shifted) : 0.0;
            double e = exps == null ? Math.exp(shifted) : exps[j];
            double unnormalised = e + e * error; // exp(shifted + error); normalised below
            softmax[i] = unnormalised;
            logSoftmax[i] = error;
            sum.add(i == topIndex ? 0.0 : unnormalised);
        }
        double others = sum.value();
        double logSum = StableMath.log1p(others);
        double reciprocal = 1.0 / (1.0 + others);
        int slice = o * inner + k;
        logSumExp[slice] = max + logSum;
        argMax[slice] = (topIndex - first) / inner;
        topComplement[slice] = others * reciprocal;
        for (int i = first; i < end; i += inner) {
            double shifted = i == topIndex ? 0.0 : finite ? x[i] - max : StableMath.shift(x[i], max);
            logSoftmax[i] = shifted + (logSoftmax[i] - logSum);
            softmax[i] *= reciprocal;
        }
    }

    /** The index of the first largest of {@code x[first]}, {@code x[first + inner]}, ... before {@code end}; a NaN is passed on. */
    int topIndex(double[] x, int first, int end) {
        if (first >= end) {
            return first;
        }
        double max = x[first];
        int topIndex = first;
        for (int i = first + inner; i < end; i += inner) {
            double v = x[i];
            // Selects rather than a branch: on random logits which element is larger is a coin toss.
            boolean larger = v > max || max != max;
            topIndex = larger ? i : topIndex;
            max = larger ? v : max;
        }
        return topIndex;
    }
}
