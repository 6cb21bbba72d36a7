package dev.xent.autodiff;

import dev.xent.core.Loss;
import dev.xent.core.Node;
import dev.xent.core.Reduction;
import dev.xent.core.Tensor;
import dev.xent.core.Validate;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.SampleWeights;

/**
 * Any loss evaluated through its graph expression ({@link Loss#graph}) on the autodiff engine, with
 * sample weights and reduction applied as {@link Reduction} documents (for the mean, the weights are
 * first scaled by a power of two, {@link SampleWeights}: weights near 1e308 do not overflow). This is the default path of
 * {@link GraphLoss} and the reference that fused kernels are tested (and gradient-checked) against.
 */
public final class LossGraph {
    private LossGraph() {
    }

    /** Per-sample losses from the graph. */
    public static Tensor perSample(Loss loss, Tensor predictions, Tensor targets) {
        loss.validate(predictions, targets);
        return loss.graph(Graph.constant(predictions), Graph.constant(targets)).value();
    }

    /** The reduced value from the graph. */
    public static double value(Loss loss, Tensor predictions, Tensor targets, Tensor sampleWeights) {
        requireScalarReduction(loss);
        return run(loss, predictions, targets, sampleWeights, null);
    }

    /** The gradient from backward through the graph. */
    public static Tensor gradient(Loss loss, Tensor predictions, Tensor targets, Tensor sampleWeights) {
        double[] gradient = new double[predictions.size()];
        run(loss, predictions, targets, sampleWeights, gradient);
        return Tensor.wrap(gradient, predictions.shape());
    }

    /** Value and gradient from one forward and one backward pass; the gradient goes to {@code gradientOut}. */
    public static double valueAndGradient(Loss loss, Tensor predictions, Tensor targets, Tensor sampleWeights,
                                          double[] gradientOut) {
        requireScalarReduction(loss);
        requireGradientBuffer(gradientOut, predictions);
        return run(loss, predictions, targets, sampleWeights, gradientOut);
    }

    /**
     * Throws {@link IllegalStateException} if {@code loss} has {@link Reduction#NONE}, which gives no
     * single value; for fused kernels that must reject what the graph path rejects.
     */
    public static void requireScalarReduction(Loss loss) {
        if (loss.reduction() == Reduction.NONE) {
            throw new IllegalStateException(loss.name() + " has reduction none, which gives no single value; "
                    + "use perSample(...), or gradient(...) for each element's gradient");
        }
    }

    /** Throws {@link IllegalArgumentException} unless {@code gradientOut} holds one value per prediction. */
    public static void requireGradientBuffer(double[] gradientOut, Tensor predictions) {
        if (gradientOut.length != predictions.size()) {
            throw new IllegalArgumentException("gradient buffer holds " + gradientOut.length
                    + " values; predictions have " + predictions.size());
        }
    }

    private static double run(Loss loss, Tensor predictions, Tensor targets, Tensor sampleWeights, double[] gradientOut) {
        loss.validate(predictions, targets);
        Node p = gradientOut == null ? Graph.constant(predictions) : Graph.variable(predictions);
        Node perSample = loss.graph(p, Graph.constant(targets));
        int[] shape = perSample.shape();
        int rows = shape.length == 0 ? 1 : shape[0];
        Validate.sampleWeights(sampleWeights, rows);
        Tensor weights = loss.reduction() == Reduction.MEAN ? scaledForMean(sampleWeights) : sampleWeights;
        Node weighted = weights == null ? perSample : perSample.mul(p.constant(asColumn(weights, shape)));
        Node total = weighted.sum();
        if (loss.reduction() == Reduction.MEAN) {
            double denominator = meanDenominator(loss, predictions, targets, weights, shape);
            total = total.div(p.constant(Tensor.scalar(denominator)));
        }
        if (gradientOut != null) {
            total.backward();
            ((GraphNode) p).copyGradientTo(gradientOut);
        }
        return total.value().item();
    }

    /**
     * Validated weights (or null) times the power of two of {@link SampleWeights#meanFactor}: the same mean
     * and gradient, but the total weight and the weighted losses stay finite where the mean is.
     */
    private static Tensor scaledForMean(Tensor weights) {
        if (weights == null) {
            return null;
        }
        double factor = SampleWeights.meanFactor(weights);
        double[] scaled = weights.toArray();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= factor;
        }
        return Tensor.wrap(scaled, weights.shape());
    }

    /** Weights shaped to multiply per-sample losses row by row. */
    private static Tensor asColumn(Tensor weights, int[] perSampleShape) {
        return switch (perSampleShape.length) {
            case 0 -> weights.reshape();
            case 1 -> weights.reshape(weights.size());
            case 2 -> weights.reshape(weights.size(), 1);
            default -> throw new IllegalArgumentException("sample weights need per-sample losses of rank <= 2; got rank "
                    + perSampleShape.length);
        };
    }

    /**
     * {@code sum_i s_i m_i}: sample weight times the loss's mean weight, over every per-sample loss.
     * Zero (every row ignored or weightless) is an error, not a NaN.
     */
    static double meanDenominator(Loss loss, Tensor predictions, Tensor targets, Tensor sampleWeights, int[] shape) {
        int size = Broadcast.product(shape);
        int rows = shape.length == 0 ? 1 : shape[0];
        int rowLength = rows == 0 ? 0 : size / rows;
        Tensor meanWeights = loss.meanWeights(predictions, targets).orElse(null);
        if (meanWeights == null && sampleWeights == null) {
            return requirePositive(loss, size); // a sum of ones: exact below 2^53
        }
        if (meanWeights != null && meanWeights.size() != size) {
            throw new IllegalStateException(loss.name() + ": meanWeights has " + meanWeights.size()
                    + " values but there are " + size + " per-sample losses");
        }
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < size; i++) {
            double m = meanWeights == null ? 1.0 : meanWeights.getFlat(i);
            double s = sampleWeights == null ? 1.0 : sampleWeights.getFlat(rowLength == 0 ? 0 : i / rowLength);
            sum.add(s * m);
        }
        return requirePositive(loss, sum.value());
    }

    private static double requirePositive(Loss loss, double denominator) {
        if (!(denominator > 0)) {
            throw new IllegalArgumentException(loss.name() + ": the mean has nothing to average (total weight "
                    + denominator + "): every row is ignored or has zero weight");
        }
        return denominator;
    }
}
