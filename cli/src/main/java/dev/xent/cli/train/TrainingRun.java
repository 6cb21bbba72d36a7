package dev.xent.cli.train;

import dev.xent.core.LogitTraining;

/**
 * The whole pipeline: split off validation rows (seeded), fit the standardisation on the training
 * rows, build the network for the loss and the number of classes, then train. {@link #prepare}
 * does everything that can reject the input, so a caller can check it before creating outputs.
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

    /**
     * @throws IllegalArgumentException when the spec does not fit the data (e.g. a binary loss on 3
     *     classes, or a validation fraction leaving no rows)
     */
    public static TrainingRun prepare(Dataset data, TrainingSpec spec) {
        int outputs = LogitTraining.outputs(spec.loss(), data.classes().size());
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

    /** Prepares and trains in one call. */
    public static FittedModel fit(Dataset data, TrainingSpec spec, EpochListener listener) {
        return prepare(data, spec).fit(listener);
    }

    /** The epochs the run will take at most. */
    public int epochs() {
        return spec.options().epochs();
    }

    /** @throws TrainingDivergedException when training diverges */
    public FittedModel fit(EpochListener listener) {
        Trainer trainer = new Trainer(network, spec.loss(), spec.optimizer(), spec.optimizerParameters(), spec.options());
        TrainingResult result = trainer.fit(training, validation, listener);
        return new FittedModel(network, standardization, data.featureNames(), data.classes(),
                split.validation().length, result);
    }
}
