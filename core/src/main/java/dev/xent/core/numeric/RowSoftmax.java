package dev.xent.core.numeric;

/**
 * Softmax of each row of a row-major matrix, in place, with the row's maximum subtracted before
 * {@code exp} (so no row overflows): {@code p_c = exp(x_c - max) / sum_k exp(x_k - max)}. For turning
 * scores into probability rows (random test inputs, margins handed over by other libraries); the
 * losses' own kernels compute log-softmax with more care.
 */
public final class RowSoftmax {
    private RowSoftmax() {
    }

    /** Replaces each of the {@code rows} rows of {@code columns} values with its softmax. */
    public static void inPlace(double[] values, int rows, int columns) {
        for (int r = 0; r < rows; r++) {
            int start = r * columns;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < columns; c++) {
                max = Math.max(max, values[start + c]);
            }
            double sum = 0;
            for (int c = 0; c < columns; c++) {
                values[start + c] = Math.exp(values[start + c] - max);
                sum += values[start + c];
            }
            for (int c = 0; c < columns; c++) {
                values[start + c] /= sum;
            }
        }
    }
}
