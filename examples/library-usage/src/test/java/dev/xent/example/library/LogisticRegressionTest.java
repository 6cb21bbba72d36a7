package dev.xent.example.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A tiny logistic regression trained through xent's public API reaches the known optimum. */
class LogisticRegressionTest {
    // Not linearly separable, so the unpenalised optimum is finite.
    private static final double[][] FEATURES = {
        {-2, 0.5}, {-1, -0.3}, {-0.5, 1}, {0, 0}, {0.5, -1}, {1, 0.2}, {2, -0.4}, {0.3, 0.7}, {-0.3, -0.6}, {1.5, 1.1},
    };
    private static final double[] LABELS = {0, 0, 1, 0, 1, 1, 1, 0, 1, 0};

    @Test
    void gradientDescentReachesTheMaximumLikelihoodFitOfPyTorchAndScikitLearn() {
        LogisticRegression model = LogisticRegression.fit(FEATURES, LABELS, 1.0, 3000);
        // torch.optim.LBFGS (float64, strong Wolfe, gradient tolerance 1e-15) on
        // binary_cross_entropy_with_logits(X @ w + b, y); sklearn LogisticRegression(penalty=None) agrees to 1e-9:
        // w = [0.7976961533265681, -1.5131281326967156], b = 0.06932955890734242, loss 0.5349352217329637
        assertArrayEquals(new double[] {0.7976961533265681, -1.5131281326967156}, model.weights(), 1e-9);
        assertEquals(0.06932955890734242, model.bias(), 1e-9);
        assertEquals(0.5349352217329637, model.loss(FEATURES, LABELS), 1e-14);
    }

    @Test
    void trainingLowersTheLossFromTheStartingPoint() {
        double untrained = new LogisticRegression(new double[2], 0).loss(FEATURES, LABELS);
        double trained = LogisticRegression.fit(FEATURES, LABELS, 1.0, 50).loss(FEATURES, LABELS);
        assertEquals(Math.log(2), untrained, 1e-15);
        assertEquals(true, trained < untrained - 0.1, "trained " + trained + " vs untrained " + untrained);
    }

    @Test
    void fittedModelClassifiesAsScikitLearnDoes() {
        LogisticRegression model = LogisticRegression.fit(FEATURES, LABELS, 1.0, 3000);
        // sklearn: LogisticRegression(penalty=None).fit(X, y).predict(X)
        assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1, 1, 0, 1, 0}, model.predict(FEATURES));
    }
}
