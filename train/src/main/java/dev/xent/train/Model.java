package dev.xent.train;

import dev.xent.core.Tensor;
import dev.xent.core.numeric.RowSoftmax;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A trained network with what is needed to apply it to raw rows: the feature names in order, the
 * standardisation and the class labels (empty for a model trained with a loss on real predictions).
 * It predicts from raw feature rows and is saved to and loaded from the model file the command line
 * writes ({@link ModelFile}, format {@code xent-model/1}). Immutable.
 */
public final class Model {
    private final Network network;
    private final double[] parameters;
    private final Standardization standardization;
    private final List<String> featureNames;
    private final List<String> classes;

    /**
     * @param parameters      the network's flat parameters (copied)
     * @param classes         the class labels; empty when the outputs are real predictions
     * @throws IllegalArgumentException when the sizes do not fit the network
     */
    public Model(Network network, double[] parameters, Standardization standardization, List<String> featureNames,
                 List<String> classes) {
        if (parameters.length != network.parameterCount() || featureNames.size() != network.inputs()
                || standardization.mean().length != network.inputs()) {
            throw new IllegalArgumentException("the parameters, feature names and standardisation do not fit a network of "
                    + network.inputs() + " inputs and " + network.parameterCount() + " parameters");
        }
        if (!classes.isEmpty() && classes.size() != Math.max(2, network.outputs())) {
            throw new IllegalArgumentException(classes.size() + " classes do not fit " + network.outputs() + " outputs");
        }
        this.network = network;
        this.parameters = parameters.clone();
        this.standardization = standardization;
        this.featureNames = List.copyOf(featureNames);
        this.classes = List.copyOf(classes);
    }

    /** The network's shape. */
    public Network network() {
        return network;
    }

    /** A copy of the flat parameters (layout: {@link Network}). */
    public double[] parameters() {
        return parameters.clone();
    }

    /** The standardisation applied to raw rows before the network. */
    public Standardization standardization() {
        return standardization;
    }

    /** The feature names, in the order the rows give them. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The class labels; empty for a model whose outputs are real predictions. */
    public List<String> classes() {
        return classes;
    }

    /**
     * The network's outputs for raw rows: logits (one per row for a binary target, one per class
     * otherwise), or the real predictions of a model without classes.
     *
     * @param rows one array of {@code featureNames().size()} raw values per row
     * @return one array of {@code network().outputs()} values per row
     */
    public double[][] outputs(double[][] rows) {
        int f = featureNames.size();
        double[] x = new double[rows.length * f];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != f) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values; the model takes "
                        + f + " features: " + featureNames);
            }
            System.arraycopy(rows[r], 0, x, r * f, f);
        }
        int k = network.outputs();
        double[] z = rows.length == 0 ? new double[0]
                : network.logits(parameters, Tensor.wrap(standardization.apply(x), rows.length, f)).toArray();
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = Arrays.copyOfRange(z, r * k, (r + 1) * k);
        }
        return out;
    }

    /**
     * The probability of every class for raw rows, in the order of {@link #classes()}: the sigmoid of
     * the one logit for a binary target ({@code [1 - p, p]}), else the softmax of the logits.
     *
     * @throws IllegalStateException for a model without classes (trained on real predictions)
     */
    public double[][] predictProbabilities(double[][] rows) {
        requireClasses();
        double[][] z = outputs(rows);
        for (int r = 0; r < z.length; r++) {
            if (z[r].length == 1) {
                double p = sigmoid(z[r][0]);
                z[r] = new double[] {1 - p, p};
            } else {
                RowSoftmax.inPlace(z[r], 1, z[r].length);
            }
        }
        return z;
    }

    /**
     * The most probable class of every raw row, as an index into {@link #classes()} (ties: the first).
     *
     * @throws IllegalStateException for a model without classes (trained on real predictions)
     */
    public int[] predictClasses(double[][] rows) {
        requireClasses();
        double[][] z = outputs(rows);
        int[] predicted = new int[z.length];
        for (int r = 0; r < z.length; r++) {
            if (z[r].length == 1) {
                predicted[r] = z[r][0] > 0 ? 1 : 0;
            } else {
                for (int c = 1; c < z[r].length; c++) {
                    if (z[r][c] > z[r][predicted[r]]) {
                        predicted[r] = c;
                    }
                }
            }
        }
        return predicted;
    }

    private void requireClasses() {
        if (classes.isEmpty()) {
            throw new IllegalStateException("the model was trained with a loss on real predictions and has no classes;"
                    + " use outputs(rows)");
        }
    }

    private static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    /** The model file's content (see {@link ModelFile}), ready for a JSON writer. */
    public Map<String, Object> toJson() {
        return ModelFile.toJson(this);
    }

    /** Writes the model file (format {@code xent-model/1}, pretty-printed JSON). */
    public void save(Path file) throws IOException {
        ModelFile.save(this, file);
    }

    /**
     * Reads a model file written by {@link #save} or by the command line's train task.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not a valid {@code xent-model/1} file, naming what is wrong
     */
    public static Model load(Path file) throws IOException {
        return ModelFile.load(file);
    }
}
