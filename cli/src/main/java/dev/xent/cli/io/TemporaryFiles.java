package dev.xent.cli.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every temporary file of a run: the hidden {@code .NAME-*.tmp} files beside the outputs and the
 * scratch files in {@code java.io.tmpdir}. A shutdown hook deletes those still alive when the JVM is
 * ended by SIGTERM or SIGINT (Ctrl-C), so an interrupted run leaves only the old outputs behind.
 * {@link #underLock} keeps the hook from running in the middle of a commit (renames onto outputs):
 * either every output of a run is replaced, or none.
 */
public final class TemporaryFiles {
    /** The longest file name most file systems (ext4, xfs, btrfs, tmpfs, APFS, NTFS) accept, in bytes. */
    static final int MAX_NAME_BYTES = 255;
    private static final String SUFFIX = ".tmp";
    private static final int RANDOM_CHARS = 8;

    private static final Object LOCK = new Object();
    private static final Set<Path> ALIVE = new LinkedHashSet<>();
    private static boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TemporaryFiles::deleteAll, "xent-delete-temporary-files"));
    }

    private TemporaryFiles() {
    }

    /** Work on files that a shutdown must not interrupt, e.g. renaming every output in place. */
    @FunctionalInterface
    public interface FileWork {
        void run() throws IOException;
    }

    /**
     * A new hidden file {@code .NAME-RANDOM.tmp} beside {@code target} (NAME shortened if needed so
     * that the whole name stays within {@value #MAX_NAME_BYTES} bytes), created with the mode a new
     * file gets under the user's umask.
     *
     * @return the file and an open stream to it
     */
    static Created besideOutput(Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        String name = shortened(target.getFileName().toString(),
                MAX_NAME_BYTES - 2 - RANDOM_CHARS - SUFFIX.length());
        while (true) {
            String random = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
                    .substring(16 - RANDOM_CHARS);
            Path file = folder.resolve("." + name + "-" + random + SUFFIX);
            synchronized (LOCK) {
                refuseAfterShutdown();
                try {
                    OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    ALIVE.add(file);
                    return new Created(file, out);
                } catch (FileAlreadyExistsException taken) {
                    // Another run picked the same random name: draw again.
                }
            }
        }
    }

    /** A file and an open stream to it. */
    record Created(Path file, OutputStream stream) {
    }

    /**
     * A new scratch file in {@code java.io.tmpdir} (readable by the user only), deleted by
     * {@link #delete} or at shutdown.
     */
    public static Path scratch(String prefix, String suffix) throws IOException {
        synchronized (LOCK) {
            refuseAfterShutdown();
            Path file = Files.createTempFile(prefix, suffix);
            ALIVE.add(file);
            return file;
        }
    }

    /** Deletes a temporary file now (no error if it is gone). */
    public static void delete(Path file) throws IOException {
        synchronized (LOCK) {
            ALIVE.remove(file);
            Files.deleteIfExists(file);
        }
    }

    /** Runs {@code work} while no shutdown can delete temporary files (or interrupt it halfway). */
    static void underLock(FileWork work) throws IOException {
        synchronized (LOCK) {
            refuseAfterShutdown();
            work.run();
        }
    }

    /** Forgets a temporary file that was renamed onto its target. */
    static void renamed(Path file) {
        synchronized (LOCK) {
            ALIVE.remove(file);
        }
    }

    /** The temporary files alive now (for tests). */
    static List<Path> alive() {
        synchronized (LOCK) {
            return new ArrayList<>(ALIVE);
        }
    }

    /** Deletes every temporary file still alive; later requests for new ones fail. */
    static void deleteAll() {
        synchronized (LOCK) {
            shuttingDown = true;
            for (Path file : ALIVE) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException | RuntimeException ignored) {
                    // Best effort while the JVM ends: a leftover hidden file never replaces an output.
                }
            }
            ALIVE.clear();
        }
    }

    private static void refuseAfterShutdown() throws IOException {
        if (shuttingDown) {
            throw new IOException("the process is shutting down");
        }
    }

    /** {@code name} cut to at most {@code maxBytes} bytes of UTF-8, at a character boundary. */
    static String shortened(String name, int maxBytes) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return name;
        }
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int codePoint = name.codePointAt(end);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return name.substring(0, end);
    }
}
