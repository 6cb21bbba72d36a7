package dev.xent.cli.io;

import java.nio.file.Path;

/** How paths are shown to people: relative to the working folder when inside it. */
public final class Display {
    private Display() {
    }

    /** {@code out/report.json} rather than {@code /home/me/project/out/report.json}. */
    public static String path(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path workingFolder = Path.of("").toAbsolutePath();
        return absolute.startsWith(workingFolder) ? workingFolder.relativize(absolute).toString() : absolute.toString();
    }
}
