package dev.xent.core;

/** Two providers claim the same name or alias; the message names both classes. */
public class DuplicateLossException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public DuplicateLossException(String message) {
        super(message);
    }
}
