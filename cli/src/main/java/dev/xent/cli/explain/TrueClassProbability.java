package dev.xent.cli.explain;

import dev.xent.cli.BadInputException;
import dev.xent.core.InputSpace;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.StableMath;

/**
 * The log of the probability a prediction gives to the true class (the "corrected probability"): for
 * a binary row {@code p} when y = 1 and {@code 1 - p} when y = 0, generally
 * {@code y log p + (1 - y) log(1 - p)}; for a class-wise row {@code log p[y]}, or
 * {@code sum_c t_c log p_c} for a target distribution. Logits go through the stable
 * {@code log_sigmoid} / log-softmax (max subtracted). Its negative is the plain cross-entropy of the row.
 */
final class TrueClassProbability {
    private TrueClassProbability() {
    }

    /** One log-probability per row. */
    static double[] logs(InputSpace space, Tensor predictions, Tensor targets) {
        int rows = predictions.rows();
        double[] out = new double[rows];
        switch (space) {
            case ELEMENTWISE_PROBABILITIES, ELEMENTWISE_LOGITS -> {
                for (int r = 0; r < rows; r++) {
                    double x = predictions.getFlat(r);
                    double y = targets.getFlat(r);
                    double logP = space.isLogits() ? StableMath.logSigmoid(x) : Math.log(x);
                    double logNotP = space.isLogits() ? StableMath.logSigmoid(-x) : Math.log1p(-x);
                    out[r] = times(y, logP) + times(1 - y, logNotP);
                }
            }
            case CLASS_PROBABILITIES, CLASS_LOGITS -> {
                int classes = predictions.rowLength();
                double[] logRow = new double[classes];
                for (int r = 0; r < rows; r++) {
                    logProbabilities(space, predictions, r, logRow);
                    if (targets.rank() == 1) {
                        int y = (int) targets.getFlat(r);
                        // A row with the loss's ignore index has no true class: NaN (shown as such).
                        out[r] = y >= 0 && y < classes ? logRow[y] : Double.NaN;
                    } else {
                        double sum = 0;
                        for (int c = 0; c < classes; c++) {
                            sum += times(targets.getFlat(r * classes + c), logRow[c]);
                        }
                        out[r] = sum;
                    }
                }
            }
            case REAL -> throw new BadInputException("explain needs a loss on probabilities or logits; "
                    + "this one takes real numbers");
        }
        return out;
    }

    /** The probability of class 1 (binary) for the plot's x axis. */
    static double probability(InputSpace space, double prediction) {
        return space.isLogits() ? StableMath.sigmoid(prediction) : prediction;
    }

    /** {@code weight * log}, where a zero weight contributes 0 even when log is -inf. */
    private static double times(double weight, double log) {
        return weight == 0 ? 0 : weight * log;
    }

    private static void logProbabilities(InputSpace space, Tensor predictions, int row, double[] out) {
        int classes = out.length;
        for (int c = 0; c < classes; c++) {
            out[c] = predictions.getFlat(row * classes + c);
        }
        if (space == InputSpace.CLASS_PROBABILITIES) {
            for (int c = 0; c < classes; c++) {
                out[c] = Math.log(out[c]);
            }
            return;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : out) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : out) {
            sum += Math.exp(StableMath.shift(v, max));
        }
        double logSum = Math.log(sum);
        for (int c = 0; c < classes; c++) {
            out[c] = StableMath.shift(out[c], max) - logSum;
        }
    }
}
