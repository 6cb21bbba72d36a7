package dev.xent.core.spi;

/**
 * An interval of allowed numbers, shown as in mathematics: {@code [0, 0.5)}, {@code (0, inf)}.
 * NaN is never inside.
 */
public record NumberRange(double low, boolean lowInclusive, double high, boolean highInclusive) {

    /** Every finite number. */
    public static final NumberRange ANY = new NumberRange(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);

    /** {@code [low, high]}. */
    public static NumberRange closed(double low, double high) {
        return new NumberRange(low, true, high, true);
    }

    /** {@code (low, high)}. */
    public static NumberRange open(double low, double high) {
        return new NumberRange(low, false, high, false);
    }

    /** {@code [low, high)}. */
    public static NumberRange closedOpen(double low, double high) {
        return new NumberRange(low, true, high, false);
    }

    /** {@code (low, inf)}. */
    public static NumberRange positive() {
        return new NumberRange(0, false, Double.POSITIVE_INFINITY, false);
    }

    /** {@code [low, inf)}. */
    public static NumberRange atLeast(double low) {
        return new NumberRange(low, true, Double.POSITIVE_INFINITY, false);
    }

    /** Whether {@code v} lies in the interval. */
    public boolean contains(double v) {
        boolean aboveLow = lowInclusive ? v >= low : v > low;
        boolean belowHigh = highInclusive ? v <= high : v < high;
        return aboveLow && belowHigh;
    }

    @Override
    public String toString() {
        return (lowInclusive ? "[" : "(") + format(low) + ", " + format(high) + (highInclusive ? "]" : ")");
    }

    private static String format(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
