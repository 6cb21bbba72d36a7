package dev.xent.train;

/** The loss or objective became NaN or infinite: the run failed (usually the learning rate is too large). */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what diverged, in which epoch, and what to try */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
