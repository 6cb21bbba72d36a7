package dev.xent.cli.job;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.xent.cli.BadInputException;
import dev.xent.cli.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A job file after {@code --set} overrides: its root object (JSON path {@code $}), its task name and
 * its folder.
 */
public final class Job {
    /** Reads decimals as BigDecimal, so that {@link JobNumbers} sees their exact values. */
    private static final ObjectReader EXACT_NUMBERS = Json.MAPPER.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Path file;
    private final JobObject root;
    private final JobInputs inputs = new JobInputs();

    private Job(Path file, ObjectNode json) {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        this.root = new JobObject(json, "$", parent, inputs);
        inputs.add(file, "the job file");
    }

    /** The job file name that means standard input ({@code xent run -}). */
    public static final String STANDARD_INPUT = "-";

    /**
     * Reads a job file, or standard input for {@value #STANDARD_INPUT} (relative paths then resolve
     * against the working folder), and applies overrides {@code key.path=value} (the value is parsed
     * as JSON when it parses, else taken as a string).
     *
     * @throws BadInputException for a missing file, malformed JSON (with line and column), a root that
     *                           is not an object, or a malformed override
     */
    public static Job read(Path file, List<String> overrides) {
        boolean standardInput = file.toString().equals(STANDARD_INPUT);
        String name = standardInput ? "(standard input)" : file.toString();
        if (!standardInput && !Files.isRegularFile(file)) {
            throw new BadInputException("job file not found: " + file);
        }
        JsonNode json;
        try (InputStream in = standardInput ? System.in : Files.newInputStream(file)) {
            json = EXACT_NUMBERS.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new BadInputException(name + ": malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BadInputException("cannot read job file " + name + ": " + e.getMessage(), e);
        }
        if (json == null || json.isMissingNode()) {
            throw new BadInputException(name + ": the job file is empty");
        }
        if (!json.isObject()) {
            throw new BadInputException(name + ": a job must be a JSON object; found " + json.getNodeType()
                    .toString().toLowerCase(java.util.Locale.ROOT));
        }
        ObjectNode root = (ObjectNode) json;
        overrides.forEach(override -> apply(root, override));
        JobNumbers.toDoubles(root, "$");
        return new Job(file, root);
    }

    /** Applies one {@code a.b.c=value} override, creating missing objects along the path. */
    static void apply(ObjectNode root, String override) {
        int equals = override.indexOf('=');
        if (equals <= 0) {
            throw new BadInputException("--set " + override + ": expected key.path=value");
        }
        String[] keys = override.substring(0, equals).split("\\.", -1);
        String text = override.substring(equals + 1);
        ObjectNode target = root;
        StringBuilder path = new StringBuilder("$");
        for (int i = 0; i < keys.length; i++) {
            String key = keys[i];
            if (key.isEmpty()) {
                throw new BadInputException("--set " + override + ": empty key in the path");
            }
            path.append('.').append(key);
            if (i == keys.length - 1) {
                target.set(key, parseValue(text));
            } else {
                JsonNode next = target.get(key);
                if (next == null || next.isNull()) {
                    next = target.putObject(key);
                } else if (!next.isObject()) {
                    throw new BadInputException("--set " + override + ": " + path + " is not an object");
                }
                target = (ObjectNode) next;
            }
        }
    }

    private static JsonNode parseValue(String text) {
        try {
            return EXACT_NUMBERS.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    /** The job file as given. */
    public Path file() {
        return file;
    }

    /** The files the run reads (the job file, its input files, plugin jars): no output may replace one. */
    public JobInputs inputs() {
        return inputs;
    }

    /** The root object, JSON path {@code $}. */
    public JobObject root() {
        return root;
    }

    /** The value of {@code $.task} (required). */
    public String task() {
        return root.string("task");
    }
}
