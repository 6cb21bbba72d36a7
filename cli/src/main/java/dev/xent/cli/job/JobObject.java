package dev.xent.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.BadInputException;
import dev.xent.core.ClosestName;
import dev.xent.core.spi.NumberRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One JSON object of a job file, read with its JSON path ({@code $.data}) so that every error names
 * where it is: {@code $.data.pathh: unknown key 'pathh'; did you mean 'path'?}. Relative file paths
 * resolve against the job file's folder. Every problem throws {@link BadInputException} (exit 2).
 */
public final class JobObject {
    private final ObjectNode node;
    private final String path;
    private final Path baseDirectory;
    private final JobInputs inputs;

    JobObject(ObjectNode node, String path, Path baseDirectory, JobInputs inputs) {
        this.node = node;
        this.path = path;
        this.baseDirectory = baseDirectory;
        this.inputs = inputs;
    }

    /** This object's JSON path, e.g. {@code $.data}. */
    public String path() {
        return path;
    }

    /** The JSON path of one of its keys, e.g. {@code $.data.path}. */
    public String pathOf(String key) {
        return path + "." + key;
    }

    /** The folder relative paths resolve against (the job file's folder). */
    public Path baseDirectory() {
        return baseDirectory;
    }

    /** The underlying JSON (read-only use), e.g. to copy a section into a report. */
    public ObjectNode json() {
        return node.deepCopy();
    }

    /**
     * Rejects any key not in {@code allowed}, naming it with its JSON path and the closest allowed key.
     *
     * @return this, for chaining
     */
    public JobObject allowOnly(String... allowed) {
        List<String> keys = Arrays.asList(allowed);
        node.fieldNames().forEachRemaining(key -> {
            if (!keys.contains(key)) {
                String hint = ClosestName.of(key, keys).map(n -> "; did you mean '" + n + "'?").orElse("");
                throw new BadInputException(pathOf(key) + ": unknown key '" + key + "'" + hint
                        + " (allowed here: " + String.join(", ", keys) + ")");
            }
        });
        return this;
    }

    /** Whether the key is present and not null. */
    public boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** A required string. */
    public String string(String key) {
        JsonNode value = require(key);
        if (!value.isTextual()) {
            throw wrongType(key, value, "a string");
        }
        return value.textValue();
    }

    /** An optional string. */
    public Optional<String> optionalString(String key) {
        return has(key) ? Optional.of(string(key)) : Optional.empty();
    }

    /** A string, or the default when absent. */
    public String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    /** A string that must be one of {@code choices}. */
    public String choice(String key, String defaultValue, List<String> choices) {
        String value = string(key, defaultValue);
        if (!choices.contains(value)) {
            String hint = ClosestName.of(value, choices).map(n -> "; did you mean '" + n + "'?").orElse("");
            throw new BadInputException(pathOf(key) + ": '" + value + "' is not allowed" + hint + " (allowed: "
                    + String.join(", ", choices) + ")");
        }
        return value;
    }

    /** A required number in {@code range}. */
    public double number(String key, NumberRange range) {
        JsonNode value = require(key);
        if (!value.isNumber()) {
            throw wrongType(key, value, "a number");
        }
        double v = value.doubleValue();
        if (!range.contains(v)) {
            throw new BadInputException(pathOf(key) + ": " + value + " is out of range; allowed: " + range);
        }
        return v;
    }

    /** A number in {@code range}, or the default when absent. */
    public double number(String key, double defaultValue, NumberRange range) {
        return has(key) ? number(key, range) : defaultValue;
    }

    /** A required whole number in {@code [min, max]}. */
    public int integer(String key, int min, int max) {
        JsonNode value = require(key);
        if (!value.isNumber() || value.doubleValue() != Math.rint(value.doubleValue())) {
            throw wrongType(key, value, "a whole number");
        }
        double v = value.doubleValue();
        if (v < min || v > max) {
            throw new BadInputException(pathOf(key) + ": " + value + " is out of range; allowed: [" + min + ", "
                    + max + "]");
        }
        return (int) v;
    }

    /** A whole number in {@code [min, max]}, or the default when absent. */
    public int integer(String key, int defaultValue, int min, int max) {
        return has(key) ? integer(key, min, max) : defaultValue;
    }

    /** A whole number (64-bit), or the default when absent; used for seeds. */
    public long longInteger(String key, long defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        JsonNode value = node.get(key);
        if (!value.isIntegralNumber()) {
            throw wrongType(key, value, "a whole number");
        }
        if (!value.canConvertToLong()) {
            throw new BadInputException(pathOf(key) + ": " + value + " is out of range; allowed: 64-bit whole numbers, ["
                    + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]");
        }
        return value.longValue();
    }

    /** A boolean, or the default when absent. */
    public boolean bool(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        JsonNode value = node.get(key);
        if (!value.isBoolean()) {
            throw wrongType(key, value, "true or false");
        }
        return value.booleanValue();
    }

    /** A required nested object. */
    public JobObject object(String key) {
        JsonNode value = require(key);
        if (!value.isObject()) {
            throw wrongType(key, value, "an object");
        }
        return new JobObject((ObjectNode) value, pathOf(key), baseDirectory, inputs);
    }

    /** A nested object, or an empty one when absent (so optional sections read like present ones). */
    public JobObject optionalObject(String key) {
        return has(key) ? object(key) : new JobObject(node.objectNode(), pathOf(key), baseDirectory, inputs);
    }

    /** One string or a list of strings (at least one), e.g. {@code "p"} or {@code ["p0", "p1"]}. */
    public List<String> strings(String key) {
        JsonNode value = require(key);
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        if (!value.isArray() || value.isEmpty()) {
            throw wrongType(key, value, "a string or a non-empty list of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw new BadInputException(pathOf(key) + "[" + i + "]: " + item + " is not a string");
            }
            out.add(item.textValue());
        }
        return List.copyOf(out);
    }

    /** As {@link #strings(String)}, empty when absent. */
    public List<String> optionalStrings(String key) {
        return has(key) ? strings(key) : List.of();
    }

    /** A list of whole numbers in {@code [min, max]}; empty list allowed; the default when absent. */
    public List<Integer> integers(String key, List<Integer> defaultValue, int min, int max) {
        if (!has(key)) {
            return defaultValue;
        }
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            throw wrongType(key, value, "a list of whole numbers");
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isNumber() || item.doubleValue() != Math.rint(item.doubleValue())
                    || item.doubleValue() < min || item.doubleValue() > max) {
                throw new BadInputException(pathOf(key) + "[" + i + "]: " + item + " is not a whole number in ["
                        + min + ", " + max + "]");
            }
            out.add(item.intValue());
        }
        return List.copyOf(out);
    }

    /**
     * A required input file, resolved against the job's folder; it must exist and be readable. It
     * joins the job's {@link JobInputs}, which no output may replace.
     */
    public Path inputFile(String key) {
        Path file = resolve(string(key));
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(pathOf(key) + ": file not found: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new BadInputException(pathOf(key) + ": file not readable: " + file);
        }
        inputs.add(file, "the input file of " + pathOf(key));
        return file;
    }

    /** The files the run reads (see {@link Job#inputs()}). */
    public JobInputs inputs() {
        return inputs;
    }

    /** An optional output file, resolved against the job's folder (not checked here: see OutputFiles). */
    public Optional<Path> outputFile(String key) {
        return optionalString(key).map(this::resolve);
    }

    /** The raw JSON of a key (null when absent). */
    public JsonNode raw(String key) {
        return node.get(key);
    }

    private Path resolve(String file) {
        if (file.isBlank()) {
            throw new BadInputException(path + ": a file name is empty");
        }
        return baseDirectory.resolve(file).normalize();
    }

    private JsonNode require(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new BadInputException(pathOf(key) + ": missing (required)");
        }
        return value;
    }

    private BadInputException wrongType(String key, JsonNode value, String expected) {
        return new BadInputException(pathOf(key) + ": " + value + " has the wrong type; expected " + expected);
    }
}
