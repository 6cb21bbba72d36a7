package dev.xent.train;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What training minimises: {@code mean loss(outputs, targets) + l2 / 2 * ||W||^2} (biases not
 * penalised), and its gradient with respect to the network's flat parameter vector. The outputs are
 * logits, or the predictions of a loss on real numbers; this class calls both logits.
 *
 * <p>The model part runs on {@link NetworkPass} (the autodiff graph's results bit for bit, without
 * its per-op overhead); the loss part uses the loss's fused
 * {@link Loss#valueAndGradient(Tensor, Tensor, Tensor, double[])} kernel, whose gradient G with
 * respect to the logits is pushed back through the model as the gradient of {@code sum(logits * G)}.
 * The logits and G of a batch live in buffers reused while the batch size stays the same: one
 * instance per run, used by one thread.
 */
final class Objective {
    private final Network network;
    private final Loss loss;
    private final double l2;
    private final NetworkPass pass;
    private double[] logits = new double[0];
    private double[] upstream = new double[0];
    private final Map<Batch, Forward> lastForward = new IdentityHashMap<>();

    Objective(Network network, Loss loss, double l2) {
        this.network = network;
        this.loss = loss;
        this.l2 = l2;
        this.pass = new NetworkPass(network);
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
        int size = batch.rows() * network.outputs();
        if (logits.length != size) {
            logits = new double[size];
            upstream = new double[size];
        }
        pass.forward(params, batch.featureValues(), batch.rows(), logits);
        Tensor z = Tensor.wrap(logits, batch.rows(), network.outputs());
        if (hasNaN(logits)) {
            return Value.NAN;
        }
        double meanLoss = loss.valueAndGradient(z, batch.targets(), null, upstream);
        requireFiniteLoss(z, batch, meanLoss, upstream);
        pass.backward(params, batch.featureValues(), batch.rows(), upstream, gradientOut);
        return new Value(meanLoss, meanLoss + network.penalty(params, l2, gradientOut));
    }

    /** The logits of a batch ({@code rows x outputs}), forward only. */
    private Tensor logits(double[] params, Batch batch) {
        return Tensor.wrap(forwardOnly(params, batch), batch.rows(), network.outputs());
    }

    /**
     * The logits of a whole data set's batch (the training or validation rows, which never change),
     * remembered per batch for the last parameters: the run's final metrics ask for the losses and
     * the accuracy at the parameters whose losses the last epoch just measured, and get them without
     * more passes over the rows (the same values: the same computation).
     */
    private double[] forwardOnly(double[] params, Batch batch) {
        Forward last = lastForward.get(batch);
        if (last == null || !Arrays.equals(params, last.params())) {
            last = new Forward(params.clone(), pass.logits(params, batch.featureValues(), batch.rows()));
            lastForward.put(batch, last);
        }
        return last.logits();
    }

    private record Forward(double[] params, double[] logits) {
    }

    /** The mean loss without the penalty; NaN when the logits are NaN. */
    double meanLoss(double[] params, Batch batch) {
        double[] values = forwardOnly(params, batch);
        if (hasNaN(values)) {
            return Double.NaN;
        }
        Tensor z = Tensor.wrap(values, batch.rows(), network.outputs());
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

    private static boolean hasNaN(double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }
}
