package dev.xent.cli.data;

import dev.xent.cli.RunFailedException;
import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.Tensor;

/**
 * When a NaN or infinite loss or gradient is a right answer, and when it is a failed run.
 *
 * <p>A loss is +inf where one of the row's predictions is on the edge of the input space: a
 * probability of exactly 0 or 1 (e.g. -log 0 with epsilon 0, as the formula defines), or an infinite
 * logit or real prediction. That value (and an infinite gradient in that row) is reported as it is.
 * Anything else that is not finite (NaN, -inf, or +inf in a row whose predictions are all inside the
 * input space) is not justified by the input: the run fails with exit code 1, naming the loss, the
 * row and the value.
 */
public final class NonFiniteLosses {
    private NonFiniteLosses() {
    }

    /** Whether a loss is finite, or +inf in a row with a prediction on the edge of the input space. */
    public static boolean justifiedLoss(InputSpace space, double value, Tensor predictions, int row) {
        return Double.isFinite(value) || value == Double.POSITIVE_INFINITY && onTheEdge(space, predictions, row);
    }

    /** Whether a gradient element is finite, or infinite in a row with a prediction on the edge. */
    public static boolean justifiedGradient(InputSpace space, double value, Tensor predictions, int row) {
        return Double.isFinite(value) || Double.isInfinite(value) && onTheEdge(space, predictions, row);
    }

    /** Whether a prediction of the row is a probability of exactly 0 or 1, or infinite. */
    private static boolean onTheEdge(InputSpace space, Tensor predictions, int row) {
        int width = predictions.rowLength();
        boolean probabilities = !space.isLogits() && space != InputSpace.REAL;
        for (int i = row * width; i < (row + 1) * width; i++) {
            double p = predictions.getFlat(i);
            if (Double.isInfinite(p) || probabilities && (p == 0 || p == 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failed run for a value {@link #justifiedLoss} or {@link #justifiedGradient} refuses.
     *
     * @param what  "loss" or "gradient"
     * @param where e.g. {@code data.csv line 7}
     */
    public static RunFailedException unjustified(Loss loss, String what, double value, String where) {
        return new RunFailedException(loss.name() + ": the " + what + " is " + value + " at " + where
                + ", which its input does not justify (only a prediction on the edge of the input space, a "
                + "probability of 0 or 1 or an infinite logit, makes a loss +Infinity or a gradient infinite)");
    }
}
