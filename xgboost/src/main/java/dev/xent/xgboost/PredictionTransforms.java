package dev.xent.xgboost;

import dev.xent.core.Tensor;
import dev.xent.core.numeric.RowSoftmax;

/** Between margins and probabilities, for losses whose input space is fixed (no {@code from_logits}). */
final class PredictionTransforms {

    private PredictionTransforms() {
    }

    /** Each row divided by its sum. */
    static Tensor normalizeRows(Tensor matrix) {
        int rows = matrix.dim(0);
        int classes = matrix.dim(1);
        double[] out = matrix.toArray();
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += out[r * classes + c];
            }
            for (int c = 0; c < classes; c++) {
                out[r * classes + c] /= sum;
            }
        }
        return Tensor.wrap(out, matrix.shape());
    }

    /** {@code log(p / (1 - p))} per element, or {@code log p} for class probabilities (softmax inverts it). */
    static Tensor logits(Tensor probabilities, boolean classWise) {
        double[] out = probabilities.toArray();
        for (int i = 0; i < out.length; i++) {
            double p = out[i];
            out[i] = classWise ? Math.log(p) : Math.log(p) - Math.log1p(-p);
        }
        return Tensor.wrap(out, probabilities.shape());
    }

    /** Sigmoid per element, or softmax per row (maximum subtracted). */
    static Tensor probabilities(Tensor margins, boolean classWise) {
        double[] out = margins.toArray();
        if (!classWise) {
            for (int i = 0; i < out.length; i++) {
                double x = out[i];
                out[i] = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            }
            return Tensor.wrap(out, margins.shape());
        }
        RowSoftmax.inPlace(out, margins.dim(0), margins.dim(1));
        return Tensor.wrap(out, margins.shape());
    }
}
