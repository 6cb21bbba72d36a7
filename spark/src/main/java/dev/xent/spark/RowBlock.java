package dev.xent.spark;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import java.util.Arrays;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * Rows gathered for one kernel call: predictions, targets and sample weights in flat arrays, handed
 * to the loss's {@link Loss#perSample} and {@link Loss#meanWeights} once per block of
 * {@code capacity} rows. {@link #drainInto} adds the block's {@code sum_i s_i l_i} and
 * {@code sum_i s_i m_i} (the library's numerator and denominator) to compensated sums and empties
 * the block.
 */
final class RowBlock {
    private final LossInputs inputs;
    private final boolean classWise;
    private final int capacity;
    private double[] predictions;
    private double[] targets;
    private final double[] weights;
    private int classes = -1;
    private int rows;

    RowBlock(LossInputs inputs, boolean classWise, int capacity) {
        this.inputs = inputs;
        this.classWise = classWise;
        this.capacity = capacity;
        this.weights = new double[capacity];
        if (!classWise) {
            predictions = new double[capacity];
            targets = new double[capacity];
        }
    }

    boolean isFull() {
        return rows == capacity;
    }

    boolean isEmpty() {
        return rows == 0;
    }

    /** Adds one input row {@code (prediction, target[, weight])}; nulls and bad weights are errors naming the column. */
    void add(Row row) {
        for (int i = 0; i < row.length(); i++) {
            if (row.isNullAt(i)) {
                throw new IllegalArgumentException("column '" + column(i) + "' (" + role(i) + ") is null in a row; "
                        + "filter or fill nulls before computing a loss");
            }
        }
        double weight = inputs.weighted() ? row.getDouble(2) : 1.0;
        if (!classWise) {
            add(row.getDouble(0), row.getDouble(1), weight);
            return;
        }
        double[] p = ValueKind.values(row, 0, inputs.prediction());
        int offset = predictionOffset(p.length);
        System.arraycopy(p, 0, predictions, offset, p.length);
        if (inputs.targetKind() == ValueKind.NUMBER) {
            endClassRow(row.getDouble(1), weight);
        } else {
            double[] t = ValueKind.values(row, 1, inputs.target());
            offset = targetOffset(t.length);
            System.arraycopy(t, 0, targets, offset, t.length);
            endClassRow(Double.NaN, weight);
        }
    }

    /** Adds one row of an element-wise loss from its numbers ({@code weight} 1 when unweighted). */
    void add(double prediction, double target, double weight) {
        weights[rows] = checkedWeight(weight);
        predictions[rows] = prediction;
        targets[rows] = target;
        rows++;
    }

    /**
     * Where the next class-wise row's {@code count} predictions go in {@link #predictionValues()}; the
     * first row fixes the number of classes, a row with another count is an error naming the column.
     */
    int predictionOffset(int count) {
        if (classes < 0) {
            classes = count;
            predictions = new double[capacity * classes];
            targets = new double[inputs.targetKind() == ValueKind.NUMBER ? capacity : capacity * classes];
        }
        if (count != classes) {
            throw new IllegalArgumentException("column '" + inputs.prediction() + "' (prediction) has "
                    + count + " values in a row and " + classes + " in an earlier row");
        }
        return rows * classes;
    }

    /** Where the next class-wise row's target distribution of {@code count} values goes in {@link #targetValues()}. */
    int targetOffset(int count) {
        if (count != classes) {
            throw new IllegalArgumentException("column '" + inputs.target() + "' (target distribution) has "
                    + count + " values in a row whose prediction has " + classes);
        }
        return rows * classes;
    }

    double[] predictionValues() {
        return predictions;
    }

    double[] targetValues() {
        return targets;
    }

    /**
     * Completes a class-wise row whose predictions (and target distribution) are in place:
     * {@code classIndex} is its target when the target is a class index (ignored otherwise).
     */
    void endClassRow(double classIndex, double weight) {
        weights[rows] = checkedWeight(weight);
        if (inputs.targetKind() == ValueKind.NUMBER) {
            targets[rows] = classIndex;
        }
        rows++;
    }

    private double checkedWeight(double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("column '" + inputs.weight() + "' (weight) is " + w
                    + "; allowed: finite and >= 0");
        }
        return w;
    }

    /**
     * One kernel call for the block's rows: adds {@code s_i l_i} to {@code numerator} and
     * {@code s_i m_i} to {@code denominator}; returns whether any weight was positive; empties the block.
     */
    boolean drainInto(Loss loss, CompensatedSum numerator, CompensatedSum denominator) {
        Tensor p = predictions(0, rows);
        Tensor t = targets(0, rows);
        Tensor losses;
        Optional<Tensor> meanWeights;
        try {
            losses = loss.perSample(p, t);
            meanWeights = loss.meanWeights(p, t);
        } catch (IllegalArgumentException e) {
            throw locate(loss, e);
        }
        boolean anyPositive = false;
        int perRow = losses.size() / rows;
        Tensor m = meanWeights.orElse(null);
        for (int r = 0; r < rows; r++) {
            double s = weights[r];
            anyPositive |= s > 0;
            for (int j = r * perRow; j < (r + 1) * perRow; j++) {
                numerator.add(s * losses.getFlat(j));
                denominator.add(m == null ? s : s * m.getFlat(j));
            }
        }
        rows = 0;
        return anyPositive;
    }

    /** The block's predictions of rows {@code [from, from + count)}: a full block's array as it is, without a copy. */
    private Tensor predictions(int from, int count) {
        if (count == capacity) { // the loss only reads it, and keeps no reference once the block is drained
            return classWise ? Tensor.wrap(predictions, count, classes) : Tensor.wrap(predictions, count);
        }
        if (!classWise) {
            return Tensor.wrap(Arrays.copyOfRange(predictions, from, from + count), count);
        }
        return Tensor.wrap(Arrays.copyOfRange(predictions, from * classes, (from + count) * classes), count, classes);
    }

    private Tensor targets(int from, int count) {
        boolean oneNumber = !classWise || inputs.targetKind() == ValueKind.NUMBER;
        if (count == capacity) { // as in predictions()
            return oneNumber ? Tensor.wrap(targets, count) : Tensor.wrap(targets, count, classes);
        }
        if (oneNumber) {
            return Tensor.wrap(Arrays.copyOfRange(targets, from, from + count), count);
        }
        return Tensor.wrap(Arrays.copyOfRange(targets, from * classes, (from + count) * classes), count, classes);
    }

    /**
     * The block failed the loss's validation: finds the first row that fails alone and names its
     * columns and values (the loss's own message says what is wrong), else names the columns.
     */
    private IllegalArgumentException locate(Loss loss, IllegalArgumentException blockError) {
        for (int r = 0; r < rows; r++) {
            try {
                loss.perSample(predictions(r, 1), targets(r, 1));
            } catch (IllegalArgumentException e) {
                return new IllegalArgumentException(loss.name() + ": bad row (" + describe(r) + "): "
                        + e.getMessage(), e);
            }
        }
        return new IllegalArgumentException(loss.name() + " on columns '" + inputs.prediction() + "' (prediction) and '"
                + inputs.target() + "' (target): " + blockError.getMessage(), blockError);
    }

    private String describe(int r) {
        String p = classWise ? Arrays.toString(Arrays.copyOfRange(predictions, r * classes, (r + 1) * classes))
                : Double.toString(predictions[r]);
        String t = !classWise || inputs.targetKind() == ValueKind.NUMBER ? Double.toString(targets[r])
                : Arrays.toString(Arrays.copyOfRange(targets, r * classes, (r + 1) * classes));
        return inputs.prediction() + " = " + p + ", " + inputs.target() + " = " + t
                + (inputs.weighted() ? ", " + inputs.weight() + " = " + weights[r] : "");
    }

    private String column(int i) {
        return i == 0 ? inputs.prediction() : i == 1 ? inputs.target() : inputs.weight();
    }

    private static String role(int i) {
        return i == 0 ? "prediction" : i == 1 ? "target" : "weight";
    }
}
