package dev.xent.autodiff;

import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.KernelScratch;
import dev.xent.core.numeric.VectorMath;

/**
 * {@link Axis#softmax} along the last axis (each slice a contiguous row) with core's Vector API
 * exponential ({@link VectorMath#expOfNonPositive}): for a block of rows, each row's {@code x - max}
 * goes to a scratch block, one vector loop takes their exponentials, and {@link Axis#softmaxSlice}
 * does the rest of each row as the scalar loop does. A row whose maximum is infinite or NaN takes the
 * scalar loop whole (its shifts are limits, not differences). Only loaded when
 * {@link VectorLoops#enabledFor} says so (without the incubator module this class is never touched).
 */
final class SoftmaxBlocks {
    /** Elements per block (whole rows; at least one row): the scratch stays in L1. */
    private static final int BLOCK = 512;

    private SoftmaxBlocks() {
    }

    static void rows(Axis axis, int from, int to, double[] x, double[] softmax, double[] logSoftmax,
                     double[] logSumExp, int[] argMax, double[] topComplement) {
        int length = axis.length;
        CompensatedSum sum = new CompensatedSum();
        int rowsPerBlock = Math.max(1, BLOCK / Math.max(1, length));
        double[] shifted = KernelScratch.doubles(0, VectorMath.paddedLength(rowsPerBlock * length));
        int[] tops = KernelScratch.ints(0, rowsPerBlock);
        for (int start = from; start < to; start += rowsPerBlock) {
            int end = Math.min(to, start + rowsPerBlock);
            int count = (end - start) * length;
            for (int o = start, j = 0; o < end; o++, j += length) {
                int first = o * length;
                int top = axis.topIndex(x, first, first + length);
                tops[o - start] = top;
                double max = length == 0 ? 0.0 : x[top];
                boolean finite = max - max == 0; // neither infinite nor NaN
                for (int c = 0; c < length; c++) {
                    shifted[j + c] = finite ? x[first + c] - max : 0.0; // 0: a placeholder, the row goes the scalar way
                }
            }
            for (int j = count, padded = VectorMath.paddedLength(count); j < padded; j++) {
                shifted[j] = 0.0;
            }
            VectorMath.expOfNonPositive(shifted, shifted, count);
            for (int o = start, j = 0; o < end; o++, j += length) {
                int top = tops[o - start];
                double max = length == 0 ? 0.0 : x[top];
                axis.softmaxSlice(o, 0, top, x, max - max == 0 ? shifted : null, j, sum, softmax, logSoftmax, logSumExp,
                        argMax, topComplement);
            }
        }
    }
}
