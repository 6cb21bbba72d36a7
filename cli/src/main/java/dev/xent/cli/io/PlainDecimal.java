package dev.xent.cli.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
        // Digits beyond 18 overflow the long, but such a text has more than 15 digits and is rejected.
        long significand = 0;
        int integerStart = i;
        for (; i < to && isDigit(bytes[i]); i++) {
            significand = 10 * significand + (bytes[i] - '0');
        }
        int digits = i - integerStart;
        int fractionDigits = 0;
        if (i < to && bytes[i] == '.') {
            i++;
            int fractionStart = i;
            for (; to - i >= Long.BYTES; i += Long.BYTES) {
                long word = (long) LONGS.get(bytes, i);
                if (!eightDigits(word)) {
                    break;
                }
                significand = 100_000_000L * significand + valueOfEightDigits(word);
            }
            for (; i < to && isDigit(bytes[i]); i++) {
                significand = 10 * significand + (bytes[i] - '0');
            }
            fractionDigits = i - fractionStart;
            digits += fractionDigits;
        }
        if (i != to || digits == 0 || digits > MAX_DIGITS) {
            return NOT_PLAIN;
        }
        double value = fractionDigits == 0 ? significand : significand / POWERS_OF_TEN[fractionDigits];
        return negative ? -value : value;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /**
     * Whether all eight bytes (little-endian) are ASCII digits: each byte's high nibble must be 3,
     * also after adding 6 (which carries out of the low nibble above '9'). A carry between bytes only
     * starts at a byte that already fails.
     */
    static boolean eightDigits(long word) {
        return ((word & 0xF0F0F0F0F0F0F0F0L) | (((word + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                == 0x3333333333333333L;
    }

    /**
     * The number written by eight ASCII digits (little-endian: the first, most significant digit in
     * the lowest byte): pairs, then quadruples, then the whole, by multiply and shift (Lemire's SWAR
     * method).
     */
    static long valueOfEightDigits(long word) {
        long digits = word - 0x3030303030303030L;
        long pairs = digits * 10 + (digits >>> 8);
        return (((pairs & 0x000000FF000000FFL) * (100 + (1_000_000L << 32)))
                + (((pairs >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32)))) >>> 32;
    }
}
