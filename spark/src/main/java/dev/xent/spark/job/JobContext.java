package dev.xent.spark.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.core.DuplicateLossException;
import dev.xent.core.UnknownLossException;
import dev.xent.core.spi.ParameterException;
import dev.xent.spark.LossSpec;
import dev.xent.spark.ValueKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** What the tasks share: the session, the job file's folder, loss creation, reading data, writing outputs. */
final class JobContext {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SparkSession spark;
    private final Path folder;

    JobContext(SparkSession spark, Path jobFile) {
        this.spark = spark;
        this.folder = jobFile.toAbsolutePath().getParent();
    }

    SparkSession spark() {
        return spark;
    }

    /** The loss of a {@code loss} section, with parameters the task adds; errors name the JSON path. */
    LossSpec loss(Section section, Function<LossSpec, LossSpec> adapt) {
        section.allowOnly("name", "params");
        String name = section.string("name");
        Section params = section.optionalObject("params");
        Map<String, Object> values = new LinkedHashMap<>(params.plainEntries());
        try {
            return adapt.apply(LossSpec.of(name, values));
        } catch (ParameterException e) {
            throw new JobException(params.pathOf(e.parameter()) + ": " + e.getMessage(), e);
        } catch (UnknownLossException | DuplicateLossException e) {
            throw new JobException(section.pathOf("name") + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new JobException(section.path() + ": " + e.getMessage(), e);
        }
    }

    /** A data path: URIs with a scheme (hdfs:, s3a:, file:) as given; other paths against the job file's folder. */
    String dataPath(String path) {
        if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && URI.create(path).getScheme() != null) {
            return path;
        }
        return folder.resolve(path).normalize().toString();
    }

    /** {@code data.path} read as {@code data.format}: parquet, or csv with a header (types inferred). */
    Dataset<Row> read(Section data) {
        String path = dataPath(data.string("path"));
        String format = data.optionalString("format", path.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? "csv" : "parquet");
        try {
            return switch (format) {
                case "parquet" -> spark.read().parquet(path);
                case "csv" -> spark.read().option("header", "true").option("inferSchema", "true").csv(path);
                default -> throw new JobException(data.pathOf("format") + ": unknown format '" + format
                        + "' (allowed: parquet, csv)");
            };
        } catch (JobException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new JobException(data.pathOf("path") + ": cannot read " + path + " as " + format + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    /** Checks that {@code column} exists, naming the job field and the columns present. */
    static void requireColumn(StructType schema, String column, Section section, String key) {
        try {
            ValueKind.field(schema, column);
        } catch (IllegalArgumentException e) {
            throw new JobException(section.pathOf(key) + ": " + e.getMessage(), e);
        }
    }

    /** An output file against the job file's folder; its folder must exist. */
    Path output(Section output, String key) {
        String name = output.optionalString(key, null);
        if (name == null) {
            return null;
        }
        Path file = folder.resolve(name).normalize();
        Path parent = file.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new JobException(output.pathOf(key) + ": cannot create folder " + parent + " (" + e.getMessage() + ")", e);
        }
        return file;
    }

    /** Writes JSON to a temporary file in the target folder, then renames it: never a half-written file. */
    static void writeJson(Path file, ObjectNode json) {
        try {
            Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                JSON.writeValue(temporary.toFile(), json);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static ObjectNode outputs(Map<String, Path> files) {
        ObjectNode out = JSON.createObjectNode();
        files.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v.toString());
            }
        });
        return out;
    }

    static String wrote(List<Path> files) {
        return "wrote " + String.join(", ", files.stream().map(Path::toString).toList());
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
