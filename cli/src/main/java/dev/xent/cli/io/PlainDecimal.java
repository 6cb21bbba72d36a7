package dev.xent.cli.io;

/**
 * Parses the commonest CSV number, a plain decimal such as {@code -0.123456789} (an optional sign,
 * digits, an optional point and digits; no exponent, no spaces) with at most 15 digits, exactly and
 * faster than a general parser. Such a text is {@code m / 10^f} with {@code m < 10^15 < 2^53} and
 * {@code f <= 15}: both are exact doubles, and IEEE division rounds correctly, so {@code m / 10^f}
 * is the double nearest to the text, which is what {@link Double#parseDouble} gives (Clinger's fast
 * path, also FastDoubleParser's first step). Any other text is left to the general parser.
 */
final class PlainDecimal {
    /** Every digit of a plain decimal fits a double's 53-bit significand exactly when there are at most 15. */
    private static final int MAX_DIGITS = 15;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    /** Not a value: the text is not a short plain decimal. */
    static final double NOT_PLAIN = Double.NaN;

    private PlainDecimal() {
    }

    /**
     * The value of {@code bytes[from, to)} if it is a plain decimal of at most 15 digits, else
     * {@link #NOT_PLAIN} (NaN; no plain decimal is NaN).
     */
    static double parse(byte[] bytes, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
            negative = bytes[i] == '-';
            i++;
        }
        long significand = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean point = false;
        for (; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit >= 0 && digit <= 9) {
                significand = 10 * significand + digit;
                digits++;
                if (point) {
                    fractionDigits++;
                }
            } else if (bytes[i] == '.' && !point) {
                point = true;
            } else {
                return NOT_PLAIN;
            }
        }
        if (digits == 0 || digits > MAX_DIGITS) {
            return NOT_PLAIN;
        }
        double value = fractionDigits == 0 ? significand : significand / POWERS_OF_TEN[fractionDigits];
        return negative ? -value : value;
    }
}
