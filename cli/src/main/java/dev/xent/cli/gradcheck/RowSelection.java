package dev.xent.cli.gradcheck;

import dev.xent.core.Tensor;

/** Some rows of a tensor, or some elements of some rows (a vector's rows are its elements). */
final class RowSelection {
    private RowSelection() {
    }

    /** The given rows, in the given order, with the tensor's other dimensions. */
    static Tensor rows(Tensor t, int[] rows) {
        if (rows.length == t.rows()) {
            return t;
        }
        int width = t.rowLength();
        double[] values = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            t.copyTo(rows[i] * width, values, i * width, width);
        }
        int[] shape = t.shape();
        shape[0] = rows.length;
        return Tensor.wrap(values, shape);
    }

    /** The elements in the given columns of the given rows, as a {@code rows x columns} matrix. */
    static Tensor elements(Tensor t, int[] rows, int[] columns) {
        int width = t.rowLength();
        double[] values = new double[rows.length * columns.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < columns.length; j++) {
                values[i * columns.length + j] = t.getFlat(rows[i] * width + columns[j]);
            }
        }
        return Tensor.wrap(values, rows.length, columns.length);
    }

    /** {@code count} indices spread evenly over {@code [0, n)}, starting at 0. */
    static int[] evenlySpaced(int n, int count) {
        int[] selected = new int[count];
        for (int i = 0; i < count; i++) {
            selected[i] = (int) ((long) i * n / count);
        }
        return selected;
    }
}
