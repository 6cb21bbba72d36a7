package dev.xent.cli.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.nio.charset.StandardCharsets;

/**
 * The numbers a data file may hold: decimal numbers only, {@code [+-]? (D+ [. D*] | . D+) ([eE] [+-]? D+)?}
 * ({@code 1}, {@code -0.5}, {@code .5}, {@code 5.}, {@code 1.5e-3}), correctly rounded to the nearest
 * double, plus the spellings of NaN and infinity ({@code NaN}, {@code nan}, {@code Infinity},
 * {@code inf}, with a sign, any case) that other tools write, so that they can be refused as not finite
 * rather than as text. Java's other literal forms ({@code 0.9f}, {@code 1d}, {@code 0x1p-1}) and spaces
 * are not numbers: a cell such as {@code 0.9f} is more likely a mistake than a float.
 */
public final class DecimalText {
    private DecimalText() {
    }

    /**
     * The value of {@code bytes[from, to)} (ASCII).
     *
     * @throws NumberFormatException if it is neither a decimal number nor a NaN or infinity spelling
     */
    static double parse(byte[] bytes, int from, int to) {
        if (isDecimal(bytes, from, to)) {
            return JavaDoubleParser.parseDouble(bytes, from, to - from);
        }
        double special = special(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
        if (special == 0) {
            throw new NumberFormatException("not a decimal number: " + new String(bytes, from, to - from,
                    StandardCharsets.ISO_8859_1));
        }
        return special;
    }

    /**
     * The value of {@code text}.
     *
     * @throws NumberFormatException if it is neither a decimal number nor a NaN or infinity spelling
     */
    public static double parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1); // other characters become '?': not a number
        return parse(bytes, 0, bytes.length);
    }

    private static boolean isDecimal(byte[] b, int from, int to) {
        int i = from;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            i++;
        }
        int integerDigits = digitsFrom(b, i, to);
        i += integerDigits;
        int fractionDigits = 0;
        if (i < to && b[i] == '.') {
            i++;
            fractionDigits = digitsFrom(b, i, to);
            i += fractionDigits;
        }
        if (integerDigits + fractionDigits == 0) {
            return false;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int exponentDigits = digitsFrom(b, i, to);
            if (exponentDigits == 0) {
                return false;
            }
            i += exponentDigits;
        }
        return i == to;
    }

    private static int digitsFrom(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i - from;
    }

    /** NaN or a signed infinity for their spellings, else 0. */
    private static double special(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String unsigned = negative || lower.startsWith("+") ? lower.substring(1) : lower;
        return switch (unsigned) {
            case "nan" -> Double.NaN;
            case "inf", "infinity" -> negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default -> 0;
        };
    }
}
