package dev.xent.cli;

/**
 * A failure the command line reports as one line on stderr ({@code xent: <message>}) with its exit
 * code; the stack trace is shown only with {@code --verbose}.
 */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    protected CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** {@link ExitCodes#RUN_FAILED} or {@link ExitCodes#BAD_INPUT}. */
    public int exitCode() {
        return exitCode;
    }
}
