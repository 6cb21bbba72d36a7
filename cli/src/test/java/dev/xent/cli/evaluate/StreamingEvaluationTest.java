package dev.xent.cli.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.cli.job.Job;
import dev.xent.cli.task.TaskContext;
import dev.xent.core.Loss;
import dev.xent.core.LossRegistry;
import dev.xent.core.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streamed value and gradient equal the loss's own on the whole file, across many block boundaries. */
class StreamingEvaluationTest {
    private static final LossRegistry REGISTRY = LossRegistry.load(StreamingEvaluationTest.class.getClassLoader());
    private static final int ROWS = 1000;

    @TempDir
    Path folder;

    @Test
    void streamedValueAndGradientEqualTheWholeFileForEveryReductionAndWeighting() throws IOException {
        for (String lossName : List.of("test_logistic", "test_squared_error")) {
            for (String reduction : List.of("mean", "sum")) {
                for (boolean weighted : List.of(false, true)) {
                    checkAgainstWholeFile(lossName, reduction, weighted, 7);
                    checkAgainstWholeFile(lossName, reduction, weighted, ROWS + 5);
                }
            }
        }
    }

    @Test
    void binaryCrossEntropyStreamsExactlyWithEveryOption() throws IOException {
        Random random = new Random(7);
        double[] p = new double[ROWS];
        double[] y = new double[ROWS];
        double[] w = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            p[i] = i % 50 == 0 ? (i % 100 == 0 ? 0.0 : 1.0) : random.nextDouble();
            y[i] = i % 3 == 0 ? random.nextDouble() : random.nextInt(2);
            w[i] = random.nextDouble();
        }
        Data data = new Data(List.of("p"), List.of("y"), Tensor.wrap(p, ROWS), Tensor.wrap(y, ROWS), Tensor.wrap(w, ROWS));
        checkAgainstWholeFile(folder, REGISTRY, "binary_cross_entropy",
                Map.of("pos_weight", 3.0, "label_smoothing", 0.1), data, 13);
        checkAgainstWholeFile(folder, REGISTRY, "binary_focal_cross_entropy", Map.of("alpha", 0.25), data, 13);
    }

    @Test
    void categoricalCrossEntropyWithClassWeightsAndIgnoredRowsStreamsExactly() throws IOException {
        int classes = 4;
        Random random = new Random(11);
        double[] logits = new double[ROWS * classes];
        double[] y = new double[ROWS];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = random.nextGaussian() * 4;
        }
        for (int i = 0; i < ROWS; i++) {
            // Rows 0-19 and 500-529 are ignored: whole blocks that are invalid alone (every row ignored)
            // at the start (the block grows) and in the middle (the previous block is its context).
            y[i] = i < 20 || (i >= 500 && i < 530) ? 2 : random.nextInt(classes);
        }
        Data data = new Data(List.of("z0", "z1", "z2", "z3"), List.of("y"), Tensor.wrap(logits, ROWS, classes),
                Tensor.wrap(y, ROWS), null);
        Map<String, Object> params = Map.of("from_logits", true, "class_weights", List.of(1.0, 2.0, 0.5, 3.0),
                "ignore_index", 2);
        checkAgainstWholeFile(folder, REGISTRY, "categorical_cross_entropy", params, data, 7);
        checkAgainstWholeFile(folder, REGISTRY, "categorical_focal_cross_entropy", Map.of("from_logits", true), data, 7);
    }

    @Test
    void weightsWhoseSumOverflowsGiveTheRightMeanAndGradientWhenALargerWeightArrivesInALaterBlock() throws IOException {
        Random random = new Random(3);
        double[] p = new double[ROWS];
        double[] y = new double[ROWS];
        double[] w = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            p[i] = random.nextGaussian() * 3;
            y[i] = random.nextInt(2);
            // 1e-300 first, then 1, then weights near the largest double: the unit changes twice.
            w[i] = i < 100 ? 1e-300 : i < 400 ? 1.0 : 1e308 * (1 + random.nextDouble() * 0.79);
        }
        Data data = new Data(List.of("p"), List.of("y"), Tensor.wrap(p, ROWS), Tensor.wrap(y, ROWS), Tensor.wrap(w, ROWS));
        double expected = REGISTRY.create("binary_cross_entropy", Map.of("from_logits", true))
                .value(data.predictions(), data.targets(), data.weights());
        assertTrue(expected > 0.1 && expected < 10, "the whole-file mean is right: " + expected);
        checkAgainstWholeFile(folder, REGISTRY, "binary_cross_entropy", Map.of("from_logits", true), data, 64);
    }

    @Test
    void distributionTargetsOverSeveralColumnsStreamExactly() throws IOException {
        int classes = 3;
        Random random = new Random(5);
        double[] logits = new double[ROWS * classes];
        double[] t = new double[ROWS * classes];
        for (int r = 0; r < ROWS; r++) {
            double a = random.nextDouble();
            double b = random.nextDouble() * (1 - a);
            double[] row = {a, b, 1 - a - b};
            for (int c = 0; c < classes; c++) {
                logits[r * classes + c] = random.nextGaussian();
                t[r * classes + c] = row[c];
            }
        }
        Data data = new Data(List.of("z0", "z1", "z2"), List.of("t0", "t1", "t2"), Tensor.wrap(logits, ROWS, classes),
                Tensor.wrap(t, ROWS, classes), null);
        checkAgainstWholeFile(folder, REGISTRY, "categorical_cross_entropy",
                Map.of("from_logits", true, "label_smoothing", 0.05), data, 64);
    }

    /** Writes a random file, evaluates it streamed in blocks of {@code blockRows}, compares to one call. */
    static void checkAgainstWholeFile(Path folder, LossRegistry registry, String lossName, Map<String, ?> params,
                                      Data data, int blockRows) throws IOException {
        Loss loss = registry.create(lossName, params);
        Files.writeString(folder.resolve("data.csv"), data.csv());
        String paramsJson = dev.xent.cli.io.Json.write(dev.xent.cli.io.Json.tree(params));
        Files.writeString(folder.resolve("job.json"), """
                {"task": "evaluate", "loss": {"name": "%s", "params": %s},
                 "data": {"path": "data.csv", "prediction": %s, "target": %s %s},
                 "output": {"gradient": "gradient.csv", "per_sample": "per_sample.csv"}}
                """.formatted(lossName, paramsJson, data.predictionColumnsJson(), data.targetColumnsJson(),
                data.weights() == null ? "" : ", \"weight\": \"w\""));
        Job job = Job.read(folder.resolve("job.json"), List.of());
        JsonNode report = new EvaluateTask(blockRows).run(job,
                new TaskContext(registry, new PrintWriter(new StringWriter()), true)).report();

        double expected = loss.value(data.predictions(), data.targets(), data.weights());
        assertEquals(expected, report.get("value").asDouble(), 1e-12 * Math.max(1, Math.abs(expected)),
                lossName + " " + params + " blocks of " + blockRows);
        assertEquals(data.predictions().rows(), report.get("rows").asLong());

        Tensor gradient = loss.gradient(data.predictions(), data.targets(), data.weights());
        List<String> lines = Files.readAllLines(folder.resolve("gradient.csv"));
        int width = gradient.size() / gradient.rows();
        assertEquals(data.predictions().rows() + 1, lines.size());
        for (int r = 0; r < gradient.rows(); r++) {
            String[] cells = lines.get(r + 1).split(",");
            for (int c = 0; c < width; c++) {
                double g = gradient.getFlat(r * width + c);
                assertEquals(g, Double.parseDouble(cells[c]), 1e-12 * Math.max(1e-3, Math.abs(g)),
                        lossName + " gradient row " + r);
            }
        }
        Tensor perSample = loss.perSample(data.predictions(), data.targets());
        List<String> perSampleLines = Files.readAllLines(folder.resolve("per_sample.csv"));
        assertEquals("loss", perSampleLines.get(0));
        if (perSample.rank() == 1) {
            for (int r = 0; r < perSample.size(); r++) {
                assertEquals(perSample.getFlat(r), Double.parseDouble(perSampleLines.get(r + 1)), 0.0);
            }
        }
    }

    private void checkAgainstWholeFile(String lossName, String reduction, boolean weighted, int blockRows)
            throws IOException {
        Random random = new Random(20261123L);
        double[] p = new double[ROWS];
        double[] y = new double[ROWS];
        double[] w = weighted ? new double[ROWS] : null;
        for (int i = 0; i < ROWS; i++) {
            p[i] = random.nextGaussian() * 3;
            y[i] = i % 3 == 0 ? random.nextDouble() : random.nextInt(2);
            if (w != null) {
                w[i] = i % 11 == 0 ? 0 : random.nextDouble() * 2;
            }
        }
        Data data = new Data(List.of("p"), List.of("y"), Tensor.wrap(p, ROWS), Tensor.wrap(y, ROWS),
                w == null ? null : Tensor.wrap(w, ROWS));
        checkAgainstWholeFile(folder, REGISTRY, lossName, Map.of("reduction", reduction), data, blockRows);
    }

    /** A data set as tensors and its CSV text (columns: predictions, targets, then w). */
    record Data(List<String> predictionColumns, List<String> targetColumns, Tensor predictions, Tensor targets,
                Tensor weights) {
        String csv() {
            StringBuilder out = new StringBuilder();
            out.append(String.join(",", predictionColumns)).append(',').append(String.join(",", targetColumns));
            out.append(weights == null ? "" : ",w").append('\n');
            int rows = predictions.rows();
            int pw = predictions.size() / rows;
            int tw = targets.size() / rows;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < pw; c++) {
                    out.append(c == 0 ? "" : ",").append(predictions.getFlat(r * pw + c));
                }
                for (int c = 0; c < tw; c++) {
                    out.append(',').append(targets.getFlat(r * tw + c));
                }
                if (weights != null) {
                    out.append(',').append(weights.getFlat(r));
                }
                out.append('\n');
            }
            return out.toString();
        }

        String predictionColumnsJson() {
            return dev.xent.cli.io.Json.write(dev.xent.cli.io.Json.tree(predictionColumns));
        }

        String targetColumnsJson() {
            return dev.xent.cli.io.Json.write(dev.xent.cli.io.Json.tree(targetColumns));
        }
    }
}
