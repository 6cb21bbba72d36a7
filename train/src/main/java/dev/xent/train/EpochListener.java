package dev.xent.train;

/**
 * Told after every epoch, on the training thread, once the epoch's losses are measured: the command
 * line's progress bar is one; a loss history or a custom stopping display is another. It must not
 * throw; it cannot change the run.
 */
@FunctionalInterface
public interface EpochListener {
    /** A listener that ignores every epoch. */
    EpochListener NONE = record -> { };

    /** The epoch just finished: its number, training loss, objective and validation loss. */
    void epochFinished(EpochRecord record);
}
