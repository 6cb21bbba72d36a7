package dev.xent.train;

import java.util.Arrays;
import java.util.Random;

/**
 * A seeded random split of row indices into training and validation rows: the rows are shuffled
 * (Fisher-Yates with {@code java.util.Random(seed)}, whose sequence is specified, so the split is the
 * same on every JVM) and the first {@code round(rows * fraction)} become validation rows. Both parts
 * keep ascending row order.
 *
 * @param training   row indices for fitting
 * @param validation row indices held out (empty for fraction 0)
 */
public record ValidationSplit(int[] training, int[] validation) {

    /**
     * @param fraction in [0, 1); a positive fraction must leave at least one row on each side
     */
    public static ValidationSplit of(int rows, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation_fraction = " + fraction + " is outside [0, 1)");
        }
        int held = (int) Math.round(rows * fraction);
        if (fraction > 0 && (held == 0 || held == rows)) {
            throw new IllegalArgumentException("validation_fraction = " + fraction + " of " + rows
                    + " rows leaves " + held + " validation and " + (rows - held) + " training rows; both need at least one");
        }
        int[] order = permutation(rows, new Random(seed));
        int[] validation = Arrays.copyOfRange(order, 0, held);
        int[] training = Arrays.copyOfRange(order, held, rows);
        Arrays.sort(validation);
        Arrays.sort(training);
        return new ValidationSplit(training, validation);
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    static int[] permutation(int n, Random random) {
        int[] order = identity(n);
        shuffle(order, random);
        return order;
    }

    /** 0, 1, ..., n-1. */
    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Shuffles in place (Fisher-Yates). */
    static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
