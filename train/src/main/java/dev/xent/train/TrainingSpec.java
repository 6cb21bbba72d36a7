package dev.xent.train;

import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.spi.ParameterValues;
import java.util.Arrays;
import java.util.Map;

/**
 * Everything a training run needs besides the data: the loss, the model, the optimizer with its
 * hyper-parameters, epochs, batch size, L2 penalty, seed, validation split, early stopping and
 * standardisation. Immutable; made by a {@link Builder}:
 *
 * <pre>{@code
 * TrainingSpec spec = TrainingSpec.builder("binary_cross_entropy")
 *         .optimizer(Optimizer.ADAM, Map.of("learning_rate", 0.05))
 *         .epochs(200).l2(0.01).validationFraction(0.2)
 *         .build();
 * }</pre>
 *
 * Defaults: a linear model, adam with its defaults, 100 epochs, the full batch, no penalty, seed 0,
 * no validation rows, no early stopping, standardised features.
 */
public final class TrainingSpec {
    private final Loss loss;
    private final int[] hidden;
    private final Activation activation;
    private final Optimizer optimizer;
    private final ParameterValues optimizerParameters;
    private final TrainingOptions options;
    private final boolean standardize;
    private final double validationFraction;

    private TrainingSpec(Builder b) {
        this.loss = TrainableLoss.check(b.loss);
        this.hidden = b.hidden.clone();
        this.activation = b.activation;
        this.optimizer = b.optimizer;
        this.optimizerParameters = b.optimizerParameters != null ? b.optimizerParameters : b.optimizer.resolve(Map.of());
        this.options = new TrainingOptions(b.epochs, b.batchSize, b.l2, b.seed, b.earlyStopping);
        this.standardize = b.standardize;
        this.validationFraction = b.validationFraction;
    }

    /**
     * A builder for the registered loss {@code nameOrAlias} with default parameters, found through
     * {@link Losses#registry()} ({@code from_logits = true} is added where the loss has it).
     *
     * @throws IllegalArgumentException for an unknown loss, or one that cannot be trained ({@link TrainableLoss})
     */
    public static Builder builder(String nameOrAlias) {
        return builder(nameOrAlias, Map.of());
    }

    /** As {@link #builder(String)}, with the loss's parameters (JSON names, e.g. {@code label_smoothing}). */
    public static Builder builder(String nameOrAlias, Map<String, ?> lossParameters) {
        return new Builder(TrainableLoss.create(Losses.registry(), nameOrAlias, lossParameters));
    }

    /** A builder for a loss made elsewhere (e.g. from a plugin registry); checked by {@link TrainableLoss#check}. */
    public static Builder builder(Loss loss) {
        return new Builder(TrainableLoss.check(loss));
    }

    /** The loss: on logits, or on real predictions ({@link TrainableLoss}); reduction mean. */
    public Loss loss() {
        return loss;
    }

    /** The hidden layer sizes; empty for a linear model. */
    public int[] hidden() {
        return hidden.clone();
    }

    /** The activation after every hidden layer; null for a linear model. */
    public Activation activation() {
        return activation;
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Its hyper-parameters, defaults filled in. */
    public ParameterValues optimizerParameters() {
        return optimizerParameters;
    }

    /** Epochs, batch size, l2, seed and early stopping. */
    public TrainingOptions options() {
        return options;
    }

    /** Whether features are z-scored with statistics of the training rows. */
    public boolean standardize() {
        return standardize;
    }

    /** The share of rows held out for validation, in [0, 1). */
    public double validationFraction() {
        return validationFraction;
    }

    /** Collects a spec's settings; every setter validates its argument at {@link #build()}. */
    public static final class Builder {
        private final Loss loss;
        private int[] hidden = new int[0];
        private Activation activation;
        private Optimizer optimizer = Optimizer.ADAM;
        private ParameterValues optimizerParameters;
        private int epochs = 100;
        private int batchSize;
        private double l2;
        private long seed;
        private EarlyStopping earlyStopping;
        private boolean standardize = true;
        private double validationFraction;

        private Builder(Loss loss) {
            this.loss = loss;
        }

        /** A linear model: {@code outputs = X W + b} (the default). */
        public Builder linear() {
            this.hidden = new int[0];
            this.activation = null;
            return this;
        }

        /**
         * A multi-layer perceptron: {@code h = activation(h W + b)} per hidden layer, then a linear output layer.
         *
         * @param hidden the hidden layer sizes, at least one, each at least 1
         */
        public Builder mlp(Activation activation, int... hidden) {
            if (hidden.length == 0) {
                throw new IllegalArgumentException("an mlp needs at least one hidden layer, e.g. mlp(Activation.TANH, 32)");
            }
            if (activation == null) {
                throw new IllegalArgumentException("an mlp needs an activation");
            }
            this.hidden = hidden.clone();
            this.activation = activation;
            return this;
        }

        /** The optimizer with its default hyper-parameters ({@link Optimizer#parameters()}). */
        public Builder optimizer(Optimizer optimizer) {
            return optimizer(optimizer, Map.of());
        }

        /**
         * The optimizer with hyper-parameters by their names ({@code learning_rate}, {@code beta1}, ...).
         *
         * @throws dev.xent.core.spi.ParameterException for an unknown name, a wrong type or range
         */
        public Builder optimizer(Optimizer optimizer, Map<String, ?> hyperParameters) {
            return optimizer(optimizer, optimizer.resolve(hyperParameters));
        }

        /** The optimizer with hyper-parameters already resolved by {@link Optimizer#resolve}. */
        public Builder optimizer(Optimizer optimizer, ParameterValues hyperParameters) {
            this.optimizer = optimizer;
            this.optimizerParameters = hyperParameters;
            return this;
        }

        /** Passes over the training rows (iterations for conjugate gradient), at least 0; default 100. */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Rows per step; 0 (the default) or at least the row count means the full batch. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** The penalty {@code l2 / 2 * ||W||^2} on the weights (not the biases), at least 0; default 0. */
        public Builder l2(double l2) {
            this.l2 = l2;
            return this;
        }

        /** Seeds the validation split, the initial weights and the shuffle of mini-batches; default 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Stops when the monitored loss stops improving; null (the default) for none. */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /** Whether to z-score the features (default true). */
        public Builder standardize(boolean standardize) {
            this.standardize = standardize;
            return this;
        }

        /** The share of rows held out for validation (seeded), in [0, 1); default 0. */
        public Builder validationFraction(double validationFraction) {
            if (!(validationFraction >= 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validation_fraction = " + validationFraction + " is outside [0, 1)");
            }
            this.validationFraction = validationFraction;
            return this;
        }

        /**
         * The spec.
         *
         * @throws IllegalArgumentException naming a setting out of range
         */
        public TrainingSpec build() {
            return new TrainingSpec(this);
        }
    }

    /** The loss, the model, the optimizer with its parameters and the options, for logs. */
    @Override
    public String toString() {
        return "TrainingSpec[" + loss.name() + ", hidden " + Arrays.toString(hidden) + ", " + optimizer.jsonName()
                + " " + optimizerParameters.asMap() + ", " + options + "]";
    }
}
