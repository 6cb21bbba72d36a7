package dev.xent.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import dev.xent.spark.LossSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LinearTrainingTest {
    /** UCI Breast Cancer Wisconsin (Diagnostic), CC BY 4.0: see examples/data/README.md. */
    private static final Path DATA = Path.of("../examples/data/breast_cancer.csv");
    private static final double L2 = 0.01;
    private static double[][] features;
    private static double[] labels;
    private static Dataset<Row> frame;

    @BeforeAll
    static void standardizedBreastCancer() throws IOException {
        List<String> lines = Files.readAllLines(DATA);
        int n = lines.size() - 1;
        int columns = lines.get(0).split(",").length;
        features = new double[n][columns - 1];
        labels = new double[n];
        for (int i = 0; i < n; i++) {
            String[] cells = lines.get(i + 1).split(",");
            for (int j = 0; j < columns - 1; j++) {
                features[i][j] = Double.parseDouble(cells[j]);
            }
            labels[i] = Double.parseDouble(cells[columns - 1]);
        }
        for (int j = 0; j < columns - 1; j++) {
            double mean = 0;
            for (double[] row : features) {
                mean += row[j] / n;
            }
            double variance = 0;
            for (double[] row : features) {
                variance += (row[j] - mean) * (row[j] - mean) / n;
            }
            double std = Math.sqrt(variance);
            for (double[] row : features) {
                row[j] = (row[j] - mean) / std;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(RowFactory.create(Vectors.dense(features[i]), labels[i]));
        }
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        SparkSession spark = dev.xent.spark.SparkTestSession.spark();
        frame = spark.createDataFrame(rows, schema).repartition(2).cache();
    }

    /** {@code mean loss + l2/2 ||w||^2} of a binary linear model, computed on one machine by the library. */
    private static double objective(Loss loss, double[] weights, double intercept) {
        double[] logits = new double[labels.length];
        double penalty = 0;
        for (double w : weights) {
            penalty += w * w;
        }
        for (int i = 0; i < labels.length; i++) {
            double z = intercept;
            for (int j = 0; j < weights.length; j++) {
                z += features[i][j] * weights[j];
            }
            logits[i] = z;
        }
        return loss.value(Tensor.of(logits), Tensor.of(labels)) + L2 / 2 * penalty;
    }

    private static double[] weights(LinearModel model) {
        double[] w = new double[model.inputs()];
        for (int j = 0; j < w.length; j++) {
            w[j] = model.weight(j, 0);
        }
        return w;
    }

    @Test
    void binaryCrossEntropyReachesMllibsLogisticRegressionObjectiveAndAFocalFitBeatsItOnFocalLoss() {
        Loss bce = LossSpec.of("bce", Map.of("from_logits", true)).loss();
        LinearModel xent = LinearTraining.of(LossSpec.of("binary_cross_entropy")).l2(L2).maxIterations(200)
                .fit(frame, "features", "label", null, 2);
        LogisticRegressionModel mllib = new LogisticRegression().setRegParam(L2).setElasticNetParam(0)
                .setStandardization(false).setTol(1e-12).setMaxIter(1000).fit(frame);
        double xentObjective = objective(bce, weights(xent), xent.intercept(0));
        double mllibObjective = objective(bce, mllib.coefficients().toArray(), mllib.intercept());
        assertEquals(mllibObjective, xentObjective, 1e-6 * mllibObjective,
                () -> "xent " + xentObjective + " MLlib " + mllibObjective);
        assertEquals(xentObjective, xent.objective(), 1e-12 * xentObjective);
        assertTrue(xent.accuracy() > 0.97, "accuracy " + xent.accuracy());

        Loss focal = LossSpec.of("focal", Map.of("from_logits", true)).loss();
        LinearModel focalModel = LinearTraining.of(LossSpec.of("binary_focal_cross_entropy", Map.of("gamma", 2.0)))
                .l2(L2).maxIterations(200).fit(frame, "features", "label", null, 2);
        assertTrue(focalModel.gradientNorm() < 1e-5, "gradient norm " + focalModel.gradientNorm());
        double focalAtFocal = objective(focal, weights(focalModel), focalModel.intercept(0));
        double focalAtBce = objective(focal, weights(xent), xent.intercept(0));
        assertEquals(focalAtFocal, focalModel.objective(), 1e-12 * focalAtFocal);
        assertTrue(focalAtFocal < focalAtBce, focalAtFocal + " vs " + focalAtBce);
    }

    @Test
    void softmaxRegressionWithClassWeightsAndLabelSmoothingConverges() {
        LinearModel model = LinearTraining.of(LossSpec.of("cross_entropy",
                        Map.of("class_weights", List.of(1.0, 3.0), "label_smoothing", 0.05)))
                .l2(L2).maxIterations(200).fit(frame, "features", "label", null, 2);
        assertEquals(2, model.outputs());
        assertTrue(model.gradientNorm() < 1e-5, "gradient norm " + model.gradientNorm() + " after " + model.iterations());
        assertTrue(model.accuracy() > 0.95, "accuracy " + model.accuracy());
    }

    @Test
    void theConjugateGradientOptimizerLowersTheObjectiveEveryIteration() {
        LinearModel model = LinearTraining.of(LossSpec.of("bce")).optimizer(LinearTraining.Optimizer.CONJUGATE_GRADIENT)
                .l2(L2).maxIterations(2).fit(frame, "features", "label", null, 2);
        assertEquals(2, model.iterations());
        assertTrue(model.history().get(1).objective() < model.history().get(0).objective());
        assertTrue(model.history().get(0).objective() < Math.log(2), "starts at log 2 from zero weights");
    }

    @Test
    void lossesThatCannotTrainAndLabelsOutOfRangeAreErrors() {
        IllegalArgumentException fromLogits = assertThrows(IllegalArgumentException.class,
                () -> LinearTraining.of(LossSpec.of("bce", Map.of("from_logits", false))));
        assertTrue(fromLogits.getMessage().contains("from_logits = false is not allowed in training"), fromLogits.getMessage());
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> LinearTraining.of(LossSpec.of("bce", Map.of("reduction", "sum"))));
        assertTrue(sum.getMessage().contains("reduction sum is not allowed in training"), sum.getMessage());
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
                () -> LinearTraining.of(LossSpec.of("bce")).fit(frame, "features", "label", null, 3));
        assertTrue(classes.getMessage().contains("needs a binary target"), classes.getMessage());
        Exception label = assertThrows(Exception.class,
                () -> LinearTraining.of(LossSpec.of("cce")).fit(frame.where("label = 1")
                        .withColumn("label", org.apache.spark.sql.functions.lit(5.0)), "features", "label", null, 2));
        assertTrue(dev.xent.spark.SparkTestSession.messages(label)
                .contains("column 'label' (label) is 5.0 in a row; allowed: class indices 0 to 1"));
    }
}
