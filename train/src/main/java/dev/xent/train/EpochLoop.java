package dev.xent.train;

import dev.xent.core.Loss;
import dev.xent.core.spi.ParameterValues;
import java.util.Random;

/**
 * The epochs of one run: fits a {@link Network} by minimising {@code mean loss + l2 / 2 * ||W||^2} on the training rows.
 *
 * <p>Stepwise optimizers take one step per mini-batch; the training rows are shuffled at the start
 * of every epoch with {@code java.util.Random(seed)} (the full batch is not shuffled: the order does
 * not change its mean). Conjugate gradient runs full batch, one iteration per epoch. After every
 * epoch the losses on all training (and validation) rows are recorded; a non-finite objective, or one
 * over a million times its starting value, throws {@link TrainingDivergedException} (see
 * {@link EpochMonitor}); a loss that is not finite on finite logits throws
 * {@link NonFiniteLossException}. Everything is single-threaded and seeded: the same inputs give
 * bit-identical results.
 */
final class EpochLoop {
    private final Objective objective;
    private final Optimizer optimizer;
    private final ParameterValues hyperParameters;
    private final TrainingOptions options;

    /**
     * @param loss            a loss on logits or real predictions with mean reduction ({@link TrainableLoss})
     * @param hyperParameters from {@link Optimizer#resolve}
     */
    EpochLoop(Network network, Loss loss, Optimizer optimizer, ParameterValues hyperParameters,
                   TrainingOptions options) {
        this.objective = new Objective(network, loss, options.l2());
        this.optimizer = optimizer;
        this.hyperParameters = hyperParameters;
        this.options = options;
    }

    /**
     * @param validation null for none
     * @throws TrainingDivergedException when the loss stops being finite
     */
    TrainingResult fit(Batch training, Batch validation, EpochListener listener) {
        EpochMonitor monitor = new EpochMonitor(objective, training, validation, options.earlyStopping(), listener);
        double[] params = objective.network().initialParameters(options.seed());
        monitor.start(params);
        if (!optimizer.isStepwise()) {
            return ConjugateGradientFit.run(objective, training, params, options.epochs(),
                    hyperParameters.number("tolerance"), monitor);
        }
        GradientStep step = optimizer.newStep(hyperParameters, params.length);
        int n = training.rows();
        int batchSize = options.batchSize() == 0 || options.batchSize() >= n ? n : options.batchSize();
        return batchSize == n ? fullBatch(training, params, step, monitor) : miniBatches(training, batchSize, params, step, monitor);
    }

    /**
     * One step per epoch. The forward pass that gives the gradient for a step also gives the training
     * loss after the previous step, so the loss of each epoch costs no extra pass.
     */
    private TrainingResult fullBatch(Batch training, double[] params, GradientStep step, EpochMonitor monitor) {
        double[] gradient = new double[params.length];
        Objective.Value value = objective.valueAndGradient(params, training, gradient);
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            EpochMonitor.requireFinite(epoch, "training objective", value.objective());
            step.apply(params, gradient);
            value = objective.valueAndGradient(params, training, gradient);
            if (monitor.epochFinished(params, value.meanLoss())) {
                return monitor.result(params, epoch < options.epochs());
            }
        }
        return monitor.result(params, false);
    }

    /** Shuffles the training rows every epoch and takes one step per batch. */
    private TrainingResult miniBatches(Batch training, int batchSize, double[] params, GradientStep step,
                                       EpochMonitor monitor) {
        double[] gradient = new double[params.length];
        int n = training.rows();
        int[] order = ValidationSplit.identity(n);
        Random shuffle = new Random(options.seed());
        Batch batch = null;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            ValidationSplit.shuffle(order, shuffle);
            for (int from = 0; from < n; from += batchSize) {
                Batch slice = training.slice(order, from, Math.min(n, from + batchSize), batch);
                batch = slice.rows() == batchSize ? slice : batch;
                EpochMonitor.requireFinite(epoch, "mini-batch objective",
                        objective.valueAndGradient(params, slice, gradient).objective());
                step.apply(params, gradient);
            }
            if (monitor.epochFinished(params)) {
                return monitor.result(params, epoch < options.epochs());
            }
        }
        return monitor.result(params, false);
    }
}
