package dev.xent.train;

import dev.xent.core.numeric.MatrixProduct;

/**
 * A {@link Network}'s forward and backward passes on flat arrays, layer by layer with
 * {@link LinearLayer} and the activation in one pass over each hidden layer's outputs: the same
 * floating-point operations in the same order as the network's expression on the autodiff graph
 * ({@code h = activation(h W + b)}, then {@code h W + b}, and its backward steps), so the logits and
 * gradients are the graph's bit for bit, without a node, broadcast map or temporary array per op.
 *
 * <p>An instance keeps each hidden layer's outputs of the last {@link #forward} for {@link #backward},
 * in buffers it reuses from batch to batch: one instance per training run, used by one thread.
 */
final class NetworkPass {
    /** Rows per chunk of a forward-only pass: bounds the hidden buffers on large data sets (rows are independent). */
    private static final int CHUNK_ROWS = 4096;

    private final Network network;
    /** The products' kernels, chosen once ({@link MatrixProduct#preferred()} reads a system property). */
    private final MatrixProduct product = MatrixProduct.preferred();
    private final double[][] hidden;
    private double[] gradientBelow = new double[0];
    private double[] gradientAbove = new double[0];

    NetworkPass(Network network) {
        this.network = network;
        this.hidden = new double[network.layerCount() - 1][0];
    }

    /**
     * The logits of {@code rows} rows of x ({@code rows x inputs}) into z ({@code rows x outputs},
     * overwritten), keeping the hidden layers' outputs for {@link #backward}.
     */
    void forward(double[] params, double[] x, int rows, double[] z) {
        forwardRows(params, x, 0, rows, z);
    }

    /** The logits of {@code rows} rows of x, forward only, a chunk of rows at a time. */
    double[] logits(double[] params, double[] x, int rows) {
        double[] z = new double[rows * network.outputs()];
        for (int from = 0; from < rows; from += CHUNK_ROWS) {
            forwardRows(params, x, from, Math.min(CHUNK_ROWS, rows - from), z);
        }
        return z;
    }

    private void forwardRows(double[] params, double[] x, int rowFrom, int rows, double[] z) {
        int layers = network.layerCount();
        double[] in = x;
        int inFrom = rowFrom * network.inputs();
        for (int l = 0; l < layers; l++) {
            int inputs = network.size(l);
            int outputs = network.size(l + 1);
            boolean last = l == layers - 1;
            double[] out = last ? z : hiddenBuffer(l, rows * outputs);
            int outFrom = last ? rowFrom * outputs : 0;
            LinearLayer.forward(product, in, inFrom, rows, inputs, params, network.weightOffset(l), network.biasOffset(l),
                    outputs, out, outFrom);
            if (!last) {
                network.activation().forward(out, rows * outputs);
            }
            in = out;
            inFrom = 0;
        }
    }

    /**
     * Writes the gradient of {@code sum(logits * upstream)} with respect to the parameters into
     * {@code gradientOut} (overwritten), for the rows and parameters of the last {@link #forward}.
     */
    void backward(double[] params, double[] x, int rows, double[] upstream, double[] gradientOut) {
        double[] g = upstream;
        for (int l = network.layerCount() - 1; l >= 0; l--) {
            int inputs = network.size(l);
            double[] in = l == 0 ? x : hidden[l - 1];
            double[] inputGradient = null;
            if (l > 0) {
                if (gradientBelow.length < rows * inputs) {
                    gradientBelow = new double[rows * inputs];
                }
                inputGradient = gradientBelow;
            }
            LinearLayer.backward(product, in, rows, inputs, g, params, network.weightOffset(l), network.biasOffset(l),
                    network.size(l + 1), gradientOut, inputGradient);
            if (l > 0) {
                network.activation().backward(hidden[l - 1], inputGradient, rows * inputs);
                gradientBelow = gradientAbove;
                gradientAbove = inputGradient;
                g = inputGradient;
            }
        }
    }

    private double[] hiddenBuffer(int layer, int size) {
        if (hidden[layer].length < size) {
            hidden[layer] = new double[size];
        }
        return hidden[layer];
    }
}
