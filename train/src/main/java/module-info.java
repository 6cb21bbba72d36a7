/**
 * Training on xent's losses: linear models and MLPs fitted by sgd, momentum, rmsprop, adam or
 * conjugate gradient on any registered loss that takes logits or real-valued predictions.
 *
 * <h2>What it is for</h2>
 * <ul>
 *   <li>{@link dev.xent.train.TrainingSpec}: everything a run needs besides the data (loss, model,
 *       optimizer, epochs, batch size, L2, seed, validation split, early stopping), built with a builder.</li>
 *   <li>{@link dev.xent.train.Dataset}: the rows (a feature matrix and a class or a real target per row).</li>
 *   <li>{@link dev.xent.train.Trainer}: fits a spec on a data set and returns a
 *       {@link dev.xent.train.FittedModel}, which predicts probabilities and classes and saves or loads
 *       the {@code xent-model/1} JSON file the command line writes.</li>
 * </ul>
 *
 * <h2>Where to start</h2>
 * {@link dev.xent.train.Trainer#fit(dev.xent.train.Dataset, dev.xent.train.TrainingSpec)} with a spec
 * from {@link dev.xent.train.TrainingSpec#builder(String)}; the project's docs/training.md has a
 * complete example. Losses are found by name through {@link dev.xent.core.Losses}: put a losses module
 * (xent-losses-binary, xent-losses-multiclass or a plugin) on the class or module path.
 */
module dev.xent.train {
    requires transitive dev.xent.core;
    requires dev.xent.autodiff;
    requires commons.math3;
    requires com.fasterxml.jackson.databind;

    exports dev.xent.train;
}
