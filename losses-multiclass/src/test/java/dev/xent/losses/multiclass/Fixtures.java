package dev.xent.losses.multiclass;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Losses and inputs for the tests (random ones from a caller-seeded {@link Random}). */
final class Fixtures {
    private Fixtures() {
    }

    /** A parameter map from alternating names and values. */
    static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    static Loss crossEntropy(Object... namesAndValues) {
        return new CategoricalCrossEntropyProvider().create(params(namesAndValues));
    }

    static Loss focal(Object... namesAndValues) {
        return new CategoricalFocalCrossEntropyProvider().create(params(namesAndValues));
    }

    /** Logits uniform in {@code [-scale, scale]}. */
    static Tensor logits(Random random, int rows, int classes, double scale) {
        double[] x = new double[rows * classes];
        for (int i = 0; i < x.length; i++) {
            x[i] = scale * (2 * random.nextDouble() - 1);
        }
        return Tensor.wrap(x, rows, classes);
    }

    /** Class indices in {@code [0, classes)}. */
    static Tensor labels(Random random, int rows, int classes) {
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = random.nextInt(classes);
        }
        return Tensor.wrap(y, rows);
    }

    /** Soft target distributions (softmax of random scores, rows sum to 1). */
    static Tensor distributions(Random random, int rows, int classes) {
        return softmaxRows(logits(random, rows, classes, 2.0));
    }

    /** Row-wise softmax (for probabilities well inside (0, 1)). */
    static Tensor softmaxRows(Tensor logits) {
        int rows = logits.dim(0);
        int classes = logits.dim(1);
        double[] p = new double[rows * classes];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits.getFlat(r * classes + c));
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                p[r * classes + c] = Math.exp(logits.getFlat(r * classes + c) - max);
                sum += p[r * classes + c];
            }
            for (int c = 0; c < classes; c++) {
                p[r * classes + c] /= sum;
            }
        }
        return Tensor.wrap(p, rows, classes);
    }

    /** The one-hot distributions of class indices. */
    static Tensor oneHot(Tensor labels, int classes) {
        double[] q = new double[labels.size() * classes];
        for (int r = 0; r < labels.size(); r++) {
            q[r * classes + (int) labels.getFlat(r)] = 1.0;
        }
        return Tensor.wrap(q, labels.size(), classes);
    }

    /** Positive sample weights in {@code [0.2, 2]}. */
    static Tensor sampleWeights(Random random, int rows) {
        double[] s = new double[rows];
        for (int i = 0; i < rows; i++) {
            s[i] = 0.2 + 1.8 * random.nextDouble();
        }
        return Tensor.wrap(s, rows);
    }

    /** Infinity-norm relative difference, 0 for equal tensors (equal infinities agree). */
    static double relativeError(Tensor expected, Tensor actual) {
        return dev.xent.autodiff.GradientCheck.compare(expected, actual).maxRelativeError();
    }

    /** Relative difference of two numbers, 0 when they are equal. */
    static double relativeError(double expected, double actual) {
        return expected == actual ? 0 : Math.abs(expected - actual) / Math.max(Math.abs(expected), Math.abs(actual));
    }
}
