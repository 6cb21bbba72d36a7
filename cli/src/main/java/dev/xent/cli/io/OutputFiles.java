package dev.xent.cli.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.BadInputException;
import dev.xent.cli.job.JobObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Output files written all-or-nothing, and never onto an input or a special file: each file is
 * written to a temporary file beside its target and renamed onto it by {@link #commit()};
 * {@link #close()} deletes whatever was not committed (as does a shutdown by SIGTERM or SIGINT, see
 * {@link TemporaryFiles}). So a failed or interrupted run never leaves a half-written (or a partial
 * set of) output files. The rules, checked by {@link #declare} before any work is done:
 * <ul>
 *   <li>an output may not be (symbolic and hard links followed) the job file, an input file of the
 *       job, a plugin jar, or another output of the same job;</li>
 *   <li>an existing output must be a regular file: a folder, a FIFO or a device is refused, never
 *       replaced; a symbolic link to a regular file stays, and the file it points to is replaced;</li>
 *   <li>a new output gets the mode a new file gets under the user's umask; a replaced one keeps its
 *       mode.</li>
 * </ul>
 * <pre>{@code
 * try (OutputFiles outputs = new OutputFiles()) {
 *     Map<String, Path> files = outputs.declare(root.optionalObject("output"), "report", "table");
 *     try (Writer w = outputs.writer(files.get("table"))) { ... }
 *     outputs.json(files.get("report"), report);
 *     outputs.commit();
 * }
 * }</pre>
 */
public final class OutputFiles implements AutoCloseable {
    /** Target (as declared) to the temporary file standing for it. */
    private final Map<Path, Path> pending = new LinkedHashMap<>();
    /** Target (as declared) to the JSON path that named it. */
    private final Map<Path, String> declared = new LinkedHashMap<>();

    /**
     * Checks that {@code target}'s folder exists (creating it if needed) and accepts new files, and
     * that {@code target}, if it exists, is a regular file (symbolic links followed).
     *
     * @throws BadInputException naming the folder when it is not writable, or the target when it is a
     *                           folder, a device, a FIFO or a socket
     */
    public void check(Path target) {
        Path folder = folderOf(destination(target));
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".xent-", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw notWritable(folder, e);
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new BadInputException("output " + Display.path(target) + " is " + kindOf(target)
                    + ", not a regular file; outputs are written only to regular files (give a file name)");
        }
    }

    /**
     * The output files a job's {@code output} section names: only {@code keys} are allowed, each
     * optional. Before any work is done, each is checked (see {@link #check}) and must not be an input
     * of the job ({@link JobObject#inputs()}) or another of its outputs.
     *
     * @return key to file, in the order of {@code keys}, for the keys given
     * @throws BadInputException naming the output's JSON path, the output and what it would replace
     */
    public Map<String, Path> declare(JobObject output, String... keys) {
        output.allowOnly(keys);
        Map<String, Path> files = new LinkedHashMap<>();
        for (String key : keys) {
            output.outputFile(key).ifPresent(file -> {
                String jsonPath = output.pathOf(key);
                output.inputs().replacedBy(file).ifPresent(input -> {
                    throw new BadInputException(jsonPath + ": output " + Display.path(file) + " is the same file as "
                            + input + "; an output never replaces an input");
                });
                declared.forEach((other, otherPath) -> {
                    if (FileIdentity.same(other, file)) {
                        throw new BadInputException(jsonPath + ": output " + Display.path(file)
                                + " is the same file as output " + otherPath + " (" + Display.path(other)
                                + "); each output needs its own file");
                    }
                });
                try {
                    check(file);
                } catch (BadInputException e) {
                    throw new BadInputException(jsonPath + ": " + e.getMessage(), e);
                }
                declared.put(file, jsonPath);
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
        return new BufferedWriter(new OutputStreamWriter(stream(target), StandardCharsets.UTF_8));
    }

    /** A stream to the temporary file standing for {@code target}. */
    public OutputStream stream(Path target) {
        if (pending.containsKey(target)) {
            throw new BadInputException("output " + target + " is named twice");
        }
        check(target);
        try {
            TemporaryFiles.Created temporary = TemporaryFiles.besideOutput(destination(target));
            pending.put(target, temporary.file());
            return temporary.stream();
        } catch (IOException e) {
            throw notWritable(folderOf(destination(target)), e);
        }
    }

    /** Writes indented JSON (ending with a newline) for {@code target}. */
    public void json(Path target, JsonNode json) throws IOException {
        try (BufferedWriter writer = writer(target)) {
            writer.write(Json.write(json));
            writer.newLine();
        }
    }

    /**
     * Renames every temporary file onto its target (atomically where the file system can), giving it
     * the mode of the file it replaces. A shutdown waits until all are renamed.
     */
    public void commit() throws IOException {
        TemporaryFiles.underLock(() -> {
            List<Path> done = new ArrayList<>();
            for (Map.Entry<Path, Path> entry : pending.entrySet()) {
                Path destination = destination(entry.getKey());
                keepMode(destination, entry.getValue());
                move(entry.getValue(), destination);
                TemporaryFiles.renamed(entry.getValue());
                done.add(entry.getKey());
            }
            done.forEach(pending::remove);
        });
    }

    /** Deletes the temporary files that were not committed. */
    @Override
    public void close() {
        for (Path temporary : pending.values()) {
            try {
                TemporaryFiles.delete(temporary);
            } catch (IOException ignored) {
                // Best effort: a leftover hidden temporary file is harmless; the target is untouched.
            }
        }
        pending.clear();
    }

    /**
     * Where {@code target} is written: the file a symbolic link points to (so the link stays), else
     * {@code target} itself.
     */
    private static Path destination(Path target) {
        return Files.isSymbolicLink(target) && Files.exists(target) ? FileIdentity.canonical(target) : target;
    }

    private static void keepMode(Path replaced, Path temporary) throws IOException {
        if (!Files.exists(replaced)) {
            return;
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(replaced);
            Files.setPosixFilePermissions(temporary, mode);
        } catch (UnsupportedOperationException notPosix) {
            // The file system has no POSIX modes: nothing to keep.
        }
    }

    private static String kindOf(Path file) {
        if (Files.isDirectory(file)) {
            return "a folder";
        }
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
            return switch (type) {
                case 0020000, 0060000 -> "a device";
                case 0010000 -> "a FIFO (named pipe)";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return "a special file";
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
