package dev.xent.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.Test;

/** The objective adapter without training: layout, formulas, weights, floors and errors. */
class XentObjectiveTest {

    private static DMatrix matrix(float[] labels, float[] weights) throws XGBoostError {
        DMatrix matrix = new DMatrix(new float[labels.length], labels.length, 1, Float.NaN);
        matrix.setLabel(labels);
        if (weights != null) {
            matrix.setWeight(weights);
        }
        return matrix;
    }

    @Test
    void softmaxGradientIsPMinusOneHotAndHessianTwicePTimesOneMinusPRowMajor() throws XGBoostError {
        float[][] margins = {{1.2f, -0.8f, -0.5f}, {0.9f, -1.2f, 1.1f}};
        List<float[]> both = XentObjective.of("cce", Map.of()).getGradient(margins, matrix(new float[] {0, 2},
                new float[] {1, 3}));
        float[] expectedGradient = new float[6];
        float[] expectedHessian = new float[6];
        double[] weights = {1, 3};
        int[] labels = {0, 2};
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += Math.exp(margins[r][c]);
            }
            for (int c = 0; c < 3; c++) {
                double p = Math.exp(margins[r][c]) / sum;
                expectedGradient[r * 3 + c] = (float) (weights[r] * (p - (c == labels[r] ? 1 : 0)));
                expectedHessian[r * 3 + c] = (float) (weights[r] * 2 * p * (1 - p));
            }
        }
        assertArrayEquals(expectedGradient, both.get(0), 1e-7f);
        assertArrayEquals(expectedHessian, both.get(1), 1e-7f);
    }

    @Test
    void focalHessianIsFlooredWhereTheExactOneIsNegativeAndZeroWeightRowsGetNothing() throws XGBoostError {
        float[][] margins = {{-8f}, {2f}, {-8f}};
        List<float[]> both = XentObjective.of("focal", Map.of("gamma", 2.0))
                .getGradient(margins, matrix(new float[] {1, 1, 1}, new float[] {2, 1, 0}));
        assertEquals((float) (2 * XentObjective.MIN_HESSIAN), both.get(1)[0]); // exact Hessian < 0 at z = 8
        assertTrue(both.get(1)[1] > 1e-3);
        assertEquals(0f, both.get(0)[2]);
        assertEquals(0f, both.get(1)[2]);
        assertTrue(both.get(0)[0] < 0, "pushes the margin up towards the label");
    }

    @Test
    void layoutMismatchesAndContradictoryParametersAreOneLineErrors() throws XGBoostError {
        DMatrix binary = matrix(new float[] {0, 1}, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> XentObjective.of("bce", Map.of()).getGradient(new float[][] {{0, 1}, {1, 0}}, binary));
        assertEquals("binary_cross_entropy scores one margin per row, but XGBoost gives 2 (num_class is set):"
                + " use a class-wise loss such as categorical_cross_entropy", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> XentObjective.of("cce", Map.of()).getGradient(new float[][] {{0}, {1}}, binary));
        assertTrue(e.getMessage().startsWith("categorical_cross_entropy is class-wise and needs one prediction per"
                + " class, but XGBoost gives 1 per row: set num_class"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> XentObjective.of("bce", Map.of("reduction", "mean")));
        assertEquals("binary_cross_entropy: reduction = mean is not allowed here (XGBoost's objective takes the"
                + " per-row derivatives of the loss on raw margins); leave it out or set it to sum", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> XentObjective.of("bce", Map.of("from_logits", false)));
        assertTrue(e.getMessage().startsWith("binary_cross_entropy: from_logits = false is not allowed here"),
                e.getMessage());
        assertThrows(dev.xent.core.UnknownLossException.class, () -> XentObjective.of("no_such_loss", Map.of()));
    }

    @Test
    void baseScoresAreTheInterceptsTheBuiltInObjectivesEstimate() throws XGBoostError {
        assertEquals(Math.log(3.0), XentObjective.logisticBaseScore(matrix(new float[] {1, 1, 1, 0}, null)), 1e-15);
        assertEquals(Math.log(3.0), XentObjective.logisticBaseScore(matrix(new float[] {1, 0}, new float[] {3, 1})),
                1e-15);
        String vector = XentObjective.softmaxBaseScore(matrix(new float[] {0, 1, 2, 2}, null), 3);
        double third = Math.log(2) / 3;
        assertEquals("[" + -third + "," + -third + "," + (Math.log(2) - third) + "]", vector);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> XentObjective.logisticBaseScore(matrix(new float[] {0, 0}, null)));
        assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
    }

    @Test
    void objectiveSurvivesJavaSerializationAsXGBoost4JsInterfacesRequire() throws Exception {
        XentObjective objective = XentObjective.of("focal", Map.of("gamma", 1.0));
        XentObjective copy = roundTrip(objective);
        float[][] margins = {{0.3f}, {-1.2f}};
        DMatrix data = matrix(new float[] {1, 0}, null);
        assertArrayEquals(objective.getGradient(margins, data).get(1), copy.getGradient(margins, data).get(1));
        assertEquals(objective.loss().parameters(), copy.loss().parameters());
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
