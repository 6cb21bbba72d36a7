package dev.xent.xgboost;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The labels and sample weights of a {@link DMatrix}, and XGBoost's predictions as a tensor of the
 * shape a loss expects.
 *
 * @param labels  one label per row
 * @param weights one weight per row, or null when the matrix has none
 */
record Rows(float[] labels, Tensor weights) {

    static Rows of(DMatrix data) {
        try {
            float[] labels = data.getLabel();
            float[] weights = data.getWeight();
            if (labels == null || labels.length == 0) {
                throw new IllegalArgumentException("the DMatrix has no labels; set them with setLabel");
            }
            if (weights == null || weights.length == 0) {
                return new Rows(labels, null);
            }
            if (weights.length != labels.length) {
                throw new IllegalArgumentException("the DMatrix has " + weights.length + " weights for "
                        + labels.length + " rows");
            }
            double[] w = new double[weights.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = weights[i];
            }
            return new Rows(labels, Tensor.wrap(w, w.length));
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not give the DMatrix's labels or weights: " + e.getMessage(), e);
        }
    }

    double weight(int row) {
        return weights == null ? 1.0 : weights.getFlat(row);
    }

    double[] labelsAsDoubles() {
        double[] out = new double[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i];
        }
        return out;
    }

    /**
     * XGBoost's predictions (one row per data row, one column per output group) as the loss's
     * predictions: a vector of N for an element-wise loss, which needs exactly one column, and an
     * N x C matrix for a class-wise loss, which needs at least two.
     */
    static Tensor margins(Loss loss, float[][] predictions, int rows) {
        if (predictions.length != rows) {
            throw new IllegalArgumentException("XGBoost gave " + predictions.length + " predictions for " + rows + " rows");
        }
        int columns = rows == 0 ? 1 : predictions[0].length;
        if (loss.inputSpace().isClassWise() && columns < 2) {
            throw new IllegalArgumentException(loss.name() + " is class-wise and needs one prediction per class,"
                    + " but XGBoost gives " + columns + " per row: set num_class (and, with a built-in objective,"
                    + " use multi:softprob, not multi:softmax, which predicts class labels)");
        }
        if (!loss.inputSpace().isClassWise() && columns != 1) {
            throw new IllegalArgumentException(loss.name() + " scores one margin per row, but XGBoost gives " + columns
                    + " (num_class is set): use a class-wise loss such as categorical_cross_entropy");
        }
        double[] flat = new double[rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                flat[r * columns + c] = predictions[r][c];
            }
        }
        return loss.inputSpace().isClassWise() ? Tensor.wrap(flat, rows, columns) : Tensor.wrap(flat, rows);
    }
}
