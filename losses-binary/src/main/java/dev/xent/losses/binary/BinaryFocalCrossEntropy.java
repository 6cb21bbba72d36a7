package dev.xent.losses.binary;

import static dev.xent.core.numeric.StableMath.sigmoid;

import dev.xent.core.GradientAndHessian;
import dev.xent.core.Node;
import dev.xent.core.SecondOrderLoss;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.StableMath;
import dev.xent.core.numeric.VectorSupport;
import dev.xent.core.spi.ParameterValues;

/**
 * Binary focal cross-entropy (Lin et al. 2017), {@code binary_focal_cross_entropy} (alias {@code focal}):
 * <pre>
 *   l = a_t * (1 - p_t)^gamma * bce(p, y)
 *   p_t = y p + (1 - y)(1 - p)        a_t = y alpha + (1 - y)(1 - alpha)   (a_t = 1 without alpha)
 *   bce(p, y) = -[y log(p) + (1 - y) log(1 - p)]
 * </pre>
 * for each element, with {@code y} the (smoothed) target. The factor {@code (1 - p_t)^gamma} shrinks the
 * loss of well-classified elements; {@code gamma = 0} without alpha is {@link BinaryCrossEntropy}
 * exactly (same bits for value and gradient). Soft targets use the formula as written.
 *
 * <p><b>Input space.</b> Probabilities in [0, 1] (default) or logits in [-inf, +inf]
 * ({@code from_logits = true}); targets in [0, 1]; {@code label_smoothing = ls} first maps every target
 * to {@code y (1 - ls) + ls / 2}.
 *
 * <p><b>Shapes and reduction.</b> As {@link BinaryCrossEntropy}: element-wise, same shape, any rank;
 * sample weights per row; {@code mean} divides by the total weight of all elements ({@code N * K}
 * without weights).
 *
 * <p><b>Stability.</b> With logits nothing is clipped: {@code 1 - p_t = y sigmoid(-x) + (1 - y) sigmoid(x)},
 * which for hard labels is {@code sigmoid(z)} with {@code z = (1 - 2y) x}, and the factor is
 * {@code (1 - p_t)^gamma = pow(sigmoid(z), gamma)} (a product for gamma 1 and 2), within a few ulps: the
 * log form {@code exp(gamma * log(1 - p_t))} would amplify the rounding of {@code gamma * log(1 - p_t)}
 * (124 ulps at {@code x = -36.7, gamma = 5}). Only where {@code sigmoid(z)} is subnormal or zero is it
 * {@code exp(-gamma softplus(-z))}, exact where {@code 1 - p_t} itself underflows (e.g.
 * {@code x = 1000, gamma = 0.5}). Soft labels give {@code 1 - p_t >= min(y, 1 - y)}: {@code pow} of it
 * directly. The cross-entropy uses the softplus identities of {@link BinaryCrossEntropy}. With
 * probabilities, p is clipped to {@code [epsilon, 1 - epsilon]} first and the clipped p is used in both
 * factors. Label smoothing's complement {@code 1 - y'} is computed as {@code (1 - y)(1 - ls) + ls / 2},
 * never from the rounded {@code y'}.
 *
 * <p><b>Gradient.</b> With {@code F = (1 - p_t)^gamma} and {@code b = bce}:
 * {@code dl/dz = a_t (F db/dz + b dF/dz)}. Logits: {@code db/dx = sigmoid(x) - y},
 * {@code dF/dx = gamma F (1 - 2y) sigmoid(x) sigmoid(-x) / (1 - p_t)} (for y = 1: {@code -gamma F sigmoid(x)};
 * y = 0: {@code gamma F sigmoid(-x)}). Probabilities (inside the clip range; 0 outside):
 * {@code db/dp = -y/p + (1 - y)/(1 - p)}, {@code dF/dp = gamma (1 - 2y) (1 - p_t)^(gamma - 1)}. Where
 * {@code b} or {@code dF} is 0 their product is taken as 0 (the limit), so {@code 0 < gamma < 1} gives a
 * zero gradient at a perfect prediction instead of NaN.
 *
 * <p><b>Vector API.</b> Whenever the JVM has {@code jdk.incubator.vector} (see docs/vector.md), value and
 * gradient on probabilities (any options) and on logits without label smoothing run on vector lanes: the
 * same formulas, within 1e-12 relative of the scalar kernel (a few ulps), the same limits, the same bits
 * for any thread count; {@code -Dxent.vector=false} gives the scalar kernel.
 *
 * <p><b>Differences from Keras</b> ({@code keras.losses.BinaryFocalCrossentropy}): {@code alpha} unset
 * means {@code apply_class_balancing = false}, a value means {@code true} with that alpha; Keras uses the
 * unclipped p in the focal factor (a relative difference of at most about {@code gamma * epsilon}, only
 * where p is within epsilon of 0 or 1); Keras's default reduction divides a weighted sum by the batch
 * size, ours by the total weight.
 *
 * <p><b>Worked example</b> (Keras's, {@code gamma = 2}, probabilities):
 * <pre>
 *   p = [[0.6, 0.4], [0.4, 0.6]], y = [[0, 1], [0, 0]]
 *   p_t = [[0.4, 0.4], [0.6, 0.4]]       (1 - p_t)^2 = [[0.36, 0.36], [0.16, 0.36]]
 *   bce = [[-log 0.4, -log 0.4], [-log 0.6, -log 0.4]] = [[0.9162907, 0.9162907], [0.5108256, 0.9162907]]
 *   l   = [[0.3298647, 0.3298647], [0.0817321, 0.3298647]]      mean 0.2678315
 *   with alpha = 0.25: l = [[0.2473985, 0.0824662], [0.0612991, 0.2473985]]   mean 0.1596406
 * </pre>
 */
public final class BinaryFocalCrossEntropy extends ElementwiseLoss implements SecondOrderLoss {
    private final double gamma;
    private final Double alpha;
    private final SegmentKernels vectorKernels;

    BinaryFocalCrossEntropy(ParameterValues parameters) {
        this(parameters, BinaryFocalOptions.read(parameters));
    }

    private BinaryFocalCrossEntropy(ParameterValues parameters, BinaryFocalOptions options) {
        super(BinaryFocalCrossEntropyProvider.NAME, parameters, options.common());
        this.gamma = options.gamma();
        this.alpha = options.alpha();
        // The vector classes are touched only here, and only when enabled: without the module they never load.
        this.vectorKernels = !VectorSupport.enabled() ? null : !fromLogits
                ? BinaryFocalProbabilitiesVectorKernel.factory(gamma, alpha, labelSmoothing, epsilon, this::elementLoss)
                : labelSmoothing == 0 ? BinaryFocalLogitsVectorKernel.factory(gamma, alpha, this::elementLoss) : null;
    }

    @Override
    SegmentKernels vectorKernels() {
        return vectorKernels;
    }

    @Override
    public Node graph(Node predictions, Node targets) {
        Tensor signs = fromLogits ? BinaryLogLoss.hardLabelSigns(targets, labelSmoothing) : null;
        if (signs != null) {
            // Hard labels: with z = (1 - 2y) x, bce = softplus(z) and 1 - p_t = sigmoid(z).
            Node z = predictions.mul(predictions.constant(signs));
            Node focal = z.softplus().mul(z.sigmoid().pow(gamma));
            return alpha == null ? focal : focal.mul(BinaryLogLoss.byLabel(targets, alpha, 1 - alpha));
        }
        Node y = BinaryLogLoss.smooth(targets, labelSmoothing);
        Node oneMinusY = BinaryLogLoss.smoothComplement(targets, labelSmoothing);
        Node bce;
        Node remaining; // 1 - p_t
        if (fromLogits) {
            bce = BinaryLogLoss.logitsGraph(y, oneMinusY, predictions.softplus(), predictions.logSigmoid(), 1.0);
            // Soft labels. The engine computes both sigmoids with softplus and logSigmoid: no exponential here.
            remaining = y.mul(predictions.neg().sigmoid()).add(oneMinusY.mul(predictions.sigmoid()));
        } else {
            Node clipped = predictions.clamp(epsilon, 1 - epsilon);
            bce = BinaryLogLoss.probabilitiesGraph(clipped, y, oneMinusY, 1.0);
            remaining = y.mul(clipped.rsub(1)).add(oneMinusY.mul(clipped));
        }
        Node focal = bce.mul(remaining.pow(gamma));
        return alpha == null ? focal : focal.mul(y.mul(2 * alpha - 1).add(1 - alpha));
    }

    /**
     * The gradient and the exact diagonal Hessian, weighted and reduced like {@link #gradient}; the
     * formulas, and where the Hessian is negative, are in {@link BinaryFocalHessian}.
     */
    @Override
    public GradientAndHessian gradientAndHessian(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        BinaryFocalHessian hessian = new BinaryFocalHessian(gamma, alpha, fromLogits, epsilon, labelSmoothing);
        return ElementwiseReduction.gradientAndHessian(this, this::elementLoss, segmentKernels(predictions),
                hessian::secondDerivative, null, predictions, targets, sampleWeights);
    }

    @Override
    double elementLoss(double prediction, double target, double[] derivatives, int index) {
        double y = BinaryLogLoss.smooth(target, labelSmoothing);
        double oneMinusY = BinaryLogLoss.smoothComplement(target, labelSmoothing);
        if (fromLogits && gamma != 0 && (y == 0 || oneMinusY == 0)) {
            return hardLabelLogits(prediction, y, derivatives, index);
        }
        double bce = fromLogits ? BinaryLogLoss.logits(prediction, y, oneMinusY, 1.0, derivatives, index)
                : BinaryLogLoss.probabilities(prediction, y, oneMinusY, 1.0, epsilon, derivatives, index);
        double balance = balance(y, oneMinusY);
        if (balance == 0 || gamma == 0) {
            // No focal factor (it is 1; 0^0 is 1 but its slope is not), or an element that carries no weight.
            if (derivatives != null) {
                derivatives[index] = balance == 0 ? 0.0 : balance * derivatives[index];
            }
            return balance == 0 ? 0.0 : balance * bce;
        }
        double remaining; // 1 - p_t
        double factorSlope;
        double factor;
        if (fromLogits) {
            // Soft labels (hard ones went to hardLabelLogits): 1 - p_t >= min(y, 1 - y) > 0, computed directly.
            double sigmoidOfX = sigmoid(prediction);
            double sigmoidOfMinusX = sigmoid(-prediction);
            remaining = y * sigmoidOfMinusX + oneMinusY * sigmoidOfX;
            factor = Math.pow(remaining, gamma);
            factorSlope = gamma * factor * ((oneMinusY - y) * sigmoidOfX * sigmoidOfMinusX / remaining);
        } else {
            double clipped = BinaryLogLoss.clip(prediction, epsilon);
            remaining = y * (1 - clipped) + oneMinusY * clipped;
            factor = Math.pow(remaining, gamma);
            factorSlope = BinaryLogLoss.isClipped(prediction, epsilon) ? 0.0
                    : gamma * (oneMinusY - y) * Math.pow(remaining, gamma - 1);
        }
        if (derivatives != null) {
            derivatives[index] = productRule(balance, factor, factorSlope, bce, derivatives[index]);
        }
        return balance * factor * bce;
    }

    /**
     * Logits with a hard label: with {@code s = 1 - 2y} (+-1) and {@code z = s x}, {@code bce = softplus(z)},
     * {@code 1 - p_t = sigmoid(z)}, all from one {@code e = exp(-|x|)}, {@code r = 1 / (1 + e)} and
     * {@code log1p(e)} (as {@link BinaryLogLoss#logits} computes them); {@code dbce/dx = s sigmoid(z)},
     * {@code dF/dx = gamma F s sigmoid(-z)}. The factor is {@code F = sigmoid(z)^gamma} (a product for
     * gamma 1 and 2, else {@code pow}: within about {@code gamma} ulps of sigmoid's error), and only where
     * {@code sigmoid(z)} is subnormal or zero {@code exp(-gamma softplus(-z))}, exact where {@code sigmoid(z)}
     * itself underflows. At {@code x = +-inf}: {@code e = 0}, and the limits follow (F = 0 where bce = 0,
     * bce = inf with F = 1 and a zero focal slope).
     */
    private double hardLabelLogits(double x, double y, double[] derivatives, int index) {
        double balance = balance(y, 1 - y);
        if (balance == 0) { // an element that carries no weight: 0, also where bce is infinite
            if (derivatives != null) {
                derivatives[index] = 0.0;
            }
            return 0.0;
        }
        double sign = 1 - 2 * y;
        double z = sign * x;
        double e = Math.exp(-Math.abs(x));
        double onePlusE = 1.0 + e;
        double large = 1.0 / onePlusE;
        double log1pE = StableMath.log1p(e, onePlusE, large);
        double bce = Math.max(z, 0.0) + log1pE;
        double small = e * large;
        double sigmoidOfZ = z >= 0 ? large : small;
        double factor = sigmoidOfZ >= Double.MIN_NORMAL ? power(sigmoidOfZ)
                : Math.exp(-gamma * (Math.max(-z, 0.0) + log1pE));
        if (derivatives != null) {
            double sigmoidOfMinusZ = z >= 0 ? small : large;
            derivatives[index] = productRule(balance, factor, gamma * factor * sign * sigmoidOfMinusZ, bce,
                    sign * sigmoidOfZ);
        }
        return balance * factor * bce;
    }

    /** {@code u^gamma} for a normal {@code u} in (0, 1]: one rounding for gamma 1 and 2 (the default), else {@code pow}. */
    private double power(double u) {
        return gamma == 2 ? u * u : gamma == 1 ? u : Math.pow(u, gamma);
    }

    /** {@code a_t = y alpha + (1 - y)(1 - alpha)}, 1 without alpha. */
    private double balance(double y, double oneMinusY) {
        return alpha == null ? 1.0 : y * alpha + oneMinusY * (1 - alpha);
    }

    /**
     * {@code d(balance * factor * bce) = balance * (factor * dbce + bce * dfactor)}. A product with a zero
     * factor is 0 even where the other is infinite (the limit at +-inf logits, or at a perfect
     * prediction with gamma below 1), and an infinite {@code dbce} (epsilon 0 at a wrong certain
     * probability) dominates.
     */
    private static double productRule(double balance, double factor, double factorSlope, double bce, double bceSlope) {
        if (Double.isInfinite(bceSlope)) {
            return balance * factor * bceSlope;
        }
        double focalTerm = bce == 0 || factorSlope == 0 ? 0.0 : bce * factorSlope;
        return balance * (factor * bceSlope + focalTerm);
    }
}
