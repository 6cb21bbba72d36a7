package dev.xent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The Java heap as the command line sees it: jobs whose sizes are known before anything is allocated
 * are refused when their estimate exceeds the heap limit ({@link #require}, exit 2), and running out
 * of memory anyway ends in one line saying what was being allocated and how to raise the limit
 * ({@link #during}, exit 1). The {@code ./xent} launcher passes {@code XENT_JAVA_OPTS} to the JVM.
 */
public final class Memory {
    private static final double MB = 1024.0 * 1024.0;
    private static final double GB = 1024.0 * MB;

    private Memory() {
    }

    /** The most the heap may grow to ({@code -Xmx}). */
    public static long heapLimit() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Refuses a job part whose memory estimate exceeds the heap limit.
     *
     * @param bytes    the estimate
     * @param what     what needs it, e.g. {@code gradcheck of 100000 x 10000 elements}
     * @param jsonPath the job field that sets the size
     * @throws BadInputException naming the field, the estimate, the limit and how to raise it
     */
    public static void require(double bytes, String what, String jsonPath) {
        if (bytes > heapLimit()) {
            throw new BadInputException(jsonPath + ": " + what + " needs about " + size(bytes)
                    + " of memory, more than the Java heap limit of " + size(heapLimit()) + "; make it smaller, or raise"
                    + " the limit, e.g. XENT_JAVA_OPTS=-Xmx" + (long) Math.ceil(1.25 * bytes / GB) + "g ./xent run ...");
        }
    }

    /** Work that may throw a checked exception. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work}; running out of memory in it becomes a failed run with the message of
     * {@link #outOfMemory}. The innermost call names what was being allocated.
     */
    public static <T, E extends Exception> T during(String what, Work<T, E> work) throws E {
        try {
            return work.run();
        } catch (OutOfMemoryError e) {
            throw new RunFailedException(outOfMemory(what), e);
        }
    }

    /** {@code out of memory while <what> (Java heap limit 256 MB); raise the limit, e.g. ...}. */
    public static String outOfMemory(String what) {
        return "out of memory while " + what + " (Java heap limit " + size(heapLimit())
                + "); raise the limit, e.g. XENT_JAVA_OPTS=-Xmx4g ./xent run ... (or java -Xmx4g -jar xent.jar ...)";
    }

    /** A file's size in MB or GB, or "size unknown". */
    public static String fileSize(Path file) {
        try {
            return size(Files.size(file));
        } catch (IOException e) {
            return "size unknown";
        }
    }

    /** Bytes in MB or GB. */
    static String size(double bytes) {
        return bytes >= GB ? String.format(Locale.ROOT, "%.1f GB", bytes / GB)
                : String.format(Locale.ROOT, "%.0f MB", Math.ceil(bytes / MB));
    }
}
