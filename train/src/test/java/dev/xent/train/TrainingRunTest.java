package dev.xent.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Loss;
import dev.xent.core.numeric.Parallelism;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingRunTest {
    private static final Dataset BREAST_CANCER = TestData.load("breast_cancer.csv");
    private static final Dataset IRIS = TestData.load("iris.csv");

    private static TrainingSpec spec(Loss loss, String optimizer, Map<String, ?> hyper, double validation,
                                     int[] hidden, Activation activation, TrainingOptions options) {
        TrainingSpec.Builder spec = TrainingSpec.builder(loss).optimizer(Optimizer.named(optimizer), hyper)
                .validationFraction(validation).epochs(options.epochs()).batchSize(options.batchSize())
                .l2(options.l2()).seed(options.seed()).earlyStopping(options.earlyStopping());
        return hidden.length == 0 ? spec.build() : spec.mlp(activation, hidden).build();
    }

    @Test
    void logisticRegressionWithAdamFitsBreastCancer() {
        TrainingSpec spec = spec(TestLosses.binaryOnLogits(), "adam", Map.of("learning_rate", 0.05), 0.2,
                new int[0], null, new TrainingOptions(300, 0, 0, 7, null));
        Metrics m = Trainer.fit(BREAST_CANCER, spec, EpochListener.NONE).result().metrics();
        assertTrue(m.trainLoss() < 0.08, "train loss " + m.trainLoss());
        assertTrue(m.validationAccuracy() > 0.95, "validation accuracy " + m.validationAccuracy());
        assertEquals(m.trainLoss(), m.objective()); // no penalty
    }

    @Test
    void l2OfOneOverRowsMatchesTheReferenceLogLossOnBreastCancer() {
        // datasets/README.md: minimising sum log loss + 1/2 ||w||^2 gives a mean training log loss of about 0.053.
        TrainingSpec spec = spec(TestLosses.binaryOnLogits(), "conjugate_gradient", Map.of(), 0,
                new int[0], null, new TrainingOptions(500, 0, 1.0 / 569, 1, null));
        Metrics m = Trainer.fit(BREAST_CANCER, spec, EpochListener.NONE).result().metrics();
        assertEquals(0.053, m.trainLoss(), 0.0015);
        assertTrue(m.objective() > m.trainLoss());
        assertTrue(m.accuracy() > 0.98, "accuracy " + m.accuracy());
        assertNull(m.validationLoss());
    }

    @Test
    void softmaxRegressionFitsIris() {
        TrainingSpec spec = spec(TestLosses.softmaxOnLogits(), "adam", Map.of("learning_rate", 0.1), 0,
                new int[0], null, new TrainingOptions(200, 0, 0, 1, null));
        FittedModel model = Trainer.fit(IRIS, spec, EpochListener.NONE);
        assertEquals(3, model.network().outputs());
        assertTrue(model.result().metrics().accuracy() > 0.95, "accuracy " + model.result().metrics().accuracy());
    }

    @Test
    void theSameSeedGivesIdenticalResultsAndAnotherSeedDoesNot() {
        TrainingSpec a = spec(TestLosses.softmaxOnLogits(), "momentum", Map.of("learning_rate", 0.05), 0.3,
                new int[] {8}, Activation.TANH, new TrainingOptions(20, 16, 1e-3, 42, null));
        TrainingSpec b = spec(TestLosses.softmaxOnLogits(), "momentum", Map.of("learning_rate", 0.05), 0.3,
                new int[] {8}, Activation.TANH, new TrainingOptions(20, 16, 1e-3, 43, null));
        TrainingResult first = Trainer.fit(IRIS, a, EpochListener.NONE).result();
        TrainingResult second = Trainer.fit(IRIS, a, EpochListener.NONE).result();
        TrainingResult other = Trainer.fit(IRIS, b, EpochListener.NONE).result();
        assertArrayEquals(first.parameters(), second.parameters());
        assertEquals(first.history(), second.history());
        assertEquals(first.metrics(), second.metrics());
        assertTrue(first.metrics().trainLoss() != other.metrics().trainLoss());
    }

    @Test
    void anMlpTrainsToTheSameBitsOnOneAndTwoThreads() {
        // Digits with 64 tanh units: full-batch products above the parallel threshold and tanh over
        // 1,797 x 64 values, more than one range of the parallel tanh; mini-batches of 256 below both.
        Dataset digits = TestData.load("digits.csv");
        int threads = Parallelism.threads();
        try {
            for (int batch : new int[] {0, 256}) {
                TrainingSpec spec = spec(TestLosses.softmaxOnLogits(), "adam", Map.of("learning_rate", 0.01), 0.2,
                        new int[] {64}, Activation.TANH, new TrainingOptions(3, batch, 1e-4, 5, null));
                Parallelism.setThreads(1);
                TrainingResult one = Trainer.fit(digits, spec, EpochListener.NONE).result();
                Parallelism.setThreads(2);
                TrainingResult two = Trainer.fit(digits, spec, EpochListener.NONE).result();
                assertArrayEquals(one.parameters(), two.parameters(), "batch " + batch);
                assertEquals(one.history(), two.history(), "batch " + batch);
                assertEquals(one.metrics(), two.metrics(), "batch " + batch);
            }
        } finally {
            Parallelism.setThreads(threads);
        }
    }

    @Test
    void everyStepwiseOptimizerAndActivationLowersTheLossOnIris() {
        for (String optimizer : new String[] {"sgd", "momentum", "rmsprop", "adam"}) {
            for (Activation activation : Activation.values()) {
                TrainingSpec spec = spec(TestLosses.softmaxOnLogits(), optimizer, Map.of(), 0,
                        new int[] {6, 4}, activation, new TrainingOptions(30, 10, 0, 3, null));
                TrainingResult r = Trainer.fit(IRIS, spec, EpochListener.NONE).result();
                assertEquals(30, r.history().size());
                double first = r.history().get(0).trainLoss();
                double last = r.history().get(29).trainLoss();
                assertTrue(last < first, optimizer + "/" + activation.jsonName() + ": " + first + " -> " + last);
            }
        }
    }

    @Test
    void earlyStoppingEndsTheRunAndRestoresTheBestEpoch() {
        TrainingSpec spec = spec(TestLosses.softmaxOnLogits(), "adam", Map.of("learning_rate", 0.5), 0.3,
                new int[] {32}, Activation.RELU, new TrainingOptions(1000, 8, 0, 5, EarlyStopping.restoringBest(5, 0)));
        TrainingResult r = Trainer.fit(IRIS, spec, EpochListener.NONE).result();
        assertTrue(r.stoppedEarly());
        assertTrue(r.history().size() < 1000);
        assertNotNull(r.bestEpoch());
        assertEquals(r.history().size() - 5, r.bestEpoch().intValue());
        assertEquals(r.history().get(r.bestEpoch() - 1).validationLoss(), r.metrics().validationLoss());
    }

    @Test
    void aRunawayStepSizeIsReportedAsDivergence() {
        // With l2 = 1 and learning rate 10 every sgd step multiplies the weights by about -9: they overflow.
        TrainingSpec spec = spec(TestLosses.binaryOnLogits(), "sgd", Map.of("learning_rate", 10.0), 0,
                new int[0], null, new TrainingOptions(2000, 0, 1, 1, null));
        Dataset oneWeight = BREAST_CANCER;
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> Trainer.fit(oneWeight, spec, EpochListener.NONE));
        assertTrue(e.getMessage().startsWith("training diverged in epoch "), e.getMessage());
    }

    @Test
    void conjugateGradientAgreesWithAdamOnTheSameConvexObjective() {
        TrainingOptions options = new TrainingOptions(3000, 0, 0.01, 1, null);
        double cg = Trainer.fit(IRIS, spec(TestLosses.softmaxOnLogits(), "conjugate_gradient", Map.of(), 0,
                new int[0], null, options), EpochListener.NONE).result().metrics().objective();
        double adam = Trainer.fit(IRIS, spec(TestLosses.softmaxOnLogits(), "adam", Map.of("learning_rate", 0.05), 0,
                new int[0], null, options), EpochListener.NONE).result().metrics().objective();
        assertEquals(adam, cg, 1e-10);
    }

    @Test
    void anElementWiseLossNeedsABinaryTarget() {
        TrainingSpec spec = spec(TestLosses.binaryOnLogits(), "adam", Map.of(), 0, new int[0], null,
                new TrainingOptions(1, 0, 0, 1, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.fit(IRIS, spec, EpochListener.NONE));
        assertTrue(e.getMessage().contains("needs a binary target"), e.getMessage());
    }

    @Test
    void zeroEpochsReturnTheInitialModel() {
        TrainingSpec spec = spec(TestLosses.binaryOnLogits(), "conjugate_gradient", Map.of(), 0, new int[0], null,
                new TrainingOptions(0, 0, 0, 1, null));
        TrainingResult r = Trainer.fit(BREAST_CANCER, spec, EpochListener.NONE).result();
        assertEquals(0, r.history().size());
        assertEquals(Math.log(2), r.metrics().trainLoss(), 1e-15);
    }
}
