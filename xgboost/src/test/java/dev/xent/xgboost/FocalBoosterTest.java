package dev.xent.xgboost;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.Test;

/** Focal loss for boosting, on held-out breast cancer rows. */
class FocalBoosterTest {

    @Test
    void focalBoosterHasALowerHeldOutFocalLossThanTheCrossEntropyBooster() throws XGBoostError {
        TestData.Split data = TestData.breastCancer();
        Map<String, Object> focalParameters = Map.of("gamma", 2.0, "alpha", 0.25);
        Map<String, Object> parameters = CustomObjectiveReproducesBuiltInTest.treeParameters();
        parameters.put("base_score", XentObjective.logisticBaseScore(data.train()));
        Booster focal = CustomObjectiveReproducesBuiltInTest.train(data.train(), parameters,
                XentObjective.of("binary_focal_cross_entropy", focalParameters));
        Booster crossEntropy = CustomObjectiveReproducesBuiltInTest.train(data.train(), parameters,
                XentObjective.of("binary_cross_entropy", Map.of()));
        XentMetric heldOutFocal = XentMetric.of("binary_focal_cross_entropy", focalParameters,
                XentMetric.Predictions.MARGINS);
        double focalBooster = heldOutFocal.value(focal.predict(data.test()), data.test());
        double crossEntropyBooster = heldOutFocal.value(crossEntropy.predict(data.test()), data.test());
        assertTrue(focalBooster < crossEntropyBooster,
                "held-out focal loss: focal booster " + focalBooster + ", cross-entropy booster " + crossEntropyBooster);
        double accuracy = accuracy(focal.predict(data.test(), true), data.testLabels());
        assertTrue(accuracy > 0.9, "held-out accuracy of the focal booster " + accuracy);
    }

    private static double accuracy(float[][] margins, float[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += (margins[i][0] > 0) == (labels[i] == 1) ? 1 : 0;
        }
        return right / (double) labels.length;
    }
}
