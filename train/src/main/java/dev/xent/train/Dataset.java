package dev.xent.train;

import java.util.List;

/**
 * Labelled rows for training: a row-major feature matrix (rows x features) and one target per row,
 * and the data file line of each row when known (errors name it). A target is either a class index
 * into {@link #classes()} (for losses on logits) or, when {@link #classes()} is empty, a real number
 * (for losses on real predictions, {@link #withRealTargets}). Arrays are taken, not copied, and never
 * handed out: do not change them afterwards.
 */
public final class Dataset {
    private final List<String> featureNames;
    private final List<String> classes;
    private final double[] features;
    private final double[] targets;
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
        this(featureNames, classes, features, classIndices(targets, classes.size()), lines);
    }

    private Dataset(List<String> featureNames, List<String> classes, double[] features, double[] targets, long[] lines) {
        if (features.length != (long) targets.length * featureNames.size()) {
            throw new IllegalArgumentException(targets.length + " rows of " + featureNames.size()
                    + " features need " + (long) targets.length * featureNames.size() + " values; got " + features.length);
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

    /**
     * Rows whose targets are real numbers, for a loss on real predictions (e.g. counts for a Poisson
     * loss); {@link #classes()} is empty.
     *
     * @param features row-major, {@code targets.length * featureNames.size()} values (taken, not copied)
     * @param targets  one finite number per row (taken, not copied)
     * @param lines    one data file line per row (taken, not copied), or null when unknown
     * @throws IllegalArgumentException for a target that is not finite, naming its row
     */
    public static Dataset withRealTargets(List<String> featureNames, double[] features, double[] targets, long[] lines) {
        for (int r = 0; r < targets.length; r++) {
            if (!Double.isFinite(targets[r])) {
                throw new IllegalArgumentException("row " + r + ": the target " + targets[r] + " is not a finite number");
            }
        }
        return new Dataset(featureNames, List.of(), features, targets, lines);
    }

    private static double[] classIndices(int[] targets, int classes) {
        double[] indices = new double[targets.length];
        for (int r = 0; r < targets.length; r++) {
            if (targets[r] < 0 || targets[r] >= classes) {
                throw new IllegalArgumentException("row " + r + ": class index " + targets[r] + " is outside [0, "
                        + classes + ")");
            }
            indices[r] = targets[r];
        }
        return indices;
    }

    /** The feature names, one per column. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The class labels; empty when the targets are real numbers. */
    public List<String> classes() {
        return classes;
    }

    /** Whether the targets are real numbers rather than class indices. */
    public boolean hasRealTargets() {
        return classes.isEmpty();
    }

    /** The number of rows. */
    public int rows() {
        return targets.length;
    }

    /** The number of features per row. */
    public int featureCount() {
        return featureNames.size();
    }

    /** The feature at a row and column. */
    public double feature(int row, int column) {
        return features[row * featureNames.size() + column];
    }

    /** The class index of a row (for data with classes). */
    public int target(int row) {
        return (int) targets[row];
    }

    /** The target of a row as a number: its class index, or its real value. */
    public double targetValue(int row) {
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
        double[] y = new double[selection.length];
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

    /** The same rows and targets with other feature values (same shape). */
    Dataset withFeatures(double[] x) {
        return new Dataset(featureNames, classes, x, targets, lines);
    }

    /** The feature matrix, row-major; not a copy: do not change it. */
    double[] featureValues() {
        return features;
    }
}
