package dev.xent.losses.multiclass;

import dev.xent.core.Tensor;
import dev.xent.core.Validate;
import dev.xent.core.numeric.CompensatedSum;
import java.util.Arrays;

/**
 * What one batch of targets asks of each row {@code i}: the coefficients {@code a_ic} in
 * {@code l_i = -sum_c a_ic f(p_ic)} and the row's weight {@code m_i} in the denominator of the mean.
 *
 * <p>Index targets {@code y_i} (PyTorch's {@code CrossEntropyLoss}, including its label smoothing):
 * {@code a_ic = (1 - ls) w_{y_i} [c = y_i] + (ls / C) w_c} and {@code m_i = w_{y_i}}; an ignored row
 * has {@code a_i = 0} and {@code m_i = 0}.
 *
 * <p>Distribution targets {@code q_i}: {@code a_ic = w_c q'_ic} with {@code q' = (1 - ls) q + ls / C}
 * and {@code m_i = sum_c a_ic} (exactly 1 without class weights, PyTorch's divide-by-N), so a one-hot
 * row weighs what its index would.
 *
 * <p>Without class weights {@code w_c = 1}. Instances are per batch and read-only.
 *
 * <p>Made to check the rows it reads ({@code checkRows}), {@link #fill} makes validation's checks of
 * target distributions ({@link Validate#classTargets}: values in {@code [0, inf)}, the plain row sum within
 * {@link Validate#ROW_SUM_TOLERANCE} of 1) as it reads a row, and throws {@link TargetRowRejected} if they fail.
 */
final class TargetCoefficients {
    private final Tensor targets;
    private final boolean indices;
    private final int classes;
    private final double[] classWeights;
    private final Integer ignoreIndex;
    private final double smoothing;
    private final boolean checkRows;

    /** Coefficients of targets already validated. */
    TargetCoefficients(ClassWiseOptions options, Tensor targets, int classes) {
        this(options, targets, classes, false);
    }

    /** With {@code checkRows}, {@link #fill} checks each row of target distributions it reads. */
    TargetCoefficients(ClassWiseOptions options, Tensor targets, int classes, boolean checkRows) {
        this.checkRows = checkRows;
        this.targets = targets;
        this.indices = targets.rank() == 1;
        this.classes = classes;
        this.classWeights = options.classWeights;
        this.ignoreIndex = options.ignoreIndex;
        this.smoothing = options.labelSmoothing;
    }

    /** Whether the targets are distributions (rather than class indices). */
    boolean distributions() {
        return !indices;
    }

    /** The targets, as given. */
    Tensor targets() {
        return targets;
    }

    /** Whether {@link #fill} checks the rows of distributions it reads. */
    boolean checksRows() {
        return checkRows;
    }

    /** {@code w_c}, or null without class weights. */
    double[] classWeights() {
        return classWeights;
    }

    /** {@code 1 - ls}: the factor of a distribution's entry in {@code q'}. */
    double keep() {
        return 1 - smoothing;
    }

    /** {@code ls / C}: the uniform part of {@code q'}. */
    double uniform() {
        return smoothing / classes;
    }

    /** Whether every row's mean weight is 1 (no class weights, nothing ignored). */
    boolean unitMeanWeights() {
        return classWeights == null && (ignoreIndex == null || !indices);
    }

    /** {@code w_c}: 1 without class weights. */
    double weight(int c) {
        return classWeights == null ? 1.0 : classWeights[c];
    }

    /** Index targets: row {@code row}'s class {@code y_i}, or -1 if it has the {@code ignore_index}. */
    int targetClass(int row) {
        return ignored(row) ? -1 : (int) targets.getFlat(row);
    }

    /** Whether index targets give each row (not ignored) one coefficient other than 0 at most: no label smoothing. */
    boolean soleClass() {
        return indices && smoothing == 0.0;
    }

    private boolean ignored(int row) {
        return indices && ignoreIndex != null && targets.getFlat(row) == ignoreIndex;
    }

    /**
     * Writes row {@code row}'s coefficients into {@code a} (length C) and returns its mean weight;
     * {@code sum} is scratch.
     */
    double fill(int row, double[] a, CompensatedSum sum) {
        if (ignored(row)) {
            Arrays.fill(a, 0, classes, 0.0);
            return 0.0;
        }
        double uniform = uniform();
        if (indices) {
            int y = (int) targets.getFlat(row);
            for (int c = 0; c < classes; c++) {
                a[c] = uniform * weight(c);
            }
            a[y] += (1 - smoothing) * weight(y);
            return weight(y);
        }
        int base = row * classes;
        double keep = keep();
        if (checkRows) {
            requireDistribution(base); // reads the row from L1 once more: cheaper than validation's own passes
        }
        if (classWeights == null) { // m_i = 1: no sum of the coefficients
            for (int c = 0; c < classes; c++) {
                a[c] = keep * targets.getFlat(base + c) + uniform;
            }
            return 1.0;
        }
        sum.reset();
        for (int c = 0; c < classes; c++) {
            a[c] = weight(c) * (keep * targets.getFlat(base + c) + uniform);
            sum.add(a[c]);
        }
        return sum.value();
    }

    /** Validation's checks of one row of target distributions, with its operations (the plain sum in class order). */
    private void requireDistribution(int base) {
        double total = 0.0;
        for (int c = 0; c < classes; c++) {
            double q = targets.getFlat(base + c);
            if (!(q >= 0.0 && q <= Double.MAX_VALUE)) {
                throw new TargetRowRejected();
            }
            total += q;
        }
        if (!(Math.abs(total - 1.0) <= Validate.ROW_SUM_TOLERANCE)) {
            throw new TargetRowRejected();
        }
    }

    /**
     * The mean weight of one row, as {@link #fill} returns it; {@code a} and {@code sum} are scratch
     * (index targets need neither).
     */
    double meanWeight(int row, double[] a, CompensatedSum sum) {
        if (indices) {
            return ignored(row) ? 0.0 : weight((int) targets.getFlat(row));
        }
        return classWeights == null ? 1.0 : fill(row, a, sum);
    }
}
