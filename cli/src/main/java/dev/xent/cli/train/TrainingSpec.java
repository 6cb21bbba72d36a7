package dev.xent.cli.train;

import dev.xent.core.Loss;
import dev.xent.core.spi.ParameterValues;

/**
 * Everything a training run needs besides the data.
 *
 * @param standardize         z-score the features (statistics from the training rows)
 * @param validationFraction  share of rows held out, in [0, 1)
 * @param hidden              hidden layer sizes; empty for a linear model
 * @param activation          between hidden layers (null for a linear model)
 * @param loss                a loss on logits with mean reduction ({@link dev.xent.core.LogitTraining})
 * @param optimizer           the optimizer
 * @param optimizerParameters its resolved hyper-parameters ({@link Optimizer#resolve})
 * @param options             epochs, batch size, l2, seed, early stopping
 */
public record TrainingSpec(boolean standardize, double validationFraction, int[] hidden, Activation activation,
                           Loss loss, Optimizer optimizer, ParameterValues optimizerParameters,
                           TrainingOptions options) {
}
