package dev.xent.losses.binary;

import static dev.xent.autodiff.StableMath.sigmoid;
import static dev.xent.autodiff.StableMath.softplus;

import dev.xent.autodiff.StableMath;
import dev.xent.core.Node;
import dev.xent.core.Tensor;
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
 * <p><b>Stability.</b> With logits nothing is clipped and the focal factor is computed in log space:
 * {@code 1 - p_t = y sigmoid(-x) + (1 - y) sigmoid(x)}, whose log for hard labels is
 * {@code log_sigmoid(-x) = -softplus(x)} (y = 1) or {@code log_sigmoid(x) = -softplus(-x)} (y = 0), and
 * {@code (1 - p_t)^gamma = exp(gamma * log(1 - p_t))}: exact even where {@code 1 - p_t} itself would
 * underflow (e.g. {@code x = 1000, gamma = 0.5}). The cross-entropy uses the softplus identities of
 * {@link BinaryCrossEntropy}. With probabilities, p is clipped to {@code [epsilon, 1 - epsilon]} first
 * and the clipped p is used in both factors.
 *
 * <p><b>Gradient.</b> With {@code F = (1 - p_t)^gamma} and {@code b = bce}:
 * {@code dl/dz = a_t (F db/dz + b dF/dz)}. Logits: {@code db/dx = sigmoid(x) - y},
 * {@code dF/dx = gamma F (1 - 2y) sigmoid(x) sigmoid(-x) / (1 - p_t)} (for y = 1: {@code -gamma F sigmoid(x)};
 * y = 0: {@code gamma F sigmoid(-x)}). Probabilities (inside the clip range; 0 outside):
 * {@code db/dp = -y/p + (1 - y)/(1 - p)}, {@code dF/dp = gamma (1 - 2y) (1 - p_t)^(gamma - 1)}. Where
 * {@code b} or {@code dF} is 0 their product is taken as 0 (the limit), so {@code 0 < gamma < 1} gives a
 * zero gradient at a perfect prediction instead of NaN.
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
public final class BinaryFocalCrossEntropy extends ElementwiseLoss {
    private final double gamma;
    private final Double alpha;

    BinaryFocalCrossEntropy(ParameterValues parameters) {
        super(BinaryFocalCrossEntropyProvider.NAME, parameters);
        this.gamma = parameters.number(BinaryFocalCrossEntropyProvider.GAMMA);
        this.alpha = parameters.optionalNumber(BinaryFocalCrossEntropyProvider.ALPHA);
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
        Node oneMinusY = y.rsub(1);
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

    @Override
    double elementLoss(double prediction, double target, double[] derivatives, int index) {
        double y = BinaryLogLoss.smooth(target, labelSmoothing);
        if (fromLogits && gamma != 0 && (y == 0 || y == 1)) {
            return hardLabelLogits(prediction, y, derivatives, index);
        }
        double bce = fromLogits ? BinaryLogLoss.logits(prediction, y, 1.0, derivatives, index)
                : BinaryLogLoss.probabilities(prediction, y, 1.0, epsilon, derivatives, index);
        double balance = balance(y);
        if (balance == 0 || gamma == 0) {
            // No focal factor (it is 1; gamma * log(0) would be NaN), or an element that carries no weight.
            if (derivatives != null) {
                derivatives[index] = balance == 0 ? 0.0 : balance * derivatives[index];
            }
            return balance == 0 ? 0.0 : balance * bce;
        }
        double factor;
        double factorSlope;
        if (fromLogits) {
            double logRemaining = logOneMinusPt(prediction, y);
            factor = Math.exp(gamma * logRemaining);
            factorSlope = gamma * factor * logOneMinusPtSlope(prediction, y);
        } else {
            double clipped = BinaryLogLoss.clip(prediction, epsilon);
            double remaining = y * (1 - clipped) + (1 - y) * clipped;
            factor = Math.pow(remaining, gamma);
            factorSlope = BinaryLogLoss.isClipped(prediction, epsilon) ? 0.0
                    : gamma * (1 - 2 * y) * Math.pow(remaining, gamma - 1);
        }
        if (derivatives != null) {
            derivatives[index] = productRule(balance, factor, factorSlope, bce, derivatives[index]);
        }
        return balance * factor * bce;
    }

    /**
     * Logits with a hard label: with {@code s = 1 - 2y} (+-1) and {@code z = s x}, {@code bce = softplus(z)},
     * {@code 1 - p_t = sigmoid(z)} and {@code log(1 - p_t) = -softplus(-z)}, all from one
     * {@code e = exp(-|x|)}, {@code r = 1 / (1 + e)} and {@code log1p(e)} (as {@link BinaryLogLoss#logits}
     * computes them); {@code dbce/dx = s sigmoid(z)}, {@code dF/dx = gamma F s sigmoid(-z)}. Two
     * {@code exp}, one {@code log} and one division per element, where the general path takes four,
     * two and two. At {@code x = +-inf}: {@code e = 0}, and the limits follow (F = 0 where bce = 0,
     * bce = inf with F = 1 and a zero focal slope).
     */
    private double hardLabelLogits(double x, double y, double[] derivatives, int index) {
        double balance = balance(y);
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
        double factor = Math.exp(-gamma * (Math.max(-z, 0.0) + log1pE));
        if (derivatives != null) {
            double small = e * large;
            double sigmoidOfZ = z >= 0 ? large : small;
            double sigmoidOfMinusZ = z >= 0 ? small : large;
            derivatives[index] = productRule(balance, factor, gamma * factor * sign * sigmoidOfMinusZ, bce,
                    sign * sigmoidOfZ);
        }
        return balance * factor * bce;
    }

    /** {@code a_t = y alpha + (1 - y)(1 - alpha)}, 1 without alpha. */
    private double balance(double y) {
        return alpha == null ? 1.0 : y * alpha + (1 - y) * (1 - alpha);
    }

    /** {@code log(1 - p_t) = log(y sigmoid(-x) + (1 - y) sigmoid(x))}, via log-sigmoid for hard labels. */
    private static double logOneMinusPt(double x, double y) {
        if (y == 1) {
            return -softplus(x);
        }
        if (y == 0) {
            return -softplus(-x);
        }
        // Soft labels: both terms are positive and the sum is at least min(y, 1 - y), so log is safe.
        return Math.log(y * sigmoid(-x) + (1 - y) * sigmoid(x));
    }

    /** {@code d log(1 - p_t) / dx = (1 - 2y) sigmoid(x) sigmoid(-x) / (1 - p_t)}, simplified for hard labels. */
    private static double logOneMinusPtSlope(double x, double y) {
        if (y == 1) {
            return -sigmoid(x);
        }
        if (y == 0) {
            return sigmoid(-x);
        }
        double sigmoidOfX = sigmoid(x);
        double sigmoidOfMinusX = sigmoid(-x);
        return (1 - 2 * y) * sigmoidOfX * sigmoidOfMinusX / (y * sigmoidOfMinusX + (1 - y) * sigmoidOfX);
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
