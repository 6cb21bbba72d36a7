package dev.xent.cli.train;

import dev.xent.core.numeric.CompensatedSum;

/**
 * Z-score standardisation, {@code (x - mean) / std} per feature, with the population standard
 * deviation (divide by n, like scikit-learn's StandardScaler). Fitted on the training rows only, so
 * validation rows do not leak into it. A constant column keeps scale 1 (it is only centred).
 *
 * @param mean  per feature
 * @param scale per feature: the standard deviation, or 1 (identity, or a constant column)
 */
public record Standardization(double[] mean, double[] scale) {

    /** Fits mean and population standard deviation of every feature (compensated sums). */
    public static Standardization fit(Dataset data) {
        int f = data.featureCount();
        int n = data.rows();
        double[] mean = new double[f];
        double[] scale = new double[f];
        for (int c = 0; c < f; c++) {
            CompensatedSum sum = new CompensatedSum();
            for (int r = 0; r < n; r++) {
                sum.add(data.feature(r, c));
            }
            double m = sum.value() / n;
            CompensatedSum squares = new CompensatedSum();
            for (int r = 0; r < n; r++) {
                double d = data.feature(r, c) - m;
                squares.add(d * d);
            }
            double std = Math.sqrt(squares.value() / n);
            mean[c] = m;
            scale[c] = std > 0 ? std : 1.0;
        }
        return new Standardization(mean, scale);
    }

    /** No change: mean 0, scale 1 (for {@code "standardize": false}). */
    public static Standardization identity(int features) {
        double[] ones = new double[features];
        java.util.Arrays.fill(ones, 1.0);
        return new Standardization(new double[features], ones);
    }

    /** The data with every feature standardised. */
    public Dataset apply(Dataset data) {
        return data.standardized(mean, scale);
    }
}
