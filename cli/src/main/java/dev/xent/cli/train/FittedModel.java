package dev.xent.cli.train;

import dev.xent.core.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained network with what is needed to apply it to raw rows: the feature names in order, the
 * standardisation, the class labels, how many rows were held out for validation, and the result of
 * training.
 */
public record FittedModel(Network network, Standardization standardization, List<String> featureNames,
                          List<String> classes, int validationRows, TrainingResult result) {

    /**
     * The model file's content (format {@code xent-model/1}), ready for a JSON writer. To predict for
     * a raw row x: {@code z = (x - mean) / scale}; then per layer {@code h = h W + b}, with the
     * activation after every layer but the last; the last layer gives logits: one logit for a binary
     * target (sigmoid gives the probability of {@code classes[1]}), else one per class (softmax).
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "xent-model/1");
        json.put("type", network.layerCount() == 1 ? "linear" : "mlp");
        if (network.activation() != null) {
            json.put("activation", network.activation().jsonName());
        }
        json.put("features", featureNames);
        json.put("classes", classes);
        json.put("output", network.outputs() == 1 ? "logit of classes[1]" : "one logit per class");
        Map<String, Object> standard = new LinkedHashMap<>();
        standard.put("mean", standardization.mean());
        standard.put("scale", standardization.scale());
        json.put("standardization", standard);
        List<Map<String, Object>> layers = new ArrayList<>();
        double[] params = result.parameters();
        for (int l = 0; l < network.layerCount(); l++) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("weights", rows(network.weights(params, l)));
            layer.put("bias", network.bias(params, l).toArray());
            layers.add(layer);
        }
        json.put("layers", layers);
        return json;
    }

    private static double[][] rows(Tensor matrix) {
        int columns = matrix.dim(1);
        double[][] rows = new double[matrix.dim(0)][columns];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < columns; c++) {
                rows[r][c] = matrix.getFlat(r * columns + c);
            }
        }
        return rows;
    }
}
