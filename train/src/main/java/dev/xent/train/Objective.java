package dev.xent.train;

import dev.xent.autodiff.Graph;
import dev.xent.core.Loss;
import dev.xent.core.Node;
import dev.xent.core.Tensor;
import java.util.List;

/**
 * What training minimises: {@code mean loss(outputs, targets) + l2 / 2 * ||W||^2} (biases not
 * penalised), and its gradient with respect to the network's flat parameter vector. The outputs are
 * logits, or the predictions of a loss on real numbers; this class calls both logits.
 *
 * <p>The model part runs on the autodiff graph, except for a linear model, whose two matrix loops
 * ({@link LinearLayer}) give the graph's results bit for bit without its overhead; the loss part
 * uses the loss's fused
 * {@link Loss#valueAndGradient(Tensor, Tensor, Tensor, double[])} kernel, whose gradient G with
 * respect to the logits is pushed back through the model by backpropagating {@code sum(logits * G)}.
 */
final class Objective {
    private final Network network;
    private final Loss loss;
    private final double l2;

    Objective(Network network, Loss loss, double l2) {
        this.network = network;
        this.loss = loss;
        this.l2 = l2;
    }

    Network network() {
        return network;
    }

    /**
     * The mean loss and the objective at a point.
     *
     * @param meanLoss  without the penalty
     * @param objective meanLoss + penalty
     */
    record Value(double meanLoss, double objective) {
        static final Value NAN = new Value(Double.NaN, Double.NaN);
    }

    /**
     * The objective at {@code params} on {@code batch}; writes its gradient into {@code gradientOut}
     * (overwritten). NaN when the logits are NaN (the run diverged).
     */
    Value valueAndGradient(double[] params, Batch batch, double[] gradientOut) {
        if (network.layerCount() == 1) {
            return linearValueAndGradient(params, batch, gradientOut);
        }
        List<Node> leaves = network.leaves(params, true);
        Node logits = network.logits(Graph.constant(batch.features()), leaves);
        Tensor z = logits.value();
        if (hasNaN(z)) {
            return Value.NAN;
        }
        double[] upstream = new double[z.size()];
        double meanLoss = loss.valueAndGradient(z, batch.targets(), null, upstream);
        requireFiniteLoss(z, batch, meanLoss, upstream);
        logits.mul(logits.constant(Tensor.wrap(upstream, z.shape()))).sum().backward();
        network.gradients(leaves, gradientOut);
        return new Value(meanLoss, meanLoss + network.penalty(params, l2, gradientOut));
    }

    /** As the graph path, bit for bit, with {@link LinearLayer}'s loops for the model part. */
    private Value linearValueAndGradient(double[] params, Batch batch, double[] gradientOut) {
        Tensor z = logits(params, batch);
        if (hasNaN(z)) {
            return Value.NAN;
        }
        double[] upstream = new double[z.size()];
        double meanLoss = loss.valueAndGradient(z, batch.targets(), null, upstream);
        requireFiniteLoss(z, batch, meanLoss, upstream);
        LinearLayer.gradient(batch.featureValues(), batch.rows(), network.inputs(), upstream, network.outputs(),
                gradientOut);
        return new Value(meanLoss, meanLoss + network.penalty(params, l2, gradientOut));
    }

    /** The logits of a batch ({@code rows x outputs}), forward only. */
    private Tensor logits(double[] params, Batch batch) {
        if (network.layerCount() > 1) {
            return network.logits(params, batch.features());
        }
        double[] z = new double[batch.rows() * network.outputs()];
        LinearLayer.logits(batch.featureValues(), batch.rows(), network.inputs(), params, network.outputs(), z);
        return Tensor.wrap(z, batch.rows(), network.outputs());
    }

    /** The mean loss without the penalty; NaN when the logits are NaN. */
    double meanLoss(double[] params, Batch batch) {
        Tensor z = logits(params, batch);
        if (hasNaN(z)) {
            return Double.NaN;
        }
        double meanLoss = loss.value(z, batch.targets());
        requireFiniteLoss(z, batch, meanLoss, null);
        return meanLoss;
    }

    /**
     * On finite logits a loss on logits is finite, and so is its gradient: when the mean or the
     * gradient ({@code upstream}, may be null) is not, throws {@link NonFiniteLossException} naming the
     * first row whose loss (or else gradient) is not finite. Non-finite logits (the model overflowed)
     * and a mean that overflows from finite losses are left to the caller's divergence check.
     */
    private void requireFiniteLoss(Tensor z, Batch batch, double meanLoss, double[] upstream) {
        if (Double.isFinite(meanLoss) && (upstream == null || allFinite(upstream)) || !allFinite(z.toArray())) {
            return;
        }
        Tensor perSample = loss.perSample(z, batch.targets());
        int perRow = perSample.size() / batch.rows();
        for (int i = 0; i < perSample.size(); i++) {
            if (!Double.isFinite(perSample.getFlat(i))) {
                throw new NonFiniteLossException(loss.name(), "loss", batch.line(i / perRow), i / perRow,
                        perSample.getFlat(i));
            }
        }
        int outputs = z.size() / batch.rows();
        for (int i = 0; upstream != null && i < upstream.length; i++) {
            if (!Double.isFinite(upstream[i])) {
                throw new NonFiniteLossException(loss.name(), "gradient", batch.line(i / outputs), i / outputs,
                        upstream[i]);
            }
        }
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The L2 penalty alone. */
    double penalty(double[] params) {
        return network.penalty(params, l2, null);
    }

    /**
     * The share of rows whose predicted class (logit > 0, or the arg-max logit) is the target; null
     * for a loss on real predictions, which has no classes.
     */
    Double accuracy(double[] params, Batch batch) {
        if (TrainableLoss.takesRealPredictions(loss)) {
            return null;
        }
        Tensor z = logits(params, batch);
        int outputs = network.outputs();
        int correct = 0;
        for (int r = 0; r < batch.rows(); r++) {
            int predicted;
            if (outputs == 1) {
                predicted = z.getFlat(r) > 0 ? 1 : 0;
            } else {
                predicted = 0;
                for (int c = 1; c < outputs; c++) {
                    if (z.getFlat(r * outputs + c) > z.getFlat(r * outputs + predicted)) {
                        predicted = c;
                    }
                }
            }
            if (predicted == batch.target(r)) {
                correct++;
            }
        }
        return (double) correct / batch.rows();
    }

    private static boolean hasNaN(Tensor t) {
        for (int i = 0; i < t.size(); i++) {
            if (Double.isNaN(t.getFlat(i))) {
                return true;
            }
        }
        return false;
    }
}
