package dev.xent.train;

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

    /**
     * Fits mean and population standard deviation of every feature (compensated sums). The values are
     * first divided by a power of two near the column's largest magnitude, which is exact: the mean
     * and the deviations {@code x - mean} then cannot overflow, even for values near the ends of the
     * double range (±1e308), and for all other data the result has the same bits as the unscaled sums.
     *
     * @throws IllegalArgumentException naming a column whose standard deviation is not a finite number
     */
    public static Standardization fit(Dataset data) {
        int f = data.featureCount();
        int n = data.rows();
        double[] mean = new double[f];
        double[] scale = new double[f];
        for (int c = 0; c < f; c++) {
            double largest = 0;
            for (int r = 0; r < n; r++) {
                largest = Math.max(largest, Math.abs(data.feature(r, c)));
            }
            // 2^k with 2^k <= largest: dividing by it is exact (for normal numbers) and leaves values below 2.
            double unit = largest > Double.MIN_NORMAL ? Math.scalb(1.0, Math.getExponent(largest)) : 1.0;
            CompensatedSum sum = new CompensatedSum();
            for (int r = 0; r < n; r++) {
                sum.add(data.feature(r, c) / unit);
            }
            double scaledMean = sum.value() / n;
            CompensatedSum squares = new CompensatedSum();
            for (int r = 0; r < n; r++) {
                double d = data.feature(r, c) / unit - scaledMean;
                squares.add(d * d);
            }
            double std = Math.sqrt(squares.value() / n) * unit;
            if (!Double.isFinite(std)) {
                throw new IllegalArgumentException("feature '" + data.featureNames().get(c) + "': its standard deviation "
                        + "is beyond the double range; rescale the column or set data.standardize to false");
            }
            mean[c] = scaledMean * unit;
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
        return data.withFeatures(apply(data.featureValues()));
    }

    /**
     * Standardised copies of rows (row-major, {@code mean.length} features each): {@code (x - mean) / scale},
     * or {@code x / scale - mean / scale} where the difference overflows (values near ±1e308).
     */
    double[] apply(double[] features) {
        int f = mean.length;
        double[] x = new double[features.length];
        for (int i = 0; i < x.length; i++) {
            double difference = features[i] - mean[i % f];
            x[i] = Double.isFinite(difference) ? difference / scale[i % f]
                    : features[i] / scale[i % f] - mean[i % f] / scale[i % f];
        }
        return x;
    }
}
