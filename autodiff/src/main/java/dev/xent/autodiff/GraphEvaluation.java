package dev.xent.autodiff;

import dev.xent.core.Loss;
import dev.xent.core.Node;
import dev.xent.core.Reduction;
import dev.xent.core.ReductionRules;
import dev.xent.core.Tensor;
import dev.xent.core.Validate;
import dev.xent.core.numeric.SampleWeights;

/**
 * Any loss evaluated through its graph expression ({@link Loss#graph}) on the autodiff engine, with
 * sample weights and reduction applied as {@link Reduction} documents (for the mean, the weights are
 * first scaled by a power of two, {@link SampleWeights}: weights near 1e308 do not overflow). This is the default path of
 * {@link AbstractGraphLoss} and the reference that fused kernels are tested (and gradient-checked) against.
 */
public final class GraphEvaluation {
    private GraphEvaluation() {
    }

    /** Per-sample losses from the graph. */
    public static Tensor perSample(Loss loss, Tensor predictions, Tensor targets) {
        loss.validate(predictions, targets);
        return loss.graph(Graph.constant(predictions), Graph.constant(targets)).value();
    }

    /** The reduced value from the graph. */
    public static double value(Loss loss, Tensor predictions, Tensor targets, Tensor sampleWeights) {
        ReductionRules.requireScalarReduction(loss);
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
        ReductionRules.requireScalarReduction(loss);
        ReductionRules.requireGradientBuffer(gradientOut, predictions);
        return run(loss, predictions, targets, sampleWeights, gradientOut);
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
            double denominator = ReductionRules.meanDenominator(loss, predictions, targets,
                    SampleWeights.unscaled(weights), shape);
            total = total.div(p.constant(Tensor.scalar(denominator)));
        }
        if (gradientOut != null) {
            // The predictions' gradient accumulates in gradientOut itself (the graph holds copies of the inputs).
            ((GraphNode) p).accumulateGradientInto(gradientOut);
            total.backward();
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
}
