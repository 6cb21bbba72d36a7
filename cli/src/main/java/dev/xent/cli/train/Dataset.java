package dev.xent.cli.train;

import java.util.List;

/**
 * Labelled rows for training: a row-major feature matrix (rows x features) and one class index per
 * row into {@link #classes()}. Immutable; arrays are never handed out.
 */
public final class Dataset {
    private final List<String> featureNames;
    private final List<String> classes;
    private final double[] features;
    private final int[] targets;

    /**
     * @param featureNames one name per column
     * @param classes      the class labels; a row's target is an index into this list
     * @param features     row-major, {@code targets.length * featureNames.size()} values (taken, not copied)
     * @param targets      class index per row (taken, not copied)
     */
    public Dataset(List<String> featureNames, List<String> classes, double[] features, int[] targets) {
        if (features.length != (long) targets.length * featureNames.size()) {
            throw new IllegalArgumentException(targets.length + " rows of " + featureNames.size()
                    + " features need " + (long) targets.length * featureNames.size() + " values; got " + features.length);
        }
        for (int r = 0; r < targets.length; r++) {
            if (targets[r] < 0 || targets[r] >= classes.size()) {
                throw new IllegalArgumentException("row " + r + ": class index " + targets[r] + " is outside [0, "
                        + classes.size() + ")");
            }
        }
        this.featureNames = List.copyOf(featureNames);
        this.classes = List.copyOf(classes);
        this.features = features;
        this.targets = targets;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public List<String> classes() {
        return classes;
    }

    public int rows() {
        return targets.length;
    }

    public int featureCount() {
        return featureNames.size();
    }

    /** The feature at a row and column. */
    public double feature(int row, int column) {
        return features[row * featureNames.size() + column];
    }

    /** The class index of a row. */
    public int target(int row) {
        return targets[row];
    }

    /** The given rows, in the given order. */
    public Dataset rows(int[] selection) {
        int f = featureNames.size();
        double[] x = new double[selection.length * f];
        int[] y = new int[selection.length];
        for (int i = 0; i < selection.length; i++) {
            System.arraycopy(features, selection[i] * f, x, i * f, f);
            y[i] = targets[selection[i]];
        }
        return new Dataset(featureNames, classes, x, y);
    }

    /** Every feature transformed column-wise: {@code (x - center[c]) / scale[c]}. */
    Dataset standardized(double[] center, double[] scale) {
        int f = featureNames.size();
        double[] x = new double[features.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (features[i] - center[i % f]) / scale[i % f];
        }
        return new Dataset(featureNames, classes, x, targets);
    }
}
