package dev.xent.train;

/**
 * How long and on what batches to train.
 *
 * @param epochs        passes over the training rows (iterations for conjugate_gradient), at least 0
 * @param batchSize     rows per step; 0 (or at least the row count) means the full batch
 * @param l2            penalty strength: objective = mean loss + l2 / 2 * ||W||^2, at least 0
 * @param seed          seeds initialisation and the per-epoch shuffle of mini-batches
 * @param earlyStopping null for none
 */
public record TrainingOptions(int epochs, int batchSize, double l2, long seed, EarlyStopping earlyStopping) {
    /** Validates the options; {@link IllegalArgumentException} names the one out of range. */
    public TrainingOptions {
        if (epochs < 0) {
            throw new IllegalArgumentException("training.epochs = " + epochs + " must be at least 0");
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("training.batch_size = " + batchSize + " must be at least 0 (0 = full batch)");
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("training.l2 = " + l2 + " must be a finite number at least 0");
        }
    }
}
