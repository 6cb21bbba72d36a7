package dev.xent.cli;

/** The run itself failed (I/O error, training diverged): exit code {@link ExitCodes#RUN_FAILED} (1). */
public class RunFailedException extends CliException {
    private static final long serialVersionUID = 1L;

    public RunFailedException(String message) {
        super(ExitCodes.RUN_FAILED, message, null);
    }

    public RunFailedException(String message, Throwable cause) {
        super(ExitCodes.RUN_FAILED, message, cause);
    }
}
