package dev.xent.train;

import dev.xent.core.Tensor;

/**
 * Rows ready for the model and the loss: features ({@code rows x features}) and targets shaped as
 * the loss expects them: class indices (a vector) for a class-wise loss, or a {@code rows x 1}
 * column (0/1, or real targets) for a loss on one output per row.
 */
final class Batch {
    private final double[] features;
    private final int featureCount;
    private final double[] targets;
    private final boolean columnTargets;
    private final long[] lines;

    private Batch(double[] features, int featureCount, double[] targets, boolean columnTargets, long[] lines) {
        this.features = features;
        this.featureCount = featureCount;
        this.targets = targets;
        this.columnTargets = columnTargets;
        this.lines = lines;
    }

    /**
     * @param columnTargets true for one logit per row (targets 0/1 in a column), false for class indices
     */
    static Batch of(Dataset data, boolean columnTargets) {
        int f = data.featureCount();
        double[] x = new double[data.rows() * f];
        double[] y = new double[data.rows()];
        long[] lines = new long[data.rows()];
        for (int r = 0; r < data.rows(); r++) {
            for (int c = 0; c < f; c++) {
                x[r * f + c] = data.feature(r, c);
            }
            y[r] = data.targetValue(r);
            lines[r] = data.line(r);
        }
        return new Batch(x, f, y, columnTargets, lines);
    }

    int rows() {
        return targets.length;
    }

    Tensor features() {
        return Tensor.wrap(features, rows(), featureCount);
    }

    /** The features, row-major ({@code rows x features}); not a copy: do not change them. */
    double[] featureValues() {
        return features;
    }

    Tensor targets() {
        return columnTargets ? Tensor.wrap(targets, rows(), 1) : Tensor.wrap(targets, rows());
    }

    /** The class index of a row. */
    int target(int row) {
        return (int) targets[row];
    }

    /** The data file line of a row, or 0 when unknown. */
    long line(int row) {
        return lines[row];
    }

    /**
     * The rows {@code order[from..to)}, in that order, written into {@code reuse}'s arrays when it
     * has that many rows (a mini-batch of the same size as the last one: nothing allocated per step),
     * else into a new batch. Rows are copied whole ({@code System.arraycopy}): the products read a
     * batch as one contiguous matrix.
     *
     * @param reuse a batch from an earlier call on the same rows whose contents are no longer needed, or null
     */
    Batch slice(int[] order, int from, int to, Batch reuse) {
        int n = to - from;
        Batch out = reuse != null && reuse.rows() == n ? reuse
                : new Batch(new double[n * featureCount], featureCount, new double[n], columnTargets, new long[n]);
        for (int i = 0; i < n; i++) {
            int r = order[from + i];
            System.arraycopy(features, r * featureCount, out.features, i * featureCount, featureCount);
            out.targets[i] = targets[r];
            out.lines[i] = lines[r];
        }
        return out;
    }
}
