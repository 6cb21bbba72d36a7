package dev.xent.cli.train;

/**
 * The whole pipeline: split off validation rows (seeded), fit the standardisation on the training
 * rows, build the network for the loss and the number of classes, train.
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    /**
     * @throws IllegalArgumentException when the spec does not fit the data (e.g. a binary loss on 3 classes)
     * @throws TrainingDivergedException when training diverges
     */
    public static FittedModel fit(Dataset data, TrainingSpec spec, EpochListener listener) {
        int outputs = LogitLoss.outputs(spec.loss(), data.classes().size());
        long seed = spec.options().seed();
        ValidationSplit split = ValidationSplit.of(data.rows(), spec.validationFraction(), seed);
        Dataset training = data.rows(split.training());
        Standardization standardization = spec.standardize()
                ? Standardization.fit(training) : Standardization.identity(data.featureCount());
        boolean oneLogit = outputs == 1;
        Batch trainingBatch = Batch.of(standardization.apply(training), oneLogit);
        Batch validationBatch = split.validation().length == 0 ? null
                : Batch.of(standardization.apply(data.rows(split.validation())), oneLogit);
        Network network = new Network(data.featureCount(), spec.hidden(), spec.activation(), outputs);
        Trainer trainer = new Trainer(network, spec.loss(), spec.optimizer(), spec.optimizerParameters(), spec.options());
        TrainingResult result = trainer.fit(trainingBatch, validationBatch, listener);
        return new FittedModel(network, standardization, data.featureNames(), data.classes(), result);
    }
}
