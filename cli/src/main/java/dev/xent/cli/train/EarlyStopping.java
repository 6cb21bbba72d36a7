package dev.xent.cli.train;

/**
 * Stops training when the monitored loss has not improved for {@code patience} epochs in a row. The
 * monitored loss is the validation loss when there is a validation set, else the training objective.
 * An epoch improves when its loss is below {@code best - minDelta}. With {@code restoreBest} the
 * final model is the one from the best epoch (also when training ran all its epochs).
 *
 * @param patience    epochs without improvement before stopping, at least 1
 * @param minDelta    the smallest decrease that counts as an improvement, at least 0
 * @param restoreBest whether the result is the best epoch's parameters rather than the last
 */
public record EarlyStopping(int patience, double minDelta, boolean restoreBest) {
    public EarlyStopping {
        if (patience < 1) {
            throw new IllegalArgumentException("early_stopping.patience = " + patience + " must be at least 1");
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("early_stopping.min_delta = " + minDelta + " must be at least 0");
        }
    }
}
