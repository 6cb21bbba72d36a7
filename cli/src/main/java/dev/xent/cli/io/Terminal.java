package dev.xent.cli.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a terminal, which decides if a progress bar is drawn. Java has no API for
 * this ({@code System.console()} looks at stdin and stdout: it is null for {@code xent ... > out.txt}
 * although stderr is a terminal, and set for {@code xent ... 2> log}, whose log would fill with escape
 * codes). So, in order: the launcher's answer ({@code -Dxent.stderr.terminal}, from bash's
 * {@code [[ -t 2 ]]}), then where Linux's {@code /proc/self/fd/2} points, then {@code System.console()}.
 */
public final class Terminal {
    /** Set by the launcher {@code ./xent} to true or false. */
    public static final String PROPERTY = "xent.stderr.terminal";

    private Terminal() {
    }

    /** Whether stderr is a terminal, as well as this platform can tell. */
    public static boolean stderrIsTerminal() {
        String launcher = System.getProperty(PROPERTY);
        if (launcher != null) {
            return Boolean.parseBoolean(launcher);
        }
        Path stderr = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(stderr)) {
            try {
                return isTerminalDevice(Files.readSymbolicLink(stderr).toString());
            } catch (IOException | SecurityException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    /** Whether a device path names a terminal: a pseudo-terminal or a console. */
    static boolean isTerminalDevice(String device) {
        return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
    }
}
