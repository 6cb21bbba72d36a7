package dev.xent.spark.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An object of a job file with its JSON path ({@code $.data}), read like the CLI reads jobs: unknown
 * keys, missing required keys and wrong types are errors naming the path.
 */
final class Section {
    private final ObjectNode json;
    private final String path;

    Section(ObjectNode json, String path) {
        this.json = json;
        this.path = path;
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path + "." + key;
    }

    /** Checks that every key is one of {@code allowed}. */
    Section allowOnly(String... allowed) {
        List<String> keys = Arrays.asList(allowed);
        json.fieldNames().forEachRemaining(key -> {
            if (!keys.contains(key)) {
                throw new JobException(pathOf(key) + ": unknown key '" + key + "' (allowed here: "
                        + String.join(", ", allowed) + ")");
            }
        });
        return this;
    }

    boolean has(String key) {
        return json.has(key) && !json.get(key).isNull();
    }

    Section object(String key) {
        if (!has(key)) {
            throw new JobException(pathOf(key) + ": missing (required)");
        }
        return optionalObject(key);
    }

    /** The object at {@code key}, or an empty one. */
    Section optionalObject(String key) {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            return new Section(json.objectNode(), pathOf(key));
        }
        if (!node.isObject()) {
            throw new JobException(pathOf(key) + ": expected an object, got " + node);
        }
        return new Section((ObjectNode) node, pathOf(key));
    }

    String string(String key) {
        if (!has(key)) {
            throw new JobException(pathOf(key) + ": missing (required)");
        }
        return optionalString(key, null);
    }

    String optionalString(String key, String fallback) {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw new JobException(pathOf(key) + ": expected a string, got " + node);
        }
        return node.asText();
    }

    /** A string or a list of strings. */
    List<String> strings(String key) {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new JobException(pathOf(key) + ": expected a string or a non-empty list of strings, got " + node);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new JobException(pathOf(key) + ": expected strings in the list, got " + item);
            }
            out.add(item.asText());
        }
        return out;
    }

    double number(String key, double fallback) {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw new JobException(pathOf(key) + ": expected a number, got " + node);
        }
        return node.doubleValue();
    }

    int integer(String key, int fallback) {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !(node.isIntegralNumber() || node.doubleValue() == Math.rint(node.doubleValue()))) {
            throw new JobException(pathOf(key) + ": expected a whole number, got " + node);
        }
        return node.asInt();
    }

    boolean bool(String key, boolean fallback) {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new JobException(pathOf(key) + ": expected true or false, got " + node);
        }
        return node.asBoolean();
    }

    /** Every entry as plain Java values (for loss parameters and Spark configuration). */
    Map<String, Object> plainEntries() {
        Map<String, Object> out = new LinkedHashMap<>();
        json.properties().forEach(e -> out.put(e.getKey(), dev.xent.spark.LossSpec.plainJson(e.getValue())));
        return out;
    }
}
