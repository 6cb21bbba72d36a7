package dev.xent.core.spi;

import java.util.List;

/**
 * One parameter a loss accepts: its JSON name (snake_case), type, default, what values are allowed,
 * and a one-line description. A null default means "none" (the parameter is off unless given).
 *
 * @param name         the JSON key
 * @param type         the JSON type
 * @param defaultValue the default (Boolean, Integer, Double, String or {@code List<Double>}), or null for none
 * @param range        allowed numbers for NUMBER and INTEGER, and for each element of NUMBER_LIST
 * @param choices      allowed strings for CHOICE (empty otherwise)
 * @param description  one line for users
 */
public record Parameter(String name, ParameterType type, Object defaultValue, NumberRange range,
                        List<String> choices, String description) {

    public Parameter {
        choices = List.copyOf(choices);
    }

    /** A boolean parameter. */
    public static Parameter bool(String name, boolean defaultValue, String description) {
        return new Parameter(name, ParameterType.BOOLEAN, defaultValue, null, List.of(), description);
    }

    /** A real parameter; {@code defaultValue} null means none. */
    public static Parameter number(String name, Double defaultValue, NumberRange range, String description) {
        return new Parameter(name, ParameterType.NUMBER, defaultValue, range, List.of(), description);
    }

    /** A whole-number parameter; {@code defaultValue} null means none. */
    public static Parameter integer(String name, Integer defaultValue, NumberRange range, String description) {
        return new Parameter(name, ParameterType.INTEGER, defaultValue, range, List.of(), description);
    }

    /** A string parameter taking one of {@code choices}. */
    public static Parameter choice(String name, String defaultValue, List<String> choices, String description) {
        return new Parameter(name, ParameterType.CHOICE, defaultValue, null, choices, description);
    }

    /** A list of numbers, each in {@code elementRange}; {@code defaultValue} null means none. */
    public static Parameter numberList(String name, List<Double> defaultValue, NumberRange elementRange,
                                       String description) {
        return new Parameter(name, ParameterType.NUMBER_LIST, defaultValue, elementRange, List.of(), description);
    }

    /** The standard {@code reduction} parameter: mean (default), sum or none. */
    public static Parameter reduction() {
        return choice("reduction", "mean", List.of("mean", "sum", "none"),
                "how per-sample losses are reduced: mean (weighted), sum, or none");
    }

    /** What values are allowed, as shown to users: {@code [0, 0.5)}, {@code mean | sum | none}, ... */
    public String allowed() {
        return switch (type) {
            case BOOLEAN -> "true | false";
            case CHOICE -> String.join(" | ", choices);
            case NUMBER, INTEGER -> range == null ? "any" : range.toString();
            case NUMBER_LIST -> "numbers in " + (range == null ? "(-inf, inf)" : range.toString());
        };
    }
}
