package dev.xent.cli.data;

import dev.xent.core.Tensor;

/**
 * Consecutive data rows as tensors.
 *
 * @param predictions N values or an N x K matrix
 * @param targets     N values or an N x K matrix
 * @param weights     N sample weights, or null when the job names no weight column
 * @param lines       the file line of each row (the header is line 1)
 * @param ids         the text of each row's id column, or null when there is none
 */
public record Block(Tensor predictions, Tensor targets, Tensor weights, long[] lines, String[] ids) {

    /** The number of rows. */
    public int rows() {
        return lines.length;
    }

    /** The sample weight of a row (1 without weights). */
    public double weight(int row) {
        return weights == null ? 1.0 : weights.getFlat(row);
    }
}
