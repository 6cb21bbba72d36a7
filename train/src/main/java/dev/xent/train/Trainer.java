package dev.xent.train;

/**
 * Trains a model: splits off validation rows (seeded), fits the standardisation on the training rows,
 * builds the network for the loss and the data, then runs the optimizer for the spec's epochs.
 *
 * <p>Stepwise optimizers take one step per mini-batch; the training rows are shuffled at the start
 * of every epoch with {@code java.util.Random(seed)}. Conjugate gradient runs full batch, one iteration
 * per epoch. After every epoch the losses on all training (and validation) rows are recorded and the
 * listener is told; early stopping may end the run and restore the best epoch. Everything is
 * single-threaded and seeded: the same inputs give bit-identical results.
 *
 * <p>Errors: {@link IllegalArgumentException} when the spec does not fit the data (a binary loss on 3
 * classes, a validation fraction leaving no rows, class targets for a loss on real predictions);
 * {@link TrainingDivergedException} when the objective stops being finite or explodes;
 * {@link NonFiniteLossException} when a loss gives a non-finite value on finite outputs.
 */
public final class Trainer {
    private Trainer() {
    }

    /** Trains without a listener. */
    public static FittedModel fit(Dataset data, TrainingSpec spec) {
        return fit(data, spec, EpochListener.NONE);
    }

    /** Trains, telling {@code listener} after every epoch. */
    public static FittedModel fit(Dataset data, TrainingSpec spec, EpochListener listener) {
        return prepare(data, spec).fit(listener);
    }

    /**
     * Everything before the first epoch (split, standardisation, network), so that a caller can check
     * that the spec fits the data before it creates any output.
     *
     * @throws IllegalArgumentException when the spec does not fit the data
     */
    public static TrainingRun prepare(Dataset data, TrainingSpec spec) {
        return TrainingRun.prepare(data, spec);
    }
}
