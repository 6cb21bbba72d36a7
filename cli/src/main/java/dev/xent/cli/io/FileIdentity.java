package dev.xent.cli.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether two paths name the same file once symbolic links are followed (and, for files that exist,
 * hard links too): {@code out/../data.csv}, a link to {@code data.csv} and {@code data.csv} itself
 * are one file.
 */
public final class FileIdentity {
    private FileIdentity() {
    }

    /** Whether {@code a} and {@code b} are the same file, or would be once created. */
    public static boolean same(Path a, Path b) {
        if (Files.exists(a) && Files.exists(b)) {
            try {
                return Files.isSameFile(a, b);
            } catch (IOException | SecurityException e) {
                // Fall back to comparing the paths.
            }
        }
        return canonical(a).equals(canonical(b));
    }

    /**
     * The absolute path with every symbolic link resolved; for a file that does not exist yet, its
     * folder's resolved path and its name.
     */
    public static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException | SecurityException missing) {
            Path parent = absolute.getParent();
            return parent == null ? absolute : canonical(parent).resolve(absolute.getFileName());
        }
    }
}
