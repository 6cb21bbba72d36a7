package dev.xent.cli.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.BadInputException;
import dev.xent.cli.job.JobObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Output files written all-or-nothing: each file is written to a temporary file in its target folder
 * and renamed onto the target by {@link #commit()}; {@link #close()} deletes whatever was not
 * committed. So a failed run never leaves a half-written (or a partial set of) output files.
 * <pre>{@code
 * try (OutputFiles outputs = new OutputFiles()) {
 *     outputs.check(reportPath);                 // before any work: folder exists or can be made, is writable
 *     try (Writer w = outputs.writer(csvPath)) { ... }
 *     outputs.json(reportPath, report);
 *     outputs.commit();
 * }
 * }</pre>
 */
public final class OutputFiles implements AutoCloseable {
    private final Map<Path, Path> pending = new LinkedHashMap<>();

    /**
     * Checks that {@code target}'s folder exists (creating it if needed) and accepts new files.
     *
     * @throws BadInputException naming the folder when it is not writable
     */
    public void check(Path target) {
        Path folder = folderOf(target);
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".xent-", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw notWritable(folder, e);
        }
        if (Files.isDirectory(target)) {
            throw new BadInputException("output " + target + " is a folder; expected a file name");
        }
    }

    /**
     * The output files a job's {@code output} section names: only {@code keys} are allowed, each
     * optional; every folder is checked (see {@link #check}) before any work is done.
     *
     * @return key to file, in the order of {@code keys}, for the keys given
     */
    public Map<String, Path> declare(JobObject output, String... keys) {
        output.allowOnly(keys);
        Map<String, Path> files = new LinkedHashMap<>();
        for (String key : keys) {
            output.outputFile(key).ifPresent(file -> {
                check(file);
                files.put(key, file);
            });
        }
        return files;
    }

    /** The {@code outputs} object of a report: key to the file as shown to people. */
    public static ObjectNode describe(Map<String, Path> files) {
        ObjectNode json = Json.object();
        files.forEach((key, file) -> json.put(key, Display.path(file)));
        return json;
    }

    /** {@code wrote a, b} for a summary, or nothing when no file is written. */
    public static List<String> wroteLine(Map<String, Path> files) {
        return files.isEmpty() ? List.of()
                : List.of("wrote " + String.join(", ", files.values().stream().map(Display::path).toList()));
    }

    /** A writer (UTF-8) to the temporary file standing for {@code target}. */
    public BufferedWriter writer(Path target) {
        try {
            return Files.newBufferedWriter(temporary(target), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw notWritable(folderOf(target), e);
        }
    }

    /** A stream to the temporary file standing for {@code target}. */
    public OutputStream stream(Path target) {
        try {
            return Files.newOutputStream(temporary(target));
        } catch (IOException e) {
            throw notWritable(folderOf(target), e);
        }
    }

    /** Writes indented JSON (ending with a newline) for {@code target}. */
    public void json(Path target, JsonNode json) throws IOException {
        try (BufferedWriter writer = writer(target)) {
            writer.write(Json.write(json));
            writer.newLine();
        }
    }

    /** Renames every temporary file onto its target (atomically where the file system can). */
    public void commit() throws IOException {
        List<Path> done = new ArrayList<>();
        for (Map.Entry<Path, Path> entry : pending.entrySet()) {
            move(entry.getValue(), entry.getKey());
            done.add(entry.getKey());
        }
        done.forEach(pending::remove);
    }

    /** Deletes the temporary files that were not committed. */
    @Override
    public void close() {
        for (Path temporary : pending.values()) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // Best effort: a leftover hidden temporary file is harmless; the target is untouched.
            }
        }
        pending.clear();
    }

    private Path temporary(Path target) {
        if (pending.containsKey(target)) {
            throw new BadInputException("output " + target + " is named twice");
        }
        check(target);
        try {
            Path temporary = Files.createTempFile(folderOf(target), "." + target.getFileName() + "-", ".tmp");
            pending.put(target, temporary);
            return temporary;
        } catch (IOException e) {
            throw notWritable(folderOf(target), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path folderOf(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        return parent == null ? target.toAbsolutePath().getRoot() : parent;
    }

    private static BadInputException notWritable(Path folder, Exception e) {
        return new BadInputException("output folder " + folder + " is not writable ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
}
