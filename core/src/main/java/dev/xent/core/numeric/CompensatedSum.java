package dev.xent.core.numeric;

/**
 * Compensated (Neumaier) summation: the rounding error of each addition, taken exactly and without a
 * branch by Knuth's TwoSum, is carried in a second accumulator, so the error of a sum of n terms does
 * not grow with n (a mean over 10^8 elements keeps full precision). Mutable; not thread-safe.
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
        // Knuth's branch-free TwoSum: the exact rounding error of sum + x, whichever is larger, so the
        // same error Neumaier's comparison selects, without a branch that mispredicts on mixed terms.
        double t = sum + x;
        double xPart = t - sum;
        compensation += (sum - (t - xPart)) + (x - xPart);
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

    /**
     * Multiplies the accumulated state by {@code 2^n} (exact unless it leaves the range of normal
     * doubles): a sum kept in a scaled unit, such as a streamed weighted mean, can change its unit.
     */
    public void scalb(int n) {
        sum = Math.scalb(sum, n);
        compensation = Math.scalb(compensation, n);
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
