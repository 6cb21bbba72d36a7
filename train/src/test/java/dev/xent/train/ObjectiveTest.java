package dev.xent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ObjectiveTest {

    private static double[] random(int n, Random random) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    /** Central differences on every parameter; returns the largest absolute error. */
    private static double gradientError(Network network, Loss loss, Batch batch, double l2, long seed) {
        Objective objective = new Objective(network, loss, l2);
        double[] params = random(network.parameterCount(), new Random(seed));
        double[] gradient = new double[params.length];
        objective.valueAndGradient(params, batch, gradient);
        double worst = 0;
        double h = 1e-6;
        double[] scratch = new double[params.length];
        for (int i = 0; i < params.length; i++) {
            double[] plus = params.clone();
            double[] minus = params.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (objective.valueAndGradient(plus, batch, scratch).objective()
                    - objective.valueAndGradient(minus, batch, scratch).objective()) / (2 * h);
            worst = Math.max(worst, Math.abs(numeric - gradient[i]));
        }
        return worst;
    }

    private static Batch randomBatch(int rows, int features, int classes, boolean oneLogit, long seed) {
        Random random = new Random(seed);
        int[] targets = new int[rows];
        for (int r = 0; r < rows; r++) {
            targets[r] = random.nextInt(classes);
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < features; c++) {
            names.add("x" + c);
        }
        java.util.List<String> labels = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            labels.add("c" + c);
        }
        return Batch.of(new Dataset(names, labels, random(rows * features, random), targets), oneLogit);
    }

    @Test
    void theGradientMatchesFiniteDifferencesForEveryArchitecture() {
        Batch binary = randomBatch(7, 3, 2, true, 1);
        Batch multi = randomBatch(7, 3, 4, false, 2);
        assertTrue(gradientError(new Network(3, new int[0], null, 1), TestLosses.binaryOnLogits(), binary, 0.3, 3) < 1e-8);
        assertTrue(gradientError(new Network(3, new int[0], null, 4), TestLosses.softmaxOnLogits(), multi, 0.3, 4) < 1e-8);
        for (Activation activation : Activation.values()) {
            Network mlp = new Network(3, new int[] {5, 4}, activation, 4);
            assertTrue(gradientError(mlp, TestLosses.softmaxOnLogits(), multi, 0.1, 5) < 1e-7, activation.jsonName());
        }
    }

    @Test
    void thePenaltyCoversWeightsButNotBiases() {
        Network network = new Network(2, new int[0], null, 1);
        Objective objective = new Objective(network, TestLosses.binaryOnLogits(), 0.5);
        // layout: W (2 x 1) then b (1)
        assertEquals(0.5 / 2 * (9 + 16), objective.penalty(new double[] {3, 4, 100}), 0);
        assertEquals(Tensor.of(new double[][] {{3}, {4}}), network.weights(new double[] {3, 4, 100}, 0));
    }
}
