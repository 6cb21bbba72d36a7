package dev.xent.core;

/** No loss has the requested name or alias. The message lists what is available and the closest match. */
public class UnknownLossException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownLossException(String message) {
        super(message);
    }
}
