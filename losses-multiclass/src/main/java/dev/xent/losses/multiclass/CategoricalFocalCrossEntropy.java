package dev.xent.losses.multiclass;

import dev.xent.core.GradientAndHessian;
import dev.xent.core.SecondOrderLoss;
import dev.xent.core.Tensor;
import dev.xent.core.spi.ParameterValues;

/**
 * Categorical focal cross-entropy ({@code categorical_focal_cross_entropy}; alias {@code focal_ce}),
 * Keras's {@code CategoricalFocalCrossentropy} (Lin et al., 2017):
 * <pre>
 *   l_i = -sum_c a_ic * alpha * (1 - p_ic)^gamma * log p_ic
 * </pre>
 * with {@code gamma >= 0} (default 2; 0 gives cross-entropy times alpha) and {@code alpha > 0}
 * (default 0.25; 1 disables it).
 *
 * <p><b>Shapes, input space, targets, weights, reduction</b>: exactly as in
 * {@link CategoricalCrossEntropy} (the coefficients {@code a_ic} come from the targets, class weights,
 * {@code ignore_index} and label smoothing in the same way, and the mean divides by the same
 * {@code sum_i s_i m_i}; alpha does not enter the denominator).
 *
 * <p><b>Differences from Keras.</b> Keras always divides probabilities by their row sum and, with
 * logits, clips the softmax to {@code [eps, 1 - eps]}; here probability rows must sum to 1 unless
 * {@code normalize} is set, and logits go through log_softmax without clipping (so a perfect
 * prediction gives exactly 0 and very wrong ones stay finite). Keras's per-class {@code alpha} list is
 * {@code class_weights} here (which also sets the mean's denominator), and Keras has no
 * {@code ignore_index}.
 *
 * <p><b>Gradient.</b> With {@code g_c = a_c p_c f'(p_c)},
 * {@code p f'(p) = alpha ((1 - p)^gamma - gamma p (1 - p)^(gamma - 1) log p)}: logits
 * {@code dl/dx_c = p_c sum_k g_k - g_c}; probabilities {@code -g_c / p_c} inside the clip interval
 * (0 at clipped points).
 *
 * <p><b>Stability.</b> log_softmax with the maximum subtracted (see {@link CategoricalCrossEntropy});
 * {@code 1 - p} of the largest class is {@code s / (1 + s)} from the log-sum-exp (no cancellation),
 * so the focusing factor of a confident row keeps its precision.
 *
 * <p><b>Worked example</b> (Keras's): probabilities {@code [[0.05, 0.9, 0.05], [0.1, 0.85, 0.05]]},
 * one-hot targets {@code [[0, 1, 0], [0, 0, 1]]}, defaults: per-sample
 * {@code [2.6340128914456557e-4, 0.6759120942206192]} ({@code 0.25 * 0.1^2 * -log 0.9} and
 * {@code 0.25 * 0.95^2 * -log 0.05}).
 */
public final class CategoricalFocalCrossEntropy extends ClassWiseLoss implements SecondOrderLoss {
    private final ClassWiseHessian hessian;

    CategoricalFocalCrossEntropy(ParameterValues values) {
        this(values, CategoricalFocalOptions.read(values));
    }

    private CategoricalFocalCrossEntropy(ParameterValues values, CategoricalFocalOptions focal) {
        super(CategoricalFocalCrossEntropyProvider.NAME, values, focal.term());
        this.hessian = ClassWiseHessian.focal(this, options(), focal);
    }

    /**
     * The gradient and the diagonal Hessian, weighted and reduced like {@link #gradient}; the formulas
     * are in {@link ClassWiseHessian}.
     */
    @Override
    public GradientAndHessian gradientAndHessian(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        return hessian.compute(predictions, targets, sampleWeights);
    }
}
