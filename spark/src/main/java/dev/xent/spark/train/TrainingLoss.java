package dev.xent.spark.train;

import dev.xent.core.LogitTraining;
import dev.xent.spark.LossSpec;

/**
 * The loss a linear model is trained with, by the rules every xent trainer follows
 * ({@link LogitTraining}): the model outputs logits, so {@code from_logits} is set to true when the
 * loss has that parameter (false is an error), the loss must take logits, and its reduction must be mean.
 */
public final class TrainingLoss {
    private TrainingLoss() {
    }

    /**
     * {@code spec} with {@code from_logits = true} where the loss declares it, checked for logits and
     * the mean reduction.
     *
     * @throws IllegalArgumentException naming the loss and what is wrong
     */
    public static LossSpec onLogits(LossSpec spec) {
        LossSpec logits = spec.with(LogitTraining.trainingParameters(spec.provider(), spec.params()));
        LogitTraining.check(logits.loss());
        return logits;
    }
}
