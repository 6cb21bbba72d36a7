package dev.xent.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xent.core.Tensor;
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
                    next[j] = json.get("activation").equals("relu") ? Math.max(0, next[j]) : Math.tanh(next[j]);
                }
            }
            h = next;
        }
        return h;
    }

    @Test
    void theModelFileReproducesTheTrainedNetworkOnRawRows() {
        Dataset iris = TestData.load("iris.csv");
        Optimizer adam = Optimizer.ADAM;
        TrainingSpec spec = new TrainingSpec(true, 0, new int[] {5}, Activation.RELU, TestLosses.softmaxOnLogits(),
                adam, adam.resolve(Map.of()), new TrainingOptions(5, 0, 0, 2, null));
        FittedModel model = TrainingRun.fit(iris, spec, EpochListener.NONE);
        Map<String, Object> json = model.toJson();
        assertEquals("mlp", json.get("type"));
        assertEquals(List.of("setosa", "versicolor", "virginica"), json.get("classes"));
        Tensor expected = model.network().logits(model.result().parameters(),
                Batch.of(model.standardization().apply(iris), false).features());
        for (int r = 0; r < iris.rows(); r += 7) {
            double[] actual = logitsFromJson(json, iris, r);
            for (int c = 0; c < 3; c++) {
                assertEquals(expected.get(r, c), actual[c], 1e-12);
            }
        }
    }

    @Test
    void numericClassLabelsSortAsNumbersAndMergeEqualValues() {
        ClassLabels labels = ClassLabels.found(List.of("10", "2", "1.0", "1", "0"));
        assertEquals(List.of("0", "1", "2", "10"), labels.classes());
        assertEquals(1, labels.indexOf("1.0"));
        assertEquals(-1, labels.indexOf("3"));
        assertEquals(List.of("a", "b"), ClassLabels.found(List.of("b", "a", "b")).classes());
        assertEquals(-1, ClassLabels.given(List.of("no", "yes")).indexOf("maybe"));
    }
}
