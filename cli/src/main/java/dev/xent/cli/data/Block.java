package dev.xent.cli.data;

import dev.xent.core.Tensor;

/**
 * Consecutive data rows as tensors.
 *
 * <p>Some losses validate properties of all rows together (e.g. "not every row has the ignore
 * index"); a block can fail them alone although the file as a whole is valid. Such a block carries a
 * {@link #context()}: the previous block, which made it valid. Compute with
 * {@link #predictionsInContext()} / {@link #targetsInContext()} and skip the first
 * {@code context().rows()} rows of the results.
 *
 * @param predictions N values or an N x K matrix
 * @param targets     N values or an N x K matrix
 * @param weights     N sample weights, or null when the job names no weight column
 * @param lines       the file line of each row (the header is line 1)
 * @param ids         the text of each row's id column, or null when there is none
 * @param context     the preceding rows needed for validation, or null (usually)
 */
public record Block(Tensor predictions, Tensor targets, Tensor weights, long[] lines, String[] ids, Block context) {

    /** The number of rows. */
    public int rows() {
        return lines.length;
    }

    /** The sample weight of a row (1 without weights). */
    public double weight(int row) {
        return weights == null ? 1.0 : weights.getFlat(row);
    }

    /** The rows of the context, 0 without one. */
    public int contextRows() {
        return context == null ? 0 : context.rows();
    }

    /** The context's predictions followed by this block's. */
    public Tensor predictionsInContext() {
        return context == null ? predictions : concatenate(context.predictions, predictions);
    }

    /** The context's targets followed by this block's. */
    public Tensor targetsInContext() {
        return context == null ? targets : concatenate(context.targets, targets);
    }

    /** The rows of {@code first} then those of {@code second} (same rank and row length). */
    static Tensor concatenate(Tensor first, Tensor second) {
        double[] values = new double[first.size() + second.size()];
        first.copyTo(values, 0);
        second.copyTo(values, first.size());
        int rows = first.rows() + second.rows();
        return first.rank() == 1 ? Tensor.wrap(values, rows) : Tensor.wrap(values, rows, first.rowLength());
    }
}
