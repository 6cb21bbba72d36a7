package dev.xent.losses.binary;

import dev.xent.core.numeric.StableMath;

/**
 * The second derivative of the binary focal loss {@code l = a_t F b} ({@code F = r^gamma},
 * {@code r = 1 - p_t}, {@code b} the cross-entropy; see {@link BinaryFocalCrossEntropy}) with respect
 * to its prediction, for one element:
 * <pre>
 *   l'' = a_t (F'' b + 2 F' b' + F b'')
 *   F' = gamma r^(gamma - 1) r'        F'' = gamma (gamma - 1) r^(gamma - 2) r'^2 + gamma r^(gamma - 1) r''
 * </pre>
 * <b>Logits, hard labels.</b> With {@code z = (1 - 2y) x}, {@code u = sigmoid(z)} (= 1 - p_t),
 * {@code v = sigmoid(-z)}: {@code b = softplus(z)}, {@code F = u^gamma}, and (since {@code dz/dx = +-1})
 * <pre>
 *   l'' = a_t u^gamma v [gamma (gamma v - u) softplus(z) + (2 gamma + 1) u]
 * </pre>
 * which is {@code sigmoid(x) sigmoid(-x)} for {@code gamma = 0}, the cross-entropy's. It is negative
 * where {@code gamma (u - gamma v) softplus(z) > (2 gamma + 1) u}: for badly misclassified elements
 * (about {@code z > 2 + 1/gamma}); the focal loss is not convex there. {@code u^gamma} is
 * {@code exp(-gamma softplus(-z))}, finite where {@code u} itself would underflow.
 *
 * <p><b>Logits, soft labels.</b> {@code r = y sigmoid(-x) + (1 - y) sigmoid(x)},
 * {@code r' = (1 - 2y) s}, {@code r'' = (1 - 2y) s (sigmoid(-x) - sigmoid(x))} with
 * {@code s = sigmoid(x) sigmoid(-x)}; {@code b' = sigmoid(x) - y}, {@code b'' = s}; {@code r >= min(y, 1 - y) > 0}.
 *
 * <p><b>Probabilities</b> (inside the clip range; 0 where p was clipped, like the gradient):
 * {@code r = y (1 - p) + (1 - y) p}, {@code r' = 1 - 2y}, {@code r'' = 0},
 * {@code b' = -y/p + (1 - y)/(1 - p)}, {@code b'' = y/p^2 + (1 - y)/(1 - p)^2}.
 *
 * <p>A product with a zero factor is 0 even where the other factor is infinite (the limits at
 * {@code +-inf} logits and at perfect predictions with {@code gamma < 2}).
 */
final class BinaryFocalHessian {
    private final double gamma;
    private final Double alpha;
    private final boolean fromLogits;
    private final double epsilon;
    private final double labelSmoothing;

    BinaryFocalHessian(double gamma, Double alpha, boolean fromLogits, double epsilon, double labelSmoothing) {
        this.gamma = gamma;
        this.alpha = alpha;
        this.fromLogits = fromLogits;
        this.epsilon = epsilon;
        this.labelSmoothing = labelSmoothing;
    }

    /** {@code d2l/dz2} of one element with a raw (unsmoothed) target. */
    double secondDerivative(double prediction, double target) {
        double y = BinaryLogLoss.smooth(target, labelSmoothing);
        double balance = alpha == null ? 1.0 : y * alpha + (1 - y) * (1 - alpha);
        if (balance == 0) {
            return 0.0;
        }
        if (!fromLogits) {
            return balance * probabilities(prediction, y);
        }
        return balance * (y == 0 || y == 1 ? hardLabelLogits(prediction, y) : softLabelLogits(prediction, y));
    }

    private double hardLabelLogits(double x, double y) {
        double z = (1 - 2 * y) * x;
        double e = Math.exp(-Math.abs(z));
        double onePlusE = 1.0 + e;
        double large = 1.0 / onePlusE;
        double small = e * large;
        double u = z >= 0 ? large : small;   // sigmoid(z)
        double v = z >= 0 ? small : large;   // sigmoid(-z)
        if (v == 0) {
            return 0.0; // z = +inf: the loss is linear in z there (v softplus(z) -> 0)
        }
        double log1pE = StableMath.log1p(e, onePlusE, large);
        double softplus = Math.max(z, 0.0) + log1pE;
        double factor = gamma == 0 ? 1.0 : Math.exp(-gamma * (Math.max(-z, 0.0) + log1pE)); // u^gamma
        double focusing = gamma == 0 ? 0.0 : gamma * (gamma * v - u) * softplus;
        return factor * v * (focusing + (2 * gamma + 1) * u);
    }

    private double softLabelLogits(double x, double y) {
        double sigmoidOfX = StableMath.sigmoid(x);
        double sigmoidOfMinusX = StableMath.sigmoid(-x);
        double s = sigmoidOfX * sigmoidOfMinusX;
        if (s == 0) {
            return 0.0; // |x| so large that the loss is linear in x (also x = +-inf)
        }
        double bce = (1 - y) * StableMath.softplus(x) + y * StableMath.softplus(-x);
        double bceSlope = sigmoidOfX - y;
        double r = y * sigmoidOfMinusX + (1 - y) * sigmoidOfX;
        double rSlope = (1 - 2 * y) * s;
        double rCurvature = rSlope * (sigmoidOfMinusX - sigmoidOfX);
        return focalProduct(r, rSlope, rCurvature, bce, bceSlope, s);
    }

    private double probabilities(double p, double y) {
        if (BinaryLogLoss.isClipped(p, epsilon)) {
            return 0.0;
        }
        double complement = 1 - p;
        double bce = (y == 0 ? 0.0 : -y * Math.log(p)) + (y == 1 ? 0.0 : -(1 - y) * StableMath.log1p(-p));
        double bceSlope = (y == 0 ? 0.0 : -y / p) + (y == 1 ? 0.0 : (1 - y) / complement);
        double bceCurvature = (y == 0 ? 0.0 : y / (p * p)) + (y == 1 ? 0.0 : (1 - y) / (complement * complement));
        double r = y * complement + (1 - y) * p;
        return focalProduct(r, 1 - 2 * y, 0.0, bce, bceSlope, bceCurvature);
    }

    /** {@code F'' b + 2 F' b' + F b''} for {@code F = r^gamma}, zero factors winning over infinite ones. */
    private double focalProduct(double r, double rSlope, double rCurvature, double bce, double bceSlope,
                                double bceCurvature) {
        if (gamma == 0) {
            return bceCurvature;
        }
        double factor = Math.pow(r, gamma);
        double factorSlope = gamma * times(Math.pow(r, gamma - 1), rSlope);
        double factorCurvature = gamma * (gamma - 1) * times(Math.pow(r, gamma - 2), rSlope * rSlope)
                + gamma * times(Math.pow(r, gamma - 1), rCurvature);
        return times(factorCurvature, bce) + 2 * times(factorSlope, bceSlope) + times(factor, bceCurvature);
    }

    private static double times(double a, double b) {
        return a == 0 || b == 0 ? 0.0 : a * b;
    }
}
