package dev.xent.autodiff;

import dev.xent.core.numeric.CompensatedSum;
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

    int index(int o, int j, int k) {
        return (o * length + j) * inner + k;
    }

    /**
     * Softmax along the axis with the maximum subtracted, into {@code softmax}; the log-sum-exp of each
     * slice into {@code logSumExp}; returns the log-softmax. The rounding error of each shift
     * {@code x - max} is carried into the exponential and the log-softmax ({@link StableMath#shiftError}). Infinite logits are handled as limits: the
     * mass is shared by the entries equal to the maximum, so nothing becomes NaN unless the input is NaN.
     */
    double[] softmax(double[] x, double[] softmax, double[] logSumExp) {
        double[] logSoftmax = new double[x.length];
        CompensatedSum sum = new CompensatedSum(); // many small terms next to the max's 1 must not be lost
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < inner; k++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < length; j++) {
                    max = Math.max(max, x[index(o, j, k)]);
                }
                sum.reset();
                for (int j = 0; j < length; j++) {
                    int i = index(o, j, k);
                    double shifted = StableMath.shift(x[i], max);
                    double error = StableMath.shiftError(x[i], max, shifted);
                    double e = Math.exp(shifted);
                    e += e * error; // exp(shifted + error): the shift's rounding carried (StableMath.shiftError)
                    softmax[i] = e; // normalised below: one exp per element serves both outputs
                    logSoftmax[i] = error; // until logSum is known
                    sum.add(e);
                }
                double total = sum.value();
                double logSum = Math.log(total);
                double reciprocal = 1.0 / total;
                logSumExp[o * inner + k] = max + logSum;
                for (int j = 0; j < length; j++) {
                    int i = index(o, j, k);
                    logSoftmax[i] = StableMath.shift(x[i], max) + (logSoftmax[i] - logSum);
                    softmax[i] *= reciprocal;
                }
            }
        }
        return logSoftmax;
    }
}
