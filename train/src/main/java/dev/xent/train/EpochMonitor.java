package dev.xent.train;

import java.util.ArrayList;
import java.util.List;

/**
 * After each epoch: measures the losses, records the history, detects divergence and applies early
 * stopping. Shared by the stepwise optimizers and conjugate gradient.
 *
 * <p>Training has diverged when the training objective is NaN or infinite, or when it exceeds
 * {@value #DIVERGENCE_FACTOR} times its value at the initial parameters (at least 1): a converging run
 * may rise for a few steps, but not by six orders of magnitude (at the start the mean loss is at
 * most about {@code log C} for standardised features), while a step size that is too large makes
 * the objective grow geometrically, still finite for many epochs (sgd with learning rate 1e300 ends
 * near 1e298).
 */
final class EpochMonitor {
    /** How many times its starting value the training objective may reach before training has diverged. */
    static final double DIVERGENCE_FACTOR = 1e6;

    private final Objective objective;
    private final Batch training;
    private final Batch validation;
    private final EarlyStopping earlyStopping;
    private final EpochListener listener;
    private final List<EpochRecord> history = new ArrayList<>();
    private double best = Double.POSITIVE_INFINITY;
    private double[] bestParameters;
    private int bestEpoch;
    private int epochsWithoutImprovement;
    private double startingObjective = Double.POSITIVE_INFINITY;

    EpochMonitor(Objective objective, Batch training, Batch validation, EarlyStopping earlyStopping,
                 EpochListener listener) {
        this.objective = objective;
        this.training = training;
        this.validation = validation;
        this.earlyStopping = earlyStopping;
        this.listener = listener;
    }

    /** Takes the objective at the initial parameters, the reference of the divergence rule. */
    void start(double[] initialParams) {
        double initial = objective.meanLoss(initialParams, training) + objective.penalty(initialParams);
        requireFinite(0, "training objective at the initial parameters", initial);
        startingObjective = initial;
    }

    /** As {@link #epochFinished(double[], double)}, measuring the training loss. */
    boolean epochFinished(double[] params) {
        return epochFinished(params, objective.meanLoss(params, training));
    }

    /**
     * Records the epoch just finished with {@code params}, whose mean training loss the caller already
     * knows; returns whether early stopping ends the run.
     *
     * @throws TrainingDivergedException when a loss is not finite, or the objective grew past the limit
     */
    boolean epochFinished(double[] params, double trainLoss) {
        int epoch = history.size() + 1;
        double total = trainLoss + objective.penalty(params);
        Double validationLoss = validation == null ? null : objective.meanLoss(params, validation);
        requireFinite(epoch, "training objective", total);
        if (total > DIVERGENCE_FACTOR * Math.max(1.0, startingObjective)) {
            throw new TrainingDivergedException("training diverged in epoch " + epoch + ": the training objective "
                    + total + " is over 1e6 times its starting value " + startingObjective
                    + " (or 1, if larger); try a smaller learning_rate");
        }
        if (validationLoss != null) {
            requireFinite(epoch, "validation loss", validationLoss);
        }
        EpochRecord record = new EpochRecord(epoch, trainLoss, total, validationLoss);
        history.add(record);
        listener.epochFinished(record);
        if (earlyStopping == null) {
            return false;
        }
        double monitored = validationLoss == null ? total : validationLoss;
        if (monitored < best - earlyStopping.minDelta()) {
            best = monitored;
            bestParameters = params.clone();
            bestEpoch = epoch;
            epochsWithoutImprovement = 0;
            return false;
        }
        epochsWithoutImprovement++;
        return epochsWithoutImprovement >= earlyStopping.patience();
    }

    /** Throws {@link TrainingDivergedException} when {@code value} is NaN or infinite. */
    static void requireFinite(int epoch, String what, double value) {
        if (!Double.isFinite(value)) {
            throw new TrainingDivergedException("training diverged in epoch " + epoch + ": the " + what + " is "
                    + value + "; try a smaller learning_rate");
        }
    }

    /** The result: the best epoch's parameters if early stopping restores them, else {@code last}. */
    TrainingResult result(double[] last, boolean stoppedEarly) {
        boolean restore = earlyStopping != null && earlyStopping.restoreBest() && bestParameters != null;
        double[] params = restore ? bestParameters : last;
        double trainLoss = objective.meanLoss(params, training);
        Metrics metrics = new Metrics(
                trainLoss,
                trainLoss + objective.penalty(params),
                validation == null ? null : objective.meanLoss(params, validation),
                objective.accuracy(params, training),
                validation == null ? null : objective.accuracy(params, validation));
        return new TrainingResult(params, List.copyOf(history), stoppedEarly, restore ? bestEpoch : null, metrics);
    }
}
