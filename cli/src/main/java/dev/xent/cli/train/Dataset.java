package dev.xent.cli.train;

import java.util.List;

/**
 * Labelled rows for training: a row-major feature matrix (rows x features) and one class index per
 * row into {@link #classes()}, and the data file line of each row when known (errors name it).
 * Immutable; arrays are never handed out.
 */
public final class Dataset {
    private final List<String> featureNames;
    private final List<String> classes;
    private final double[] features;
    private final int[] targets;
    private final long[] lines;

    /**
     * @param featureNames one name per column
     * @param classes      the class labels; a row's target is an index into this list
     * @param features     row-major, {@code targets.length * featureNames.size()} values (taken, not copied)
     * @param targets      class index per row (taken, not copied)
     */
    public Dataset(List<String> featureNames, List<String> classes, double[] features, int[] targets) {
        this(featureNames, classes, features, targets, null);
    }

    /**
     * As {@link #Dataset(List, List, double[], int[])}, with the data file line of each row.
     *
     * @param lines one line number per row (taken, not copied), or null when unknown
     */
    public Dataset(List<String> featureNames, List<String> classes, double[] features, int[] targets, long[] lines) {
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
        if (lines != null && lines.length != targets.length) {
            throw new IllegalArgumentException(targets.length + " rows need " + targets.length + " line numbers; got "
                    + lines.length);
        }
        this.lines = lines;
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

    /** The data file line of a row, or 0 when unknown. */
    public long line(int row) {
        return lines == null ? 0 : lines[row];
    }

    /** The given rows, in the given order. */
    public Dataset rows(int[] selection) {
        int f = featureNames.size();
        double[] x = new double[selection.length * f];
        int[] y = new int[selection.length];
        long[] selectedLines = lines == null ? null : new long[selection.length];
        for (int i = 0; i < selection.length; i++) {
            System.arraycopy(features, selection[i] * f, x, i * f, f);
            y[i] = targets[selection[i]];
            if (selectedLines != null) {
                selectedLines[i] = lines[selection[i]];
            }
        }
        return new Dataset(featureNames, classes, x, y, selectedLines);
    }

    /**
     * Every feature transformed column-wise: {@code (x - center[c]) / scale[c]}, or
     * {@code x / scale[c] - center[c] / scale[c]} where the difference overflows (values near ±1e308).
     */
    Dataset standardized(double[] center, double[] scale) {
        int f = featureNames.size();
        double[] x = new double[features.length];
        for (int i = 0; i < x.length; i++) {
            double difference = features[i] - center[i % f];
            x[i] = Double.isFinite(difference) ? difference / scale[i % f]
                    : features[i] / scale[i % f] - center[i % f] / scale[i % f];
        }
        return new Dataset(featureNames, classes, x, targets, lines);
    }
}
