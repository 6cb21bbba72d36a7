package dev.xent.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.Test;

/** The metric adapter: margins and probabilities give the same value, weights count, XGBoost agrees. */
class XentMetricTest {

    private static double[] doubles(float[][] column) {
        double[] out = new double[column.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = column[i][0];
        }
        return out;
    }

    @Test
    void marginsAndProbabilitiesOfABinaryLogisticBoosterGiveXGBoostsOwnLogLoss() throws XGBoostError {
        TestData.Split data = TestData.breastCancer();
        Map<String, Object> parameters = CustomObjectiveReproducesBuiltInTest.treeParameters();
        parameters.put("objective", "binary:logistic");
        parameters.put("eval_metric", "logloss");
        Booster booster = CustomObjectiveReproducesBuiltInTest.train(data.train(), parameters, null);
        XentMetric onProbabilities = XentMetric.of("log_loss", Map.of(), XentMetric.Predictions.PROBABILITIES);
        XentMetric onMargins = XentMetric.of("log_loss", Map.of(), XentMetric.Predictions.MARGINS);
        double fromProbabilities = onProbabilities.value(booster.predict(data.test()), data.test());
        double fromMargins = onMargins.value(booster.predict(data.test(), true), data.test());
        assertEquals(fromMargins, fromProbabilities, 1e-6 * fromMargins);
        String xgboost = booster.evalSet(new DMatrix[] {data.test()}, new String[] {"test"}, 0);
        double builtIn = Double.parseDouble(xgboost.substring(xgboost.indexOf("test-logloss:") + 13).trim());
        assertEquals(builtIn, fromMargins, 1e-5, xgboost);
        assertEquals("binary_cross_entropy", onMargins.getMetric());
        // Through XGBoost4J's custom-metric call, which passes predict(data): probabilities here.
        float[] out = new float[1];
        booster.evalSet(new DMatrix[] {data.test()}, new String[] {"test"}, onProbabilities, out);
        assertEquals(fromProbabilities, out[0], 1e-6);
    }

    @Test
    void dMatrixWeightsAreTheLossesSampleWeights() throws XGBoostError {
        TestData.Split data = TestData.breastCancer();
        float[] weights = new float[data.testLabels().length];
        double[] w = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 0.5f + (i % 4);
            w[i] = weights[i];
        }
        data.test().setWeight(weights);
        Map<String, Object> parameters = CustomObjectiveReproducesBuiltInTest.treeParameters();
        Booster booster = XGBoost.train(data.train(), parameters, 5, Map.of(),
                XentObjective.of("focal", Map.of()), null);
        float[][] margins = booster.predict(data.test(), true);
        Map<String, Object> focal = Map.of("gamma", 1.5);
        double metric = XentMetric.of("focal", focal, XentMetric.Predictions.MARGINS).value(margins, data.test());
        double[] labels = new double[weights.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.testLabels()[i];
        }
        double direct = Losses.create("focal", Map.of("gamma", 1.5, "from_logits", true))
                .value(Tensor.of(doubles(margins)), Tensor.of(labels), Tensor.of(w));
        assertEquals(direct, metric, 0.0);
        double unweighted = Losses.create("focal", Map.of("gamma", 1.5, "from_logits", true))
                .value(Tensor.of(doubles(margins)), Tensor.of(labels));
        assertTrue(Math.abs(unweighted - metric) > 1e-6 * metric, "weights changed nothing");
    }

    @Test
    void classWiseMetricOnSoftprobProbabilitiesEqualsItOnMargins() throws XGBoostError {
        TestData.Split data = TestData.iris();
        Map<String, Object> parameters = CustomObjectiveReproducesBuiltInTest.treeParameters();
        parameters.put("objective", "multi:softprob");
        parameters.put("num_class", 3);
        Booster booster = XGBoost.train(data.train(), parameters, 5, Map.of(), null, null);
        Map<String, Object> smoothing = Map.of("label_smoothing", 0.1);
        double fromProbabilities = XentMetric.of("cce", smoothing, XentMetric.Predictions.PROBABILITIES)
                .value(booster.predict(data.test()), data.test());
        double fromMargins = XentMetric.of("cce", smoothing, XentMetric.Predictions.MARGINS)
                .value(booster.predict(data.test(), true), data.test());
        assertEquals(fromMargins, fromProbabilities, 1e-6 * fromMargins);
    }

    @Test
    void classLabelsFromMultiSoftmaxAndContradictoryParametersAreClearErrors() throws XGBoostError {
        TestData.Split data = TestData.iris();
        XentMetric cce = XentMetric.of("cce", Map.of(), XentMetric.Predictions.PROBABILITIES);
        float[][] labels = new float[data.testLabels().length][1];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cce.value(labels, data.test()));
        assertTrue(e.getMessage().contains("multi:softmax"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> XentMetric.of("bce", Map.of("from_logits", true), XentMetric.Predictions.PROBABILITIES));
        assertEquals("binary_cross_entropy: from_logits = true is not allowed here (the metric is given"
                + " probabilities); leave it out or set it to false", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> XentMetric.of("bce", Map.of("reduction", "none"), XentMetric.Predictions.MARGINS));
        assertTrue(e.getMessage().contains("reduction none"), e.getMessage());
    }
}
