package dev.xent.losses.multiclass;

import dev.xent.core.GradientAndHessian;
import dev.xent.core.SecondOrderLoss;
import dev.xent.core.Tensor;
import dev.xent.core.spi.ParameterValues;

/**
 * Categorical cross-entropy ({@code categorical_cross_entropy}; aliases {@code cce},
 * {@code cross_entropy}, {@code softmax_cross_entropy}):
 * <pre>
 *   l_i = -sum_c a_ic log p_ic
 * </pre>
 * where {@code a_ic} is the target's weight of class {@code c} in row {@code i}.
 *
 * <p><b>Shapes.</b> Predictions: an N x C matrix (rows are samples, classes along axis 1). Targets:
 * EITHER a vector of N class indices (doubles holding integers in {@code [0, C)}, or the
 * {@code ignore_index}) OR an N x C matrix of target distributions (non-negative rows summing to 1
 * within 1e-6). The rank decides; anything else is an error, never a reshape. Per-sample losses: a
 * vector of N.
 *
 * <p><b>Input space.</b> With {@code from_logits = true} predictions are logits in
 * {@code [-inf, +inf]} (not NaN) and {@code log p = log_softmax(x)}. Otherwise they are probabilities
 * in [0, 1] whose rows sum to 1 within 1e-6 ({@code normalize = true} accepts any non-negative rows
 * and divides each by its sum), clipped to {@code [epsilon, 1 - epsilon]} before the log; at a
 * clipped point the gradient is 0 (inside the closed interval it is the exact one), as PyTorch's
 * {@code clamp} and TensorFlow's {@code clip_by_value} do.
 *
 * <p><b>Targets and weights.</b> With class weights {@code w} (default 1) and label smoothing
 * {@code ls} (default 0):
 * <ul>
 *   <li>index targets {@code y_i} follow PyTorch's {@code CrossEntropyLoss} exactly:
 *       {@code a_ic = (1 - ls) w_{y_i} [c = y_i] + (ls / C) w_c}, mean weight {@code m_i = w_{y_i}};
 *       a row whose index is {@code ignore_index} has loss 0 and {@code m_i = 0};</li>
 *   <li>distribution targets {@code q_i}: {@code a_ic = w_c q'_ic} with
 *       {@code q' = (1 - ls) q + ls / C}, and {@code m_i = sum_c w_c q'_ic} (1 without class weights).
 *       A one-hot row therefore gives exactly what its index gives (without smoothing); PyTorch
 *       divides weighted distribution targets by N instead.</li>
 * </ul>
 * Per-sample losses include the class weights (PyTorch's {@code reduction='none'}).
 *
 * <p><b>Reduction.</b> {@code mean} = {@code sum_i s_i l_i / sum_i s_i m_i} with sample weights
 * {@code s_i} (default 1); {@code sum} = {@code sum_i s_i l_i}; {@code none} gives the per-sample
 * losses. A mean with nothing to average (every row ignored or weightless) is an error, never NaN.
 *
 * <p><b>Gradient.</b> Logits: {@code dl_i/dx_ic = p_ic A_i - a_ic} with {@code A_i = sum_c a_ic}
 * (the familiar {@code softmax - onehot}, times the class weight); each row sums to zero up to
 * rounding. Probabilities: {@code -a_ic / p_ic} inside the clip interval.
 *
 * <p><b>Stability.</b> {@code log_softmax(x)_c = (x_c - m) - log(sum_k exp(x_k - m))} with the row
 * maximum {@code m} subtracted, never {@code log(softmax)}; the sum is {@code 1 + s} with {@code s}
 * the other classes' mass, evaluated as {@code log1p(s)}. The rounding error of each shift
 * {@code x_c - m} is carried into {@code exp} and the log-softmax (TwoSum), so wide margins lose no
 * precision. Finite for logits up to +-1e300; with
 * infinite logits the limits: the entries equal to an infinite maximum share the mass (all-equal
 * logits give {@code log C}), a class at {@code -inf} that the target wants costs {@code +inf}, and
 * classes the target does not want contribute 0 ({@code 0 log 0 = 0}).
 *
 * <p><b>Kernels.</b> Logits with class indices and no label smoothing (the common case) run a kernel
 * specialised to it, with the same bits as the general one. Whenever the JVM has the Vector API module
 * ({@code --add-modules jdk.incubator.vector}; see docs/vector.md) it runs with one row per vector
 * lane: within 1e-15 relative of the scalar kernel, the same bits for any thread count;
 * {@code -Dxent.vector=false} keeps the scalar kernel. The value alone ({@code value}, {@code perSample})
 * of probabilities (not normalized) with class indices and no label smoothing runs a kernel that takes
 * one log per row, with the same bits as the general one.
 *
 * <p><b>Worked example</b> (optax's): logits {@code [[1.2, -0.8, -0.5], [0.9, -1.2, 1.1]]}, labels
 * {@code [0, 1]}: per-sample {@code [0.2761297055455377, 2.951798795854425]}, mean
 * {@code 1.6139642506999814}.
 */
public final class CategoricalCrossEntropy extends ClassWiseLoss implements SecondOrderLoss {
    private final ClassWiseHessian hessian;

    CategoricalCrossEntropy(ParameterValues values) {
        super(CategoricalCrossEntropyProvider.NAME, values, CrossEntropyTerm.INSTANCE);
        this.hessian = ClassWiseHessian.crossEntropy(this, options());
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
