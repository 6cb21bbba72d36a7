package dev.xent.core.spi;

import dev.xent.core.ClosestName;
import dev.xent.core.Reduction;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A loss's parameters after validation, every default filled in. Values are normalised: booleans as
 * {@code Boolean}, whole numbers as {@code Integer}, reals as {@code Double}, choices as
 * {@code String}, lists as an unmodifiable {@code List<Double>}; null stands for "none".
 */
public final class ParameterValues {
    private final Map<String, Object> values;

    private ParameterValues(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Validates {@code given} against {@code specs} and fills in defaults.
     *
     * @throws ParameterException naming the loss, the parameter, the value and what is allowed
     */
    public static ParameterValues resolve(String lossName, List<Parameter> specs, Map<String, ?> given) {
        Map<String, Parameter> byName = new LinkedHashMap<>();
        specs.forEach(p -> byName.put(p.name(), p));
        for (String key : given.keySet()) {
            if (!byName.containsKey(key)) {
                String accepted = byName.isEmpty() ? "none" : String.join(", ", byName.keySet());
                String hint = ClosestName.of(key, byName.keySet()).map(n -> "; did you mean '" + n + "'?").orElse("");
                throw new ParameterException(key, lossName + ": unknown parameter '" + key + "'" + hint
                        + " (accepted: " + accepted + ")");
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (Parameter spec : specs) {
            boolean present = given.containsKey(spec.name());
            Object raw = present ? given.get(spec.name()) : spec.defaultValue();
            if (raw == null && spec.defaultValue() != null) {
                throw new ParameterException(spec.name(), lossName + ": parameter '" + spec.name()
                        + "' = null is not allowed; expected " + spec.type().jsonName() + " (" + spec.allowed() + ")");
            }
            resolved.put(spec.name(), raw == null ? null : normalise(lossName, spec, raw));
        }
        return new ParameterValues(resolved);
    }

    private static Object normalise(String lossName, Parameter spec, Object raw) {
        return switch (spec.type()) {
            case BOOLEAN -> {
                if (!(raw instanceof Boolean)) {
                    throw wrongType(lossName, spec, raw);
                }
                yield raw;
            }
            case CHOICE -> {
                if (!(raw instanceof String s)) {
                    throw wrongType(lossName, spec, raw);
                }
                if (!spec.choices().contains(s)) {
                    throw new ParameterException(spec.name(), lossName + ": parameter '" + spec.name() + "' = \""
                            + s + "\" is not allowed; allowed: " + spec.allowed());
                }
                yield s;
            }
            case NUMBER -> checkRange(lossName, spec, toDouble(lossName, spec, raw), raw);
            case INTEGER -> {
                double v = toDouble(lossName, spec, raw);
                if (v != Math.rint(v)) {
                    throw new ParameterException(spec.name(), lossName + ": parameter '" + spec.name() + "' = "
                            + raw + " must be a whole number");
                }
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new ParameterException(spec.name(), lossName + ": parameter '" + spec.name() + "' = "
                            + raw + " is out of range; allowed: 32-bit whole numbers, [" + Integer.MIN_VALUE + ", "
                            + Integer.MAX_VALUE + "]");
                }
                checkRange(lossName, spec, v, raw);
                yield (int) v;
            }
            case NUMBER_LIST -> {
                List<?> items = asList(raw);
                if (items == null) {
                    throw wrongType(lossName, spec, raw);
                }
                NumberRange range = spec.range() == null ? NumberRange.ANY : spec.range();
                List<Double> out = new ArrayList<>(items.size());
                for (int i = 0; i < items.size(); i++) {
                    Object item = items.get(i);
                    if (!isNumber(item)) {
                        throw new ParameterException(spec.name(), lossName + ": parameter '" + spec.name()
                                + "' element " + i + " is " + describe(item) + "; expected a number");
                    }
                    double v = ((Number) item).doubleValue();
                    if (!range.contains(v)) {
                        throw new ParameterException(spec.name(), lossName + ": parameter '" + spec.name()
                                + "' element " + i + " = " + item + " is out of range; allowed: " + range);
                    }
                    out.add(v);
                }
                yield List.copyOf(out);
            }
        };
    }

    private static List<?> asList(Object raw) {
        if (raw instanceof List<?> list) {
            return list;
        }
        if (raw instanceof double[] array) {
            return java.util.Arrays.stream(array).boxed().collect(Collectors.toList());
        }
        return null;
    }

    private static boolean isNumber(Object raw) {
        return raw instanceof Double || raw instanceof Float || raw instanceof Integer || raw instanceof Long
                || raw instanceof Short || raw instanceof Byte || raw instanceof BigDecimal || raw instanceof BigInteger;
    }

    private static double toDouble(String lossName, Parameter spec, Object raw) {
        if (!isNumber(raw)) {
            throw wrongType(lossName, spec, raw);
        }
        return ((Number) raw).doubleValue();
    }

    private static double checkRange(String lossName, Parameter spec, double v, Object raw) {
        NumberRange range = spec.range() == null ? NumberRange.ANY : spec.range();
        if (!range.contains(v)) {
            throw new ParameterException(spec.name(), lossName + ": parameter '" + spec.name() + "' = " + raw
                    + " is out of range; allowed: " + range);
        }
        return v;
    }

    private static ParameterException wrongType(String lossName, Parameter spec, Object raw) {
        return new ParameterException(spec.name(), lossName + ": parameter '" + spec.name() + "' = " + describe(raw)
                + " has the wrong type; expected " + spec.type().jsonName()
                + (spec.type() == ParameterType.CHOICE ? " (" + spec.allowed() + ")" : ""));
    }

    private static String describe(Object raw) {
        if (raw instanceof String s) {
            return "\"" + s + "\" (a string)";
        }
        if (raw == null) {
            return "null";
        }
        String kind = raw instanceof Boolean ? "a boolean" : isNumber(raw) ? "a number"
                : raw instanceof List<?> || raw instanceof double[] ? "a list" : raw instanceof Map<?, ?> ? "an object"
                : raw.getClass().getSimpleName();
        return raw + " (" + kind + ")";
    }

    /** Every parameter with its resolved value, in declaration order (null for none). */
    public Map<String, Object> asMap() {
        return values;
    }

    /** Whether the parameter has a value (is not "none"). */
    public boolean isSet(String name) {
        return require(name) != null;
    }

    public boolean bool(String name) {
        return (Boolean) require(name);
    }

    public double number(String name) {
        return (Double) require(name);
    }

    /** A number parameter, or null for none. */
    public Double optionalNumber(String name) {
        return (Double) require(name);
    }

    public int integer(String name) {
        return (Integer) require(name);
    }

    /** An integer parameter, or null for none. */
    public Integer optionalInteger(String name) {
        return (Integer) require(name);
    }

    public String string(String name) {
        return (String) require(name);
    }

    /** A list parameter as an array, or null for none. */
    public double[] numbers(String name) {
        @SuppressWarnings("unchecked")
        List<Double> list = (List<Double>) require(name);
        return list == null ? null : list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The standard {@code reduction} parameter. */
    public Reduction reduction() {
        return Reduction.fromJsonName(string("reduction"));
    }

    private Object require(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no parameter '" + name + "' was declared; declared: " + values.keySet());
        }
        return values.get(name);
    }
}
