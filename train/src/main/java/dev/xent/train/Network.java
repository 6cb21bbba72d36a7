package dev.xent.train;

import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import java.util.Random;

/**
 * A fully connected network that outputs logits (or a loss's real predictions): {@code linear} is the special case without hidden
 * layers ({@code logits = X W + b}); an {@code mlp} applies {@code h = activation(h W_l + b_l)} for
 * each hidden layer, then a linear output layer (no activation: the loss takes logits or real numbers).
 *
 * <p>All parameters live in one flat vector, layer by layer: the weights ({@code in x out},
 * row-major), then the biases ({@code out}). Only weights are penalised by L2.
 *
 * <p>Initialisation is deterministic for a seed: linear models start at zero (the objective is
 * convex, so the start only matters for speed); mlp weights are drawn from
 * {@code java.util.Random(seed)}: uniform in {@code +-sqrt(6 / (in + out))} (Glorot) for tanh and
 * {@code +-sqrt(6 / in)} (He) for relu; biases start at zero.
 */
public final class Network {
    private final int[] sizes;
    private final Activation activation;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int parameterCount;

    /**
     * @param inputs     number of features
     * @param hidden     hidden layer sizes (empty for a linear model), each at least 1
     * @param activation between hidden layers; ignored (may be null) without hidden layers
     * @param outputs    number of logits per row
     */
    public Network(int inputs, int[] hidden, Activation activation, int outputs) {
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("a network needs at least one input and one output; got "
                    + inputs + " and " + outputs);
        }
        if (hidden.length > 0 && activation == null) {
            throw new IllegalArgumentException("hidden layers need an activation");
        }
        sizes = new int[hidden.length + 2];
        sizes[0] = inputs;
        for (int l = 0; l < hidden.length; l++) {
            if (hidden[l] < 1) {
                throw new IllegalArgumentException("hidden layer " + l + " has size " + hidden[l] + "; sizes must be at least 1");
            }
            sizes[l + 1] = hidden[l];
        }
        sizes[sizes.length - 1] = outputs;
        this.activation = activation;
        int layers = sizes.length - 1;
        weightOffset = new int[layers];
        biasOffset = new int[layers];
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            weightOffset[l] = (int) offset;
            offset += (long) sizes[l] * sizes[l + 1];
            biasOffset[l] = (int) offset;
            offset += sizes[l + 1];
            if (offset > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the network has too many parameters");
            }
        }
        parameterCount = (int) offset;
    }

    /** The number of features. */
    public int inputs() {
        return sizes[0];
    }

    /** The number of outputs per row. */
    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /** The hidden layer sizes (empty for a linear model). */
    public int[] hidden() {
        return java.util.Arrays.copyOfRange(sizes, 1, sizes.length - 1);
    }

    /** The number of weight layers: hidden layers plus the output layer. */
    public int layerCount() {
        return sizes.length - 1;
    }

    /** Null for a linear model. */
    public Activation activation() {
        return layerCount() > 1 ? activation : null;
    }

    /** The length of the flat parameter vector. */
    public int parameterCount() {
        return parameterCount;
    }

    /** The starting parameters for a seed (see the class comment). */
    public double[] initialParameters(long seed) {
        double[] params = new double[parameterCount];
        if (layerCount() == 1) {
            return params;
        }
        Random random = new Random(seed);
        for (int l = 0; l < layerCount(); l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double limit = activation == Activation.RELU && l < layerCount() - 1
                    ? Math.sqrt(6.0 / in) : Math.sqrt(6.0 / (in + out));
            for (int i = 0; i < in * out; i++) {
                params[weightOffset[l] + i] = (2 * random.nextDouble() - 1) * limit;
            }
        }
        return params;
    }

    /** The weight matrix of a layer ({@code in x out}). */
    public Tensor weights(double[] params, int layer) {
        int in = sizes[layer];
        int out = sizes[layer + 1];
        double[] w = new double[in * out];
        System.arraycopy(params, weightOffset[layer], w, 0, w.length);
        return Tensor.wrap(w, in, out);
    }

    /** The bias vector of a layer. */
    public Tensor bias(double[] params, int layer) {
        int out = sizes[layer + 1];
        double[] b = new double[out];
        System.arraycopy(params, biasOffset[layer], b, 0, out);
        return Tensor.wrap(b, out);
    }

    /** The logits for a feature matrix ({@code rows x outputs}), forward only. */
    public Tensor logits(double[] params, Tensor x) {
        int rows = x.shape()[0];
        return Tensor.wrap(new NetworkPass(this).logits(params, x.toArray(), rows), rows, outputs());
    }

    /** The width of layer {@code l}'s input (0: the features) or, for {@code l = layerCount()}, the outputs. */
    int size(int l) {
        return sizes[l];
    }

    /** Where weight layer {@code l}'s weights start in the flat parameter vector. */
    int weightOffset(int l) {
        return weightOffset[l];
    }

    /** Where weight layer {@code l}'s biases start in the flat parameter vector. */
    int biasOffset(int l) {
        return biasOffset[l];
    }

    /**
     * The L2 penalty {@code l2 / 2 * sum of squared weights} (biases excluded); adds its gradient
     * {@code l2 * w} to {@code gradientOut} unless that is null.
     */
    double penalty(double[] params, double l2, double[] gradientOut) {
        if (l2 == 0) {
            return 0;
        }
        CompensatedSum squares = new CompensatedSum();
        for (int l = 0; l < layerCount(); l++) {
            for (int i = weightOffset[l]; i < biasOffset[l]; i++) {
                squares.add(params[i] * params[i]);
                if (gradientOut != null) {
                    gradientOut[i] += l2 * params[i];
                }
            }
        }
        return 0.5 * l2 * squares.value();
    }
}
