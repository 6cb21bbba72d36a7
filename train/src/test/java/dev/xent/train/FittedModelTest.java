package dev.xent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xent.core.Tensor;
import dev.xent.core.numeric.StableMath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FittedModelTest {

    /** Applies the model file's recipe (documented in FittedModel#toJson) to one raw row. */
    @SuppressWarnings("unchecked")
    private static double[] logitsFromJson(Map<String, Object> json, Dataset raw, int row) {
        Map<String, Object> standard = (Map<String, Object>) json.get("standardization");
        double[] mean = (double[]) standard.get("mean");
        double[] scale = (double[]) standard.get("scale");
        double[] h = new double[raw.featureCount()];
        for (int c = 0; c < h.length; c++) {
            h[c] = (raw.feature(row, c) - mean[c]) / scale[c];
        }
        List<Map<String, Object>> layers = (List<Map<String, Object>>) json.get("layers");
        for (int l = 0; l < layers.size(); l++) {
            double[][] w = (double[][]) layers.get(l).get("weights");
            double[] b = (double[]) layers.get(l).get("bias");
            double[] next = b.clone();
            for (int i = 0; i < h.length; i++) {
                for (int j = 0; j < next.length; j++) {
                    next[j] += h[i] * w[i][j];
                }
            }
            if (l < layers.size() - 1) {
                for (int j = 0; j < next.length; j++) {
                    next[j] = json.get("activation").equals("relu") ? Math.max(0, next[j]) : StableMath.tanh(next[j]);
                }
            }
            h = next;
        }
        return h;
    }

    @Test
    void theModelFileReproducesTheTrainedNetworkOnRawRows() {
        Dataset iris = TestData.load("iris.csv");
        TrainingSpec spec = TrainingSpec.builder(TestLosses.softmaxOnLogits()).mlp(Activation.RELU, 5)
                .epochs(5).seed(2).build();
        FittedModel model = Trainer.fit(iris, spec);
        Map<String, Object> json = model.toJson();
        assertEquals("mlp", json.get("type"));
        assertEquals(List.of("setosa", "versicolor", "virginica"), json.get("classes"));
        Tensor expected = model.network().logits(model.result().parameters(),
                Batch.of(model.model().standardization().apply(iris), false).features());
        for (int r = 0; r < iris.rows(); r += 7) {
            double[] actual = logitsFromJson(json, iris, r);
            for (int c = 0; c < 3; c++) {
                assertEquals(expected.get(r, c), actual[c], 1e-12);
            }
        }
    }
}
