package dev.xent.train;

import java.util.List;

/**
 * The outcome of {@link Trainer#fit}.
 *
 * @param parameters  the trained network's flat parameters
 * @param history     one record per epoch run
 * @param stoppedEarly whether early stopping ended the run before its last epoch
 * @param bestEpoch   the epoch whose parameters are returned when early stopping restores the best, else null
 * @param metrics     final figures for {@code parameters}
 */
public record TrainingResult(double[] parameters, List<EpochRecord> history, boolean stoppedEarly,
                             Integer bestEpoch, Metrics metrics) {
}
