package dev.xent.core;

import dev.xent.core.spi.ParameterValues;
import java.util.Map;

/**
 * A test-only loss, {@code l = scale * (p - t)^2 / 2} per element, written against the core API alone
 * (core has no autodiff engine) so that registry tests can create and use real losses.
 */
final class HalfSquaredErrorLoss implements Loss {
    private final String name;
    private final ParameterValues parameters;

    HalfSquaredErrorLoss(String name, ParameterValues parameters) {
        this.name = name;
        this.parameters = parameters;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters.asMap();
    }

    @Override
    public Reduction reduction() {
        return parameters.reduction();
    }

    @Override
    public InputSpace inputSpace() {
        return InputSpace.REAL;
    }

    @Override
    public Node graph(Node predictions, Node targets) {
        Node difference = predictions.sub(targets);
        return difference.mul(difference).mul(parameters.number("scale") / 2);
    }

    @Override
    public Tensor perSample(Tensor predictions, Tensor targets) {
        validate(predictions, targets);
        double[] losses = new double[predictions.size()];
        for (int i = 0; i < losses.length; i++) {
            double d = predictions.getFlat(i) - targets.getFlat(i);
            losses[i] = parameters.number("scale") * d * d / 2;
        }
        return Tensor.wrap(losses, predictions.shape());
    }

    @Override
    public double value(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        return valueAndGradient(predictions, targets, sampleWeights, new double[predictions.size()]);
    }

    @Override
    public Tensor gradient(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        return valueAndGradient(predictions, targets, sampleWeights).gradient();
    }

    /** Unweighted only: the registry tests need a working loss, not a second weighting implementation. */
    @Override
    public double valueAndGradient(Tensor predictions, Tensor targets, Tensor sampleWeights, double[] gradientOut) {
        if (sampleWeights != null) {
            throw new UnsupportedOperationException("the registry's test loss takes no sample weights");
        }
        ReductionRules.requireScalarReduction(this);
        double[] losses = perSample(predictions, targets).toArray();
        double scale = parameters.number("scale");
        double denominator = reduction() == Reduction.MEAN ? losses.length : 1;
        for (int i = 0; i < losses.length; i++) {
            gradientOut[i] = scale * (predictions.getFlat(i) - targets.getFlat(i)) / denominator;
        }
        return dev.xent.core.numeric.CompensatedSum.of(losses) / denominator;
    }
}
