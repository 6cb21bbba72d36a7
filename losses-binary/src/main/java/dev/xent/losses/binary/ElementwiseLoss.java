package dev.xent.losses.binary;

import dev.xent.autodiff.AbstractGraphLoss;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.VectorSupport;
import dev.xent.core.spi.ParameterValues;

/**
 * The common part of the binary losses: the parameters every one of them has ({@code from_logits},
 * {@code epsilon}, {@code label_smoothing}, {@code reduction}) and the computing methods, which run
 * the subclass's fused per-element kernel through {@link ElementwiseReduction}.
 */
abstract class ElementwiseLoss extends AbstractGraphLoss {
    final boolean fromLogits;
    final double epsilon;
    final double labelSmoothing;
    /** {@link VectorSupport#minElements()} when the loss was created. */
    private final int minVectorElements = VectorSupport.minElements();
    private final ElementKernel kernel = new ElementKernel() {
        @Override
        public double loss(double prediction, double target, double[] derivatives, int index) {
            return elementLoss(prediction, target, derivatives, index);
        }

        @Override
        public double weightedLoss(double prediction, double target, double weight, double scale,
                                   double[] derivatives, int index) {
            return weightedElementLoss(prediction, target, weight, scale, derivatives, index);
        }
    };

    ElementwiseLoss(String name, ParameterValues parameters, BinaryOptions options) {
        super(name, parameters, options.inputSpace());
        this.fromLogits = options.fromLogits();
        this.epsilon = options.epsilon();
        this.labelSmoothing = options.labelSmoothing();
    }

    /**
     * The loss of one element for a raw (unsmoothed) target; stores its derivative with respect to
     * the prediction at {@code derivatives[index]} when {@code derivatives} is not null.
     */
    abstract double elementLoss(double prediction, double target, double[] derivatives, int index);

    /**
     * {@code weight} times {@link #elementLoss}, and {@code scale} times its derivative: what the reductions
     * add up ({@link ElementKernel#weightedLoss}).
     */
    double weightedElementLoss(double prediction, double target, double weight, double scale, double[] derivatives,
                               int index) {
        double loss = weight * elementLoss(prediction, target, derivatives, index);
        if (derivatives != null) {
            derivatives[index] *= scale;
        }
        return loss;
    }

    /**
     * The vector kernels that replace {@link #elementLoss} in the reductions (one per chunk), or null
     * for the scalar path: the only path unless {@link dev.xent.core.numeric.VectorSupport#enabled()}.
     */
    SegmentKernels vectorKernels() {
        return null;
    }

    /**
     * Scalar segment kernels that replace {@link #elementLoss} in the reductions where the vector kernels do
     * not run, or null for the element loop.
     */
    SegmentKernels scalarKernels() {
        return null;
    }

    /**
     * The segment kernels for a call on {@code predictions}: {@link #vectorKernels()} unless the call is too
     * small for them ({@link VectorSupport#minElements()}), else {@link #scalarKernels()}; null for the element loop.
     */
    final SegmentKernels segmentKernels(Tensor predictions) {
        SegmentKernels vector = vectorSized(predictions) ? vectorKernels() : null;
        return vector != null ? vector : scalarKernels();
    }

    /** Whether a call on {@code predictions} is large enough for the vector kernels ({@link VectorSupport#minElements()}). */
    final boolean vectorSized(Tensor predictions) {
        return predictions.size() >= minVectorElements;
    }

    /** Cross-entropies (and their focal variants) are never negative. */
    @Override
    public boolean isNonNegative() {
        return true;
    }

    @Override
    public Tensor perSample(Tensor predictions, Tensor targets) {
        return ElementwiseReduction.perSample(this, kernel, predictions, targets);
    }

    @Override
    public double value(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        return ElementwiseReduction.value(this, kernel, segmentKernels(predictions), predictions, targets, sampleWeights);
    }

    @Override
    public Tensor gradient(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        return ElementwiseReduction.gradient(this, kernel, segmentKernels(predictions), predictions, targets, sampleWeights);
    }

    @Override
    public double valueAndGradient(Tensor predictions, Tensor targets, Tensor sampleWeights, double[] gradientOut) {
        return ElementwiseReduction.valueAndGradient(this, kernel, segmentKernels(predictions), predictions, targets, sampleWeights,
                gradientOut);
    }
}
