package dev.xent.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.autodiff.AbstractGraphLoss;
import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.Node;
import dev.xent.core.TargetDomain;
import dev.xent.core.spi.ParameterValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train module as a library user sees it: a spec by loss name, the trainer, the fitted model. */
class LibraryTrainingTest {
    private static final Dataset BREAST_CANCER = TestData.load("breast_cancer.csv");

    @TempDir
    Path folder;

    private static double[][] rows(Dataset data) {
        double[][] rows = new double[data.rows()][data.featureCount()];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                rows[r][c] = data.feature(r, c);
            }
        }
        return rows;
    }

    @Test
    void logisticRegressionByLossNameGivesTheCommandLinesExampleFigures() {
        TrainingSpec spec = TrainingSpec.builder("binary_cross_entropy")
                .optimizer(Optimizer.ADAM, Map.of("learning_rate", 0.05))
                .epochs(200).l2(0.01).validationFraction(0.2)
                .build();
        FittedModel fitted = Trainer.fit(BREAST_CANCER, spec);
        Metrics m = fitted.result().metrics();
        // examples/breast-cancer-logistic.json's report (cli golden file), bit for bit
        assertEquals(0.07527444745195021, m.trainLoss());
        assertEquals(0.06700189876555898, m.validationLoss());
        assertEquals(114, fitted.validationRows());
        double[][] probabilities = fitted.predictProbabilities(rows(BREAST_CANCER));
        int[] classes = fitted.predictClasses(rows(BREAST_CANCER));
        int correct = 0;
        for (int r = 0; r < classes.length; r++) {
            assertEquals(1, probabilities[r][0] + probabilities[r][1], 1e-15);
            assertEquals(probabilities[r][1] > 0.5 ? 1 : 0, classes[r]);
            correct += classes[r] == BREAST_CANCER.target(r) ? 1 : 0;
        }
        assertTrue(correct > 0.97 * classes.length, correct + " correct");
    }

    @Test
    void aSavedModelLoadsBackAndPredictsTheSameProbabilities() throws IOException {
        TrainingSpec spec = TrainingSpec.builder("categorical_cross_entropy").mlp(Activation.TANH, 4).epochs(20).build();
        Dataset iris = TestData.load("iris.csv");
        FittedModel fitted = Trainer.fit(iris, spec);
        Path file = folder.resolve("iris.model.json");
        fitted.save(file);
        Model loaded = Model.load(file);
        assertEquals(fitted.model().classes(), loaded.classes());
        assertEquals(fitted.model().featureNames(), loaded.featureNames());
        double[][] expected = fitted.predictProbabilities(rows(iris));
        double[][] actual = loaded.predictProbabilities(rows(iris));
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], actual[r], 0, "row " + r);
        }
        assertTrue(Files.readString(file).contains("\"format\" : \"xent-model/1\""));
    }

    @Test
    void aFileThatIsNotAModelIsRefusedWithAClearMessage() throws IOException {
        Path file = Files.writeString(folder.resolve("other.json"), "{\"format\": \"something\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.load(file));
        assertTrue(e.getMessage().contains("not a model file"), e.getMessage());
    }

    /** Poisson NLL on log-rates, {@code exp(x) - y x}: a loss on real predictions. */
    private static Loss poisson() {
        return new AbstractGraphLoss("test_poisson", ParameterValues.resolve("test_poisson", List.of(), Map.of()),
                InputSpace.REAL, TargetDomain.NON_NEGATIVE) {
            @Override
            public Node graph(Node logRates, Node counts) {
                return logRates.exp().sub(counts.mul(logRates));
            }
        };
    }

    /** Counts whose log-rate is 0.3 + 0.7 x, drawn with Knuth's method from a seeded generator. */
    private static Dataset counts(int rows) {
        Random random = new Random(11);
        double[] x = new double[rows];
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            x[r] = 2 * random.nextDouble() - 1;
            double limit = Math.exp(-Math.exp(0.3 + 0.7 * x[r]));
            int count = -1;
            for (double product = 1; product > limit; product *= random.nextDouble()) {
                count++;
            }
            y[r] = count;
        }
        return Dataset.withRealTargets(List.of("x"), x, y, null);
    }

    @Test
    void aLossOnRealPredictionsTrainsAndItsOutputIsThePrediction() {
        TrainingSpec spec = TrainingSpec.builder(poisson()).standardize(false).epochs(300)
                .optimizer(Optimizer.ADAM, Map.of("learning_rate", 0.05)).build();
        FittedModel fitted = Trainer.fit(counts(2000), spec);
        assertNull(fitted.result().metrics().accuracy());
        double[] params = fitted.model().parameters();
        assertEquals(0.7, params[0], 0.1, Arrays.toString(params));
        assertEquals(0.3, params[1], 0.1, Arrays.toString(params));
        assertEquals(0.3 + 0.7 * 0.5, fitted.outputs(new double[][] {{0.5}})[0][0], 0.1);
        assertThrows(IllegalStateException.class, () -> fitted.predictClasses(new double[][] {{0.5}}));
        assertEquals(List.of(), fitted.model().classes());
    }

    @Test
    void aLossOnProbabilitiesOrATargetOfTheWrongKindIsRefused() {
        IllegalArgumentException probabilities = assertThrows(IllegalArgumentException.class,
                () -> TrainingSpec.builder("binary_cross_entropy", Map.of("from_logits", false)));
        assertTrue(probabilities.getMessage().contains("from_logits = false is not allowed in training"),
                probabilities.getMessage());
        Loss brier = new AbstractGraphLoss("test_brier", ParameterValues.resolve("test_brier", List.of(), Map.of()),
                InputSpace.ELEMENTWISE_PROBABILITIES) {
            @Override
            public Node graph(Node p, Node y) {
                return p.sub(y).square();
            }
        };
        IllegalArgumentException onProbabilities = assertThrows(IllegalArgumentException.class,
                () -> TrainingSpec.builder(brier));
        assertEquals("test_brier expects elementwise probabilities but the model outputs logits; choose a loss on logits"
                + " (e.g. binary_cross_entropy or categorical_cross_entropy, which training runs with from_logits = true)",
                onProbabilities.getMessage());
        TrainingSpec poisson = TrainingSpec.builder(poisson()).build();
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
                () -> Trainer.prepare(BREAST_CANCER, poisson));
        assertTrue(classes.getMessage().contains("needs real targets"), classes.getMessage());
        Dataset negativeCount = Dataset.withRealTargets(List.of("x"), new double[] {0, 1, 2}, new double[] {1, -2, 3},
                new long[] {2, 3, 4});
        IllegalArgumentException domain = assertThrows(IllegalArgumentException.class,
                () -> Trainer.prepare(negativeCount, poisson));
        assertEquals("test_poisson: the target -2.0 at line 3 is not allowed; allowed: [0, inf)", domain.getMessage());
        IllegalArgumentException reals = assertThrows(IllegalArgumentException.class,
                () -> Trainer.prepare(counts(10), TrainingSpec.builder("binary_cross_entropy").build()));
        assertTrue(reals.getMessage().contains("needs class targets"), reals.getMessage());
    }
}
