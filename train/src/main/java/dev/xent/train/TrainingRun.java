package dev.xent.train;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;

/**
 * A run ready to train ({@link Trainer#prepare}): validation rows split off (seeded), the
 * standardisation fitted on the training rows, the network built for the loss and the data.
 */
public final class TrainingRun {
    private final Dataset data;
    private final TrainingSpec spec;
    private final ValidationSplit split;
    private final Standardization standardization;
    private final Network network;
    private final Batch training;
    private final Batch validation;

    private TrainingRun(Dataset data, TrainingSpec spec, ValidationSplit split, Standardization standardization,
                        Network network, Batch training, Batch validation) {
        this.data = data;
        this.spec = spec;
        this.split = split;
        this.standardization = standardization;
        this.network = network;
        this.training = training;
        this.validation = validation;
    }

    /** See {@link Trainer#prepare}. */
    static TrainingRun prepare(Dataset data, TrainingSpec spec) {
        boolean real = TrainableLoss.takesRealPredictions(spec.loss());
        if (real != data.hasRealTargets()) {
            throw new IllegalArgumentException(real
                    ? spec.loss().name() + " takes real predictions and needs real targets (Dataset.withRealTargets); the data has classes"
                    : spec.loss().name() + " takes logits and needs class targets; the data has real targets");
        }
        if (real) {
            requireTargetsInDomain(data, spec.loss());
        }
        int outputs = TrainableLoss.outputs(spec.loss(), data.classes().size());
        ValidationSplit split = ValidationSplit.of(data.rows(), spec.validationFraction(), spec.options().seed());
        Dataset trainingRows = data.rows(split.training());
        Standardization standardization = spec.standardize()
                ? Standardization.fit(trainingRows) : Standardization.identity(data.featureCount());
        boolean oneLogit = outputs == 1;
        Batch training = Batch.of(standardization.apply(trainingRows), oneLogit);
        Batch validation = split.validation().length == 0 ? null
                : Batch.of(standardization.apply(data.rows(split.validation())), oneLogit);
        Network network = new Network(data.featureCount(), spec.hidden(), spec.activation(), outputs);
        return new TrainingRun(data, spec, split, standardization, network, training, validation);
    }

    /**
     * Every real target must be one the loss accepts (a Poisson loss: amounts at least 0); the first
     * that is not is named with its data file line (or row), before any epoch runs.
     */
    private static void requireTargetsInDomain(Dataset data, Loss loss) {
        for (int r = 0; r < data.rows(); r++) {
            try {
                loss.validate(Tensor.of(0.0), Tensor.of(data.targetValue(r)));
            } catch (IllegalArgumentException e) {
                String where = data.line(r) > 0 ? "line " + data.line(r) : "row " + r;
                throw new IllegalArgumentException(loss.name() + ": the target " + data.targetValue(r) + " at " + where
                        + " is not allowed; allowed: " + loss.targetDomain().allowed(), e);
            }
        }
    }

    /** The epochs the run will take at most. */
    public int epochs() {
        return spec.options().epochs();
    }

    /**
     * Trains, telling {@code listener} after every epoch.
     *
     * @throws TrainingDivergedException when training diverges
     * @throws NonFiniteLossException    when the loss is not finite on finite outputs
     */
    public FittedModel fit(EpochListener listener) {
        EpochLoop loop = new EpochLoop(network, spec.loss(), spec.optimizer(), spec.optimizerParameters(), spec.options());
        TrainingResult result = loop.fit(training, validation, listener);
        Model model = new Model(network, result.parameters(), standardization, data.featureNames(), data.classes());
        return new FittedModel(model, split.validation().length, result);
    }
}
