package dev.xent.train;

/**
 * Stops training when the monitored loss has not improved for {@code patience} epochs in a row. The
 * monitored loss is the validation loss when there is a validation set, else the training objective.
 * An epoch improves when its loss is below {@code best - minDelta}. With {@link Keep#BEST_EPOCH} the
 * final model is the one from the best epoch (also when training ran all its epochs).
 *
 * @param patience epochs without improvement before stopping, at least 1
 * @param minDelta the smallest decrease that counts as an improvement, at least 0
 * @param keep     which epoch's parameters the run returns
 */
public record EarlyStopping(int patience, double minDelta, Keep keep) {

    /** Which parameters a run with early stopping returns. */
    public enum Keep {
        /** The parameters of the epoch with the lowest monitored loss. */
        BEST_EPOCH,
        /** The parameters of the last epoch run. */
        LAST_EPOCH
    }

    /** Validates the arguments; {@link IllegalArgumentException} names the one out of range. */
    public EarlyStopping {
        if (patience < 1) {
            throw new IllegalArgumentException("early_stopping.patience = " + patience + " must be at least 1");
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("early_stopping.min_delta = " + minDelta + " must be at least 0");
        }
        if (keep == null) {
            throw new IllegalArgumentException("early_stopping: say which epoch's parameters to keep");
        }
    }

    /** Early stopping that returns the best epoch's parameters (the usual choice). */
    public static EarlyStopping restoringBest(int patience, double minDelta) {
        return new EarlyStopping(patience, minDelta, Keep.BEST_EPOCH);
    }

    /** Whether the result is the best epoch's parameters rather than the last. */
    public boolean restoreBest() {
        return keep == Keep.BEST_EPOCH;
    }
}
