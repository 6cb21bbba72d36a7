package dev.xent.example.library;

import dev.xent.train.Dataset;
import dev.xent.train.FittedModel;
import dev.xent.train.Optimizer;
import dev.xent.train.Trainer;
import dev.xent.train.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Logistic regression on the breast cancer data set with xent-train: the CSV file is read by hand
 * (every column but the last is a feature, the last is the 0/1 target {@code malignant}), the loss
 * {@code binary_cross_entropy} is named, not imported, and adam does the rest. The settings are those
 * of the command line's {@code examples/breast-cancer-logistic.json}, so the figures are too.
 */
public final class BreastCancerClassifier {
    private BreastCancerClassifier() {
    }

    /** The rows of a clean CSV file without quoting whose last column holds 0 or 1. */
    public static Dataset read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int features = header.size() - 1;
        int rows = lines.size() - 1;
        double[] x = new double[rows * features];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            String[] cells = lines.get(r + 1).split(",");
            for (int c = 0; c < features; c++) {
                x[r * features + c] = Double.parseDouble(cells[c]);
            }
            y[r] = Integer.parseInt(cells[features]);
        }
        return new Dataset(header.subList(0, features), List.of("benign", "malignant"), x, y);
    }

    /** Trains on the file's rows, holding out a fifth (seeded) for validation. */
    public static FittedModel train(Path csv) throws IOException {
        TrainingSpec spec = TrainingSpec.builder("binary_cross_entropy")
                .optimizer(Optimizer.ADAM, Map.of("learning_rate", 0.05))
                .epochs(200).l2(0.01).validationFraction(0.2)
                .build();
        return Trainer.fit(read(csv), spec);
    }
}
