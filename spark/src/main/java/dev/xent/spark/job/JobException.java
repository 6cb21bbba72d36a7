package dev.xent.spark.job;

/** A bad job, loss parameter or data (exit code 2); the message is one line naming where. */
public final class JobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobException(String message) {
        super(message);
    }

    public JobException(String message, Throwable cause) {
        super(message, cause);
    }
}
