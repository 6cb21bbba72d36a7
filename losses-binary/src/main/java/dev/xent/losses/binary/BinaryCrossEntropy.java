package dev.xent.losses.binary;

import dev.xent.core.GradientAndHessian;
import dev.xent.core.Node;
import dev.xent.core.SecondOrderLoss;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.VectorSupport;
import dev.xent.core.spi.ParameterValues;
import java.util.function.Supplier;

/**
 * Binary cross-entropy (log loss), {@code binary_cross_entropy} (aliases {@code bce}, {@code log_loss}):
 * <pre>
 *   l = -[pw * y * log(p) + (1 - y) * log(1 - p)]
 * </pre>
 * for each element, with {@code y} the (smoothed) target and {@code pw} the {@code pos_weight}.
 *
 * <p><b>Input space.</b> Probabilities {@code p} in [0, 1] (default), or logits {@code x} in
 * [-inf, +inf] with {@code from_logits = true} ({@code p = sigmoid(x)}). Targets are in [0, 1]: hard
 * labels 0/1 or soft labels. With {@code label_smoothing = ls} every target first becomes
 * {@code y' = y (1 - ls) + ls / 2}, and its complement is computed as {@code (1 - y)(1 - ls) + ls / 2}
 * (not {@code 1 - y'} from the rounded {@code y'}, which would lose up to 12 ulps on the loss).
 *
 * <p><b>Shapes.</b> Element-wise: predictions and targets have the same shape, of any rank (a vector
 * for binary classification, an N x K matrix for multi-label). Per-sample losses have that shape too.
 * Sample weights, if given, are one per row (the first dimension) and apply to each element of the row.
 *
 * <p><b>Reduction.</b> {@code mean} (default): {@code sum_i w_i l_i / sum_i w_i} over all elements i,
 * so the denominator is {@code N * K} without weights and {@code K * sum_r w_r} with them (pos_weight
 * does not change it, as in PyTorch); {@code sum}: {@code sum_i w_i l_i}; {@code none}: the per-element
 * losses. Sums are compensated and chunked: the same bits for any thread count. For the mean the
 * sample weights are scaled by a power of two first, so weights near 1e308 do not overflow.
 *
 * <p><b>Stability.</b> On logits no probability is formed: {@code log(sigmoid(x)) = -softplus(-x)} and
 * {@code log(1 - sigmoid(x)) = log_sigmoid(-x) = -softplus(x)}, with
 * {@code softplus(x) = max(x, 0) + log1p(exp(-|x|))}, so
 * {@code l = (1 - y) softplus(x) + pw y softplus(-x)}, which equals the familiar
 * {@code max(x, 0) - x y + log1p(exp(-|x|))} for {@code pw = 1}. It is finite for every finite logit
 * (1e300 included) and exact at +-inf: a term whose weight {@code y} or {@code 1 - y} is 0 is 0 there.
 * On probabilities, {@code p} is clipped to {@code [epsilon, 1 - epsilon]} (default epsilon 1e-7, as in
 * Keras) and {@code log(1 - p)} is computed as {@code log1p(-p)}.
 *
 * <p><b>Gradient</b> (before weights and reduction). Logits:
 * {@code dl/dx = (1 - y) sigmoid(x) - pw y sigmoid(-x) = (1 + (pw - 1) y) sigmoid(x) - pw y}, which is
 * {@code sigmoid(x) - y} for {@code pw = 1}; finite everywhere, including +-inf. Probabilities:
 * {@code dl/dp = -pw y / p + (1 - y) / (1 - p)} for {@code epsilon <= p <= 1 - epsilon} and 0 where p was
 * clipped (the convention of Keras, whose clip passes no gradient outside its range; at the bounds the
 * gradient passes). With {@code epsilon = 0} nothing is clipped: {@code p = 0} with {@code y > 0} gives
 * the value {@code +Infinity} and gradient {@code -Infinity} (symmetrically at {@code p = 1}, {@code y < 1});
 * PyTorch instead clamps each log at -100.
 *
 * <p><b>Vector API.</b> Value and gradient (logits and probabilities) run on {@code jdk.incubator.vector}
 * lanes whenever the JVM has the module ({@code --add-modules jdk.incubator.vector}; {@code ./xent} adds
 * it; see docs/vector.md): the same formula with vectorized {@code exp} and {@code log}, within 1e-12
 * relative (in practice a few ulps) of the scalar kernel, same limits at +-inf (and at probabilities 0
 * and 1 with epsilon 0), same bits for any thread count. {@code -Dxent.vector=false} gives the scalar
 * kernel; without the module it always runs. On logits that scalar kernel works in blocks (a pass of
 * {@code exp}, one of {@code log}, then the rest; the element loop's bits) and checks the inputs as it
 * reads them, so a call reads them once.
 *
 * <p><b>Hessian</b> ({@link #gradientAndHessian}): the diagonal second derivative with respect to the
 * predictions, scaled like the gradient (by the row's weight, and by 1 / denominator for the mean).
 * Logits: {@code d2l/dx2 = (1 + (pw - 1) y) sigmoid(x) sigmoid(-x)}. Probabilities:
 * {@code d2l/dp2 = pw y / p^2 + (1 - y) / (1 - p)^2} inside the clip range, 0 where p was clipped. With
 * logits and reduction {@code sum} this is what XGBoost/LightGBM custom objectives ask for. With the
 * Vector API it runs on vector lanes too: within 1e-12 relative on logits, the same bits on probabilities.
 *
 * <p><b>Worked example</b> ({@code from_logits = true, pos_weight = 2}):
 * <pre>
 *   x = [3, -2, 0.5, -40], y = [1, 0, 1, 1]
 *   l = [2 softplus(-3), softplus(-2), 2 softplus(-0.5), 2 softplus(40)]
 *     = [0.0971747, 0.1269280, 0.9481540, 80.0]
 *   mean = 20.2930642                      (sum 81.1722567 / 4 elements)
 *   dmean/dx = [-0.0237129, 0.0298007, -0.1887703, -0.5]    ((2 sigmoid(x) - 2) / 4 where y = 1)
 * </pre>
 * On probabilities {@code p = [0.9, 0.2, 0.6]}, {@code y = [1, 0, 1]}:
 * {@code l = [-log 0.9, -log 0.8, -log 0.6] = [0.1053605, 0.2231436, 0.5108256]}, mean 0.2797766.
 */
public final class BinaryCrossEntropy extends ElementwiseLoss implements SecondOrderLoss {
    private final double posWeight;
    private final SegmentKernels vectorKernels;
    private final SegmentKernels scalarKernels;
    private final Supplier<SecondDerivativeKernel> hessianVectorKernels;

    BinaryCrossEntropy(ParameterValues parameters) {
        this(parameters, BinaryCrossEntropyOptions.read(parameters));
    }

    private BinaryCrossEntropy(ParameterValues parameters, BinaryCrossEntropyOptions options) {
        super(BinaryCrossEntropyProvider.NAME, parameters, options.common());
        this.posWeight = options.posWeight();
        // The vector classes are touched only here, and only when enabled: without the module they never load.
        this.vectorKernels = !VectorSupport.enabled() ? null : fromLogits
                ? BinaryLogitsVectorKernel.factory(labelSmoothing, posWeight)
                : BinaryProbabilitiesVectorKernel.factory(labelSmoothing, posWeight, epsilon);
        this.hessianVectorKernels = !VectorSupport.enabled() ? null
                : BinaryHessianVectorKernel.factory(fromLogits, labelSmoothing, posWeight, epsilon);
        this.scalarKernels = fromLogits ? BinaryLogitsScalarKernel.factory(labelSmoothing, posWeight) : null;
    }

    @Override
    SegmentKernels vectorKernels() {
        return vectorKernels;
    }

    @Override
    SegmentKernels scalarKernels() {
        return scalarKernels;
    }

    @Override
    public Node graph(Node predictions, Node targets) {
        Tensor signs = fromLogits ? BinaryLogLoss.hardLabelSigns(targets, labelSmoothing) : null;
        if (signs != null) {
            // Hard labels: with z = (1 - 2y) x the loss is pw softplus(z) where y = 1, softplus(z) where y = 0.
            Node loss = predictions.mul(predictions.constant(signs)).softplus();
            return posWeight == 1 ? loss : loss.mul(BinaryLogLoss.byLabel(targets, posWeight, 1.0));
        }
        Node y = BinaryLogLoss.smooth(targets, labelSmoothing);
        Node oneMinusY = BinaryLogLoss.smoothComplement(targets, labelSmoothing);
        return fromLogits
                ? BinaryLogLoss.logitsGraph(y, oneMinusY, predictions.softplus(), predictions.logSigmoid(), posWeight)
                : BinaryLogLoss.probabilitiesGraph(predictions.clamp(epsilon, 1 - epsilon), y, oneMinusY, posWeight);
    }

    @Override
    double elementLoss(double prediction, double target, double[] derivatives, int index) {
        double y = BinaryLogLoss.smooth(target, labelSmoothing);
        double oneMinusY = BinaryLogLoss.smoothComplement(target, labelSmoothing);
        return fromLogits ? BinaryLogLoss.logits(prediction, y, oneMinusY, posWeight, derivatives, index)
                : BinaryLogLoss.probabilities(prediction, y, oneMinusY, posWeight, epsilon, derivatives, index);
    }

    /** With logits, the weight is applied before {@code exp(-|x|)} underflows ({@link BinaryLogLoss#weightedLogits}). */
    @Override
    double weightedElementLoss(double prediction, double target, double weight, double scale, double[] derivatives,
                               int index) {
        if (!fromLogits) {
            return super.weightedElementLoss(prediction, target, weight, scale, derivatives, index);
        }
        return BinaryLogLoss.weightedLogits(prediction, BinaryLogLoss.smooth(target, labelSmoothing),
                BinaryLogLoss.smoothComplement(target, labelSmoothing), posWeight, weight, scale, derivatives, index);
    }

    /**
     * The gradient and the diagonal Hessian with respect to the predictions (logits or probabilities),
     * both weighted and reduced like {@link #gradient}: see the class documentation for the formulas.
     */
    @Override
    public GradientAndHessian gradientAndHessian(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        return ElementwiseReduction.gradientAndHessian(this, this::elementLoss, segmentKernels(predictions),
                this::secondDerivative, vectorSized(predictions) ? hessianVectorKernels : null, predictions, targets,
                sampleWeights);
    }

    private double secondDerivative(double prediction, double target) {
        double y = BinaryLogLoss.smooth(target, labelSmoothing);
        double oneMinusY = BinaryLogLoss.smoothComplement(target, labelSmoothing);
        return fromLogits ? BinaryLogLoss.logitsSecondDerivative(prediction, y, oneMinusY, posWeight)
                : BinaryLogLoss.probabilitiesSecondDerivative(prediction, y, oneMinusY, posWeight, epsilon);
    }
}
