package dev.xent.train;

/** Told after every epoch (for progress display). */
@FunctionalInterface
public interface EpochListener {
    EpochListener NONE = record -> { };

    void epochFinished(EpochRecord record);
}
