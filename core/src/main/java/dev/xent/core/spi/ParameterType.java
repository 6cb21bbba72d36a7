package dev.xent.core.spi;

/** The JSON type of a loss parameter. */
public enum ParameterType {
    /** {@code true} or {@code false}. */
    BOOLEAN("boolean"),
    /** A whole number. */
    INTEGER("integer"),
    /** A real number. */
    NUMBER("number"),
    /** One of a fixed set of strings. */
    CHOICE("string"),
    /** A list of real numbers. */
    NUMBER_LIST("list of numbers");

    private final String jsonName;

    ParameterType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** How the type is named to users (in errors, {@code xent list} and {@code describe}). */
    public String jsonName() {
        return jsonName;
    }
}
