package dev.xent.cli;

/** Bad usage, job, loss parameters or data: exit code {@link ExitCodes#BAD_INPUT} (2). */
public class BadInputException extends CliException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(ExitCodes.BAD_INPUT, message, null);
    }

    public BadInputException(String message, Throwable cause) {
        super(ExitCodes.BAD_INPUT, message, cause);
    }
}
