package dev.xent.train;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.xent.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model file, format {@code xent-model/1}: a JSON object with {@code format}, {@code type}
 * ({@code linear} or {@code mlp}), {@code activation} (mlp only), {@code features}, {@code classes},
 * {@code output}, {@code standardization} ({@code mean}, {@code scale}) and {@code layers}, each with
 * {@code weights} ({@code in} rows of {@code out} values) and {@code bias}. To predict for a raw row
 * x: {@code z = (x - mean) / scale}; then per layer {@code h = h W + b}, with the activation after
 * every layer but the last; the last layer gives logits: one logit for a binary target (sigmoid gives
 * the probability of {@code classes[1]}), else one per class (softmax); or, for a model without
 * classes, the loss's real prediction.
 */
public final class ModelFile {
    /** The value of the {@code format} field. */
    public static final String FORMAT = "xent-model/1";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFile() {
    }

    /** The file's content as maps, lists, strings and numbers, ready for a JSON writer. */
    public static Map<String, Object> toJson(Model model) {
        Network network = model.network();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("type", network.layerCount() == 1 ? "linear" : "mlp");
        if (network.activation() != null) {
            json.put("activation", network.activation().jsonName());
        }
        json.put("features", model.featureNames());
        json.put("classes", model.classes());
        json.put("output", model.classes().isEmpty() ? "the loss's prediction"
                : network.outputs() == 1 ? "logit of classes[1]" : "one logit per class");
        Map<String, Object> standard = new LinkedHashMap<>();
        standard.put("mean", model.standardization().mean());
        standard.put("scale", model.standardization().scale());
        json.put("standardization", standard);
        List<Map<String, Object>> layers = new ArrayList<>();
        double[] params = model.parameters();
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

    /** Writes the file through a temporary file in the same folder, so a failed write leaves no partial file. */
    static void save(Model model, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        try {
            MAPPER.writeValue(temporary.toFile(), toJson(model));
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static Model load(Path file) throws IOException {
        JsonNode root = MAPPER.readTree(file.toFile());
        String where = file + ": ";
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(where + "not a model file: its format is not " + FORMAT);
        }
        List<String> features = strings(root, "features", where);
        List<String> classes = strings(root, "classes", where);
        double[] mean = numbers(root.path("standardization"), "mean", where + "standardization.");
        double[] scale = numbers(root.path("standardization"), "scale", where + "standardization.");
        JsonNode layers = root.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new IllegalArgumentException(where + "layers must be a non-empty array");
        }
        int[] hidden = new int[layers.size() - 1];
        List<double[]> weights = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        int outputs = 0;
        for (int l = 0; l < layers.size(); l++) {
            String layerPath = where + "layers[" + l + "].";
            double[] bias = numbers(layers.get(l), "bias", layerPath);
            JsonNode rows = layers.get(l).path("weights");
            double[] w = new double[rows.size() * bias.length];
            for (int r = 0; r < rows.size(); r++) {
                double[] row = numbers(rows, r, layerPath + "weights");
                if (row.length != bias.length) {
                    throw new IllegalArgumentException(layerPath + "weights[" + r + "] has " + row.length
                            + " values; the bias has " + bias.length);
                }
                System.arraycopy(row, 0, w, r * bias.length, bias.length);
            }
            if (l < hidden.length) {
                hidden[l] = bias.length;
            }
            outputs = bias.length;
            weights.add(w);
            biases.add(bias);
        }
        Activation activation = hidden.length == 0 ? null : Activation.named(root.path("activation").asText());
        Network network = new Network(features.size(), hidden, activation, outputs);
        double[] params = new double[network.parameterCount()];
        int offset = 0;
        for (int l = 0; l < weights.size(); l++) {
            int expected = network.weights(params, l).size();
            if (weights.get(l).length != expected) {
                throw new IllegalArgumentException(where + "layers[" + l + "].weights has " + weights.get(l).length
                        + " values; the network's shape needs " + expected);
            }
            System.arraycopy(weights.get(l), 0, params, offset, expected);
            offset += expected;
            System.arraycopy(biases.get(l), 0, params, offset, biases.get(l).length);
            offset += biases.get(l).length;
        }
        return new Model(network, params, new Standardization(mean, scale), features, classes);
    }

    private static List<String> strings(JsonNode node, String field, String where) {
        JsonNode array = node.path(field);
        if (!array.isArray()) {
            throw new IllegalArgumentException(where + field + " must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static double[] numbers(JsonNode node, String field, String where) {
        return numbers(node.path(field), where + field);
    }

    private static double[] numbers(JsonNode array, int index, String where) {
        return numbers(array.path(index), where + "[" + index + "]");
    }

    private static double[] numbers(JsonNode array, String where) {
        if (!array.isArray()) {
            throw new IllegalArgumentException(where + " must be an array of numbers");
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new IllegalArgumentException(where + "[" + i + "] is not a number: " + array.get(i));
            }
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
