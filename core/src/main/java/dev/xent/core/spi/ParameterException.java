package dev.xent.core.spi;

/** A loss parameter is unknown, of the wrong type, or out of range. The message says which and why. */
public class ParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public ParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The name of the offending parameter, as given. */
    public String parameter() {
        return parameter;
    }
}
