package dev.xent.cli.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.cli.BadInputException;
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
