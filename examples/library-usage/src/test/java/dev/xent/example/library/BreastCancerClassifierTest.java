package dev.xent.example.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.train.FittedModel;
import dev.xent.train.Metrics;
import dev.xent.train.Model;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application trains with xent-train and gets the command line's figures for the same settings. */
class BreastCancerClassifierTest {
    private static final Path DATA = Path.of("../data/breast_cancer.csv");

    @TempDir
    Path folder;

    @Test
    void trainingGivesTheFiguresOfTheCommandLinesBreastCancerExample() throws IOException {
        FittedModel fitted = BreastCancerClassifier.train(DATA);
        Metrics m = fitted.result().metrics();
        // examples/out/breast-cancer-logistic.report.json (docs/training.md quotes it)
        assertEquals(0.07527444745195021, m.trainLoss());
        assertEquals(0.9824561403508771, m.validationAccuracy());
        assertEquals(200, fitted.result().history().size());
    }

    @Test
    void theSavedModelPredictsLikeTheTrainedOne() throws IOException {
        FittedModel fitted = BreastCancerClassifier.train(DATA);
        Path file = folder.resolve("model.json");
        fitted.save(file);
        double[][] rows = {{17.99, 10.38, 122.8, 1001.0, 0.1184, 0.2776, 0.3001, 0.1471, 0.2419, 0.07871, 1.095, 0.9053,
                8.589, 153.4, 0.006399, 0.04904, 0.05373, 0.01587, 0.03003, 0.006193, 25.38, 17.33, 184.6, 2019.0, 0.1622,
                0.6656, 0.7119, 0.2654, 0.4601, 0.1189}};
        double probability = fitted.predictProbabilities(rows)[0][1];
        assertTrue(probability > 0.99, "P(malignant) " + probability);
        assertEquals(probability, Model.load(file).predictProbabilities(rows)[0][1]);
    }
}
