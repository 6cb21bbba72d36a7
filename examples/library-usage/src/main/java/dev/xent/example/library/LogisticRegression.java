package dev.xent.example.library;

import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import java.util.Map;

/**
 * Logistic regression trained by full-batch gradient descent, with xent supplying the loss: the model
 * computes the logits {@code z = X w + b}, {@code binary_cross_entropy} (on logits) gives the mean loss
 * and {@code dL/dz} in one call, and the chain rule gives {@code dL/dw = X^T dL/dz} and
 * {@code dL/db = sum dL/dz}. Only xent-core's public API is used; the loss is found by name. The
 * second example of this application: a hand-written loop on {@code valueAndGradient}; for real
 * training use xent-train, as {@link BreastCancerClassifier} does.
 *
 * @param weights one weight per feature
 * @param bias    the intercept
 */
public record LogisticRegression(double[] weights, double bias) {
    private static final Loss LOSS = Losses.create("binary_cross_entropy", Map.of("from_logits", true));

    public LogisticRegression {
        weights = weights.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /**
     * Fits the model from zero weights.
     *
     * @param features      one row per sample
     * @param labels        0 or 1 per sample
     * @param learningRate  the step size
     * @param steps         how many gradient steps
     */
    public static LogisticRegression fit(double[][] features, double[] labels, double learningRate, int steps) {
        int samples = features.length;
        int width = features[0].length;
        double[] weights = new double[width];
        double bias = 0;
        Tensor targets = Tensor.of(labels);
        double[] logitGradient = new double[samples];
        for (int step = 0; step < steps; step++) {
            Tensor logits = new LogisticRegression(weights, bias).logits(features);
            LOSS.valueAndGradient(logits, targets, null, logitGradient);
            for (int i = 0; i < samples; i++) {
                for (int j = 0; j < width; j++) {
                    weights[j] -= learningRate * features[i][j] * logitGradient[i];
                }
                bias -= learningRate * logitGradient[i];
            }
        }
        return new LogisticRegression(weights, bias);
    }

    /** {@code X w + b}, one logit per row. */
    public Tensor logits(double[][] features) {
        double[] z = new double[features.length];
        for (int i = 0; i < features.length; i++) {
            z[i] = bias;
            for (int j = 0; j < weights.length; j++) {
                z[i] += features[i][j] * weights[j];
            }
        }
        return Tensor.wrap(z, z.length);
    }

    /** The mean binary cross-entropy on the given data. */
    public double loss(double[][] features, double[] labels) {
        return LOSS.value(logits(features), Tensor.of(labels));
    }

    /** The predicted class (0 or 1) of each row: 1 where the logit is positive. */
    public double[] predict(double[][] features) {
        double[] z = logits(features).toArray();
        double[] classes = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            classes[i] = z[i] > 0 ? 1 : 0;
        }
        return classes;
    }
}
