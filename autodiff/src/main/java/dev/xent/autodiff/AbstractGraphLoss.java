package dev.xent.autodiff;

import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.Node;
import dev.xent.core.Reduction;
import dev.xent.core.TargetDomain;
import dev.xent.core.Tensor;
import dev.xent.core.spi.ParameterValues;
import java.util.Map;

/**
 * The base class of every loss: define {@link #graph(Node, Node)} (the per-sample losses as an
 * expression) and everything else comes from the autodiff engine through {@link GraphEvaluation}:
 * per-sample values, the weighted and reduced value, and the gradient.
 * <pre>{@code
 * final class BrierScore extends AbstractGraphLoss {
 *     BrierScore(ParameterValues params) { super("brier_score", params, InputSpace.ELEMENTWISE_PROBABILITIES); }
 *     public Node graph(Node p, Node y) { Node d = p.sub(y); return d.mul(d); }
 * }
 * }</pre>
 * Built-in losses extend it too and override the computing methods with fused analytic kernels.
 * Subclasses must stay immutable: a loss is shared between threads. {@link GraphLossProvider} is
 * shorter still: one class that is the provider and defines the graph.
 */
public abstract class AbstractGraphLoss implements Loss {
    private final String name;
    private final Map<String, Object> parameters;
    private final Reduction reduction;
    private final InputSpace inputSpace;
    private final TargetDomain targetDomain;

    /**
     * A loss whose targets are those of its input space ({@link TargetDomain#of}).
     *
     * @param name       the provider's name
     * @param parameters the validated parameters; a {@code reduction} parameter, if declared, sets the reduction (else mean)
     * @param inputSpace what predictions and targets are
     */
    protected AbstractGraphLoss(String name, ParameterValues parameters, InputSpace inputSpace) {
        this(name, parameters, inputSpace, TargetDomain.of(inputSpace));
    }

    /**
     * A loss whose targets are {@code targetDomain}, which {@link #validate} enforces.
     *
     * @param name         the provider's name
     * @param parameters   the validated parameters; a {@code reduction} parameter, if declared, sets the reduction (else mean)
     * @param inputSpace   what predictions are
     * @param targetDomain what targets may be
     */
    protected AbstractGraphLoss(String name, ParameterValues parameters, InputSpace inputSpace, TargetDomain targetDomain) {
        this.name = name;
        this.parameters = parameters.asMap();
        this.reduction = parameters.asMap().containsKey("reduction") ? parameters.reduction() : Reduction.MEAN;
        this.inputSpace = inputSpace;
        this.targetDomain = targetDomain;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public final Reduction reduction() {
        return reduction;
    }

    @Override
    public final InputSpace inputSpace() {
        return inputSpace;
    }

    @Override
    public final TargetDomain targetDomain() {
        return targetDomain;
    }

    @Override
    public abstract Node graph(Node predictions, Node targets);

    @Override
    public Tensor perSample(Tensor predictions, Tensor targets) {
        return GraphEvaluation.perSample(this, predictions, targets);
    }

    @Override
    public double value(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        return GraphEvaluation.value(this, predictions, targets, sampleWeights);
    }

    @Override
    public Tensor gradient(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        return GraphEvaluation.gradient(this, predictions, targets, sampleWeights);
    }

    @Override
    public double valueAndGradient(Tensor predictions, Tensor targets, Tensor sampleWeights, double[] gradientOut) {
        return GraphEvaluation.valueAndGradient(this, predictions, targets, sampleWeights, gradientOut);
    }

    @Override
    public String toString() {
        return name + parameters;
    }
}
