package dev.xent.core.numeric;

/**
 * Neumaier's compensated summation: the rounding error of each addition is carried in a second
 * accumulator, so the error of a sum of n terms does not grow with n (a mean over 10^8 elements keeps
 * full precision). Mutable; not thread-safe.
 */
public final class CompensatedSum {
    private double sum;
    private double compensation;

    /** An accumulator at zero. */
    public CompensatedSum() {
        // Explicit so that the exported API documents it (javac's missing-explicit-ctor lint on JDK 25).
    }

    /** Adds one term. */
    public void add(double x) {
        double t = sum + x;
        if (Math.abs(sum) >= Math.abs(x)) {
            compensation += (sum - t) + x;
        } else {
            compensation += (x - t) + sum;
        }
        sum = t;
    }

    /** Adds another accumulator's exact state (its sum and its compensation). */
    public void add(CompensatedSum other) {
        add(other.sum);
        if (Double.isFinite(other.sum)) {
            add(other.compensation);
        }
    }

    /**
     * The compensated total. Once the running sum is infinite or NaN the compensation means nothing
     * ({@code inf - inf}), and the plain sum is the answer: an overflow or an infinite term gives
     * {@code +-inf}, opposite infinities or a NaN term give NaN.
     */
    public double value() {
        return Double.isFinite(sum) ? sum + compensation : sum;
    }

    /** Starts again from zero. */
    public void reset() {
        sum = 0;
        compensation = 0;
    }

    /** The compensated sum of an array. */
    public static double of(double[] values) {
        CompensatedSum s = new CompensatedSum();
        for (double v : values) {
            s.add(v);
        }
        return s.value();
    }
}
