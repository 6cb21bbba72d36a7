package dev.xent.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.IObjective;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.Test;

/**
 * The custom objectives against XGBoost's own on real data: the same trees, so the same margins
 * (to 1e-5; both compute in float, the custom one rounds double results once).
 */
class CustomObjectiveReproducesBuiltInTest {
    private static final int ROUNDS = 20;

    static Map<String, Object> treeParameters() {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("max_depth", 3);
        parameters.put("eta", 0.3);
        parameters.put("nthread", 1);
        parameters.put("seed", 0);
        parameters.put("verbosity", 0);
        return parameters;
    }

    static Booster train(DMatrix data, Map<String, Object> parameters, IObjective objective) throws XGBoostError {
        return XGBoost.train(data, parameters, ROUNDS, Map.of(), objective, null);
    }

    private static void assertSameMargins(float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length);
        double largest = 0;
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual[r].length);
            for (int c = 0; c < expected[r].length; c++) {
                largest = Math.max(largest, Math.abs(expected[r][c] - actual[r][c]));
            }
        }
        assertTrue(largest <= 1e-5, "largest margin difference " + largest);
    }

    /** Boosters trained on {@code data.train()} with binary:logistic and with the custom BCE objective. */
    private static Booster[] binaryLogisticAndCustomBinaryCrossEntropy(TestData.Split data) throws XGBoostError {
        Map<String, Object> builtIn = treeParameters();
        builtIn.put("objective", "binary:logistic");
        Map<String, Object> custom = treeParameters();
        custom.put("base_score", XentObjective.logisticBaseScore(data.train()));
        return new Booster[] {train(data.train(), builtIn, null),
                train(data.train(), custom, XentObjective.of("binary_cross_entropy", Map.of()))};
    }

    @Test
    void binaryCrossEntropyObjectiveReproducesBinaryLogisticMarginsOnBreastCancer() throws XGBoostError {
        TestData.Split data = TestData.breastCancer();
        Booster[] boosters = binaryLogisticAndCustomBinaryCrossEntropy(data);
        assertSameMargins(boosters[0].predict(data.test(), true), boosters[1].predict(data.test(), true));
        assertSameMargins(boosters[0].predict(data.train(), true), boosters[1].predict(data.train(), true));
    }

    @Test
    void sampleWeightsFromTheDMatrixAreHonouredAsBinaryLogisticHonoursThem() throws XGBoostError {
        TestData.Split data = TestData.breastCancer();
        float[] weights = new float[data.trainLabels().length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = data.trainLabels()[i] == 1 ? 3.0f : 0.5f + (i % 3) * 0.25f; // class and row weights
        }
        data.train().setWeight(weights);
        Booster[] weighted = binaryLogisticAndCustomBinaryCrossEntropy(data);
        assertSameMargins(weighted[0].predict(data.test(), true), weighted[1].predict(data.test(), true));
        Booster unweighted = binaryLogisticAndCustomBinaryCrossEntropy(TestData.breastCancer())[1];
        float[][] a = unweighted.predict(data.test(), true);
        float[][] b = weighted[1].predict(data.test(), true);
        double largest = 0;
        for (int r = 0; r < a.length; r++) {
            largest = Math.max(largest, Math.abs(a[r][0] - b[r][0]));
        }
        assertTrue(largest > 0.1, "the weights changed nothing: " + largest);
    }

    @Test
    void softmaxCrossEntropyObjectiveReproducesMultiSoftprobMarginsOnIrisWithAndWithoutWeights() throws XGBoostError {
        for (boolean weighted : new boolean[] {false, true}) {
            TestData.Split data = TestData.iris();
            if (weighted) {
                float[] weights = new float[data.trainLabels().length];
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = data.trainLabels()[i] == 0 ? 5.0f : 1.0f + (i % 2);
                }
                data.train().setWeight(weights);
            }
            Map<String, Object> builtIn = treeParameters();
            builtIn.put("objective", "multi:softprob");
            builtIn.put("num_class", 3);
            Map<String, Object> custom = treeParameters();
            custom.put("num_class", 3);
            custom.put("base_score", XentObjective.softmaxBaseScore(data.train(), 3));
            Booster expected = train(data.train(), builtIn, null);
            Booster actual = train(data.train(), custom, XentObjective.of("categorical_cross_entropy", Map.of()));
            assertSameMargins(expected.predict(data.test(), true), actual.predict(data.test(), true));
        }
    }
}
