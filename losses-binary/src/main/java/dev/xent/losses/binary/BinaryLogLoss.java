package dev.xent.losses.binary;

import dev.xent.core.Node;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.FirstIndex;
import dev.xent.core.numeric.StableMath;

/**
 * The element-wise binary log loss {@code l = -[pw y log(p) + (1 - y) log(1 - p)]} and its first and
 * second derivatives, on logits and on probabilities: the math both binary losses share (focal loss
 * with gamma 0 and no alpha is this with {@code pw = 1}, bit for bit).
 *
 * <p>A term whose target weight ({@code y} or {@code 1 - y}) is exactly 0 is 0, even where its log is
 * infinite: this gives the exact limits at logits of +-inf (and at probabilities 0 and 1 with
 * epsilon 0) instead of {@code 0 * inf = NaN}.
 */
final class BinaryLogLoss {
    private BinaryLogLoss() {
    }

    /**
     * Logits: {@code (1 - y) softplus(x) + pw y softplus(-x)}, using {@code -log(sigmoid(x)) = softplus(-x)},
     * {@code -log(1 - sigmoid(x)) = softplus(x)} and {@code softplus(x) = max(x, 0) + log1p(exp(-|x|))}.
     * The derivative is {@code (1 - y) sigmoid(x) - pw y sigmoid(-x) = (1 + (pw - 1) y) sigmoid(x) - pw y}.
     * One {@code exp}, one {@code log} and one division per element serve both (see
     * {@link dev.xent.core.numeric.StableMath#log1p} for the accurate {@code log1p} through {@code log}).
     */
    static double logits(double x, double y, double oneMinusY, double posWeight, double[] derivatives, int index) {
        double e = Math.exp(-Math.abs(x)); // in [0, 1]: never overflows
        return logits(x, e, Math.log(1.0 + e), y, oneMinusY, posWeight, derivatives, index);
    }

    /**
     * {@link #logits(double, double, double, double, double[], int)} given {@code e = exp(-|x|)} and
     * {@code log(1 + e)} (the rounded {@code 1 + e}'s log), which a block kernel computes for many elements
     * first: the rest has no call, so the processor overlaps the elements.
     */
    static double logits(double x, double e, double logOfOnePlusE, double y, double oneMinusY, double posWeight,
                         double[] derivatives, int index) {
        double onePlusE = 1.0 + e;
        double large = 1.0 / onePlusE; // sigmoid(|x|); e * large = sigmoid(-|x|): each accurate, no 1 - sigmoid
        // log1p(e): the log of the rounded 1 + e, plus that rounding's error (StableMath.log1p with its reciprocal)
        double log1pE = logOfOnePlusE - ((onePlusE - 1.0) - e) * large;
        double softplusOfX = Math.max(x, 0.0) + log1pE;
        double softplusOfMinusX = Math.max(-x, 0.0) + log1pE;
        double loss = Double.isInfinite(x) ? infiniteLogitLoss(y, oneMinusY, posWeight, softplusOfX, softplusOfMinusX)
                : oneMinusY * softplusOfX + posWeight * y * softplusOfMinusX; // branch-free: labels are random
        if (derivatives != null) {
            double small = e * large;
            double sigmoidOfX = x >= 0 ? large : small;
            double sigmoidOfMinusX = x >= 0 ? small : large;
            derivatives[index] = oneMinusY * sigmoidOfX - posWeight * y * sigmoidOfMinusX;
        }
        return loss;
    }

    /**
     * {@code weight * }{@link #logits}{@code (...)}, and {@code scale} times its derivative, with the weight
     * applied before a small factor underflows: where {@code e = exp(-|x|)} is subnormal (|x| > 708) the
     * terms {@code softplus(-|x|) = e} and {@code sigmoid(-|x|) = e} have lost their bits, but times a
     * sample weight of 1e300 (reduction sum) they are ordinary numbers. There {@code softplus(|x|) = |x|}
     * and {@code sigmoid(|x|) = 1} to the last bit, and the small terms are {@link #scaledExp}.
     */
    static double weightedLogits(double x, double y, double oneMinusY, double posWeight, double weight, double scale,
                                 double[] derivatives, int index) {
        double a = Math.abs(x);
        if (!(a > 708) || a == Double.POSITIVE_INFINITY) { // exp(-|x|) is normal (or exactly 0): nothing underflowed
            double loss = weight * logits(x, y, oneMinusY, posWeight, derivatives, index);
            if (derivatives != null) {
                derivatives[index] *= scale;
            }
            return loss;
        }
        double positive = posWeight * y; // the weight of softplus(-x) and of -sigmoid(-x)
        if (x > 0) {
            if (derivatives != null) {
                derivatives[index] = scale * oneMinusY - scaledExp(scale * positive, a);
            }
            return weight * (oneMinusY * a) + scaledExp(weight * positive, a);
        }
        if (derivatives != null) {
            derivatives[index] = scaledExp(scale * oneMinusY, a) - scale * positive;
        }
        return scaledExp(weight * oneMinusY, a) + weight * (positive * a);
    }

    /**
     * {@code s * exp(-a)} for {@code s >= 0} and {@code 708 < a}, without underflowing before {@code s} is
     * applied: {@code s} times {@code exp(-a / 2^k)} (normal, exact argument) {@code 2^k} times, k = 1 or 2;
     * a few ulps. 0 where even the product underflows (a > 2832: below {@code 2^1024 e^-2832}).
     */
    static double scaledExp(double s, double a) {
        int parts = a <= 1400 ? 2 : 4;
        double part = Math.exp(-a / parts);
        double product = s;
        for (int j = 0; j < parts; j++) {
            product *= part;
        }
        return product;
    }

    /** At {@code x = +-inf} one softplus is infinite: a term whose weight is exactly 0 is 0, not NaN. */
    private static double infiniteLogitLoss(double y, double oneMinusY, double posWeight, double softplusOfX,
                                            double softplusOfMinusX) {
        return (oneMinusY == 0 ? 0.0 : oneMinusY * softplusOfX) + (y == 0 ? 0.0 : posWeight * y * softplusOfMinusX);
    }

    /** Logits: {@code d2l/dx2 = (1 + (pw - 1) y) sigmoid(x) sigmoid(-x)}, in (0, (1 + (pw - 1) y) / 4]. */
    static double logitsSecondDerivative(double x, double y, double oneMinusY, double posWeight) {
        double e = Math.exp(-Math.abs(x));
        double onePlusE = 1.0 + e;
        return (oneMinusY + posWeight * y) * (e / (onePlusE * onePlusE));
    }

    /**
     * Probabilities, clipped to {@code pc = clip(p, eps, 1 - eps)}:
     * {@code -pw y log(pc) - (1 - y) log1p(-pc)}. The derivative is {@code -pw y / pc + (1 - y) / (1 - pc)}
     * where {@code eps <= p <= 1 - eps} and 0 where p was clipped (the clip's gradient is 0 outside its
     * range, as TensorFlow's clip_by_value that Keras uses). With {@code eps = 0}, {@code p = 0} against
     * {@code y > 0} gives {@code +inf} with derivative {@code -inf} (and symmetrically at {@code p = 1}).
     * {@code log1p} is {@link StableMath#log1p(double)} (through the {@code Math.log} intrinsic: on JDK 17
     * {@code Math.log1p} is a native call that made this kernel several times slower).
     */
    static double probabilities(double p, double y, double oneMinusY, double posWeight, double epsilon,
                                double[] derivatives, int index) {
        double clipped = clip(p, epsilon);
        double loss = (y == 0 ? 0.0 : -posWeight * y * Math.log(clipped))
                + (oneMinusY == 0 ? 0.0 : -oneMinusY * StableMath.log1p(-clipped));
        if (derivatives != null) {
            derivatives[index] = isClipped(p, epsilon) ? 0.0
                    : (y == 0 ? 0.0 : -posWeight * y / clipped) + (oneMinusY == 0 ? 0.0 : oneMinusY / (1 - clipped));
        }
        return loss;
    }

    /** Probabilities: {@code d2l/dp2 = pw y / pc^2 + (1 - y) / (1 - pc)^2}, 0 where p was clipped. */
    static double probabilitiesSecondDerivative(double p, double y, double oneMinusY, double posWeight,
                                                double epsilon) {
        if (isClipped(p, epsilon)) {
            return 0.0;
        }
        double complement = 1 - p;
        return (y == 0 ? 0.0 : posWeight * y / (p * p))
                + (oneMinusY == 0 ? 0.0 : oneMinusY / (complement * complement));
    }

    /** {@code min(max(p, eps), 1 - eps)}. */
    static double clip(double p, double epsilon) {
        return Math.min(Math.max(p, epsilon), 1 - epsilon);
    }

    /** Whether p lies strictly outside {@code [eps, 1 - eps]} (the bounds themselves pass the gradient). */
    static boolean isClipped(double p, double epsilon) {
        return p < epsilon || p > 1 - epsilon;
    }

    /** Label smoothing toward 1/2: {@code y (1 - ls) + ls / 2} (exactly y when ls = 0). */
    static double smooth(double y, double labelSmoothing) {
        return labelSmoothing == 0 ? y : y * (1 - labelSmoothing) + 0.5 * labelSmoothing;
    }

    /**
     * {@code 1 - y'} for the smoothed target {@code y'}, computed directly as {@code (1 - y)(1 - ls) + ls / 2}
     * (exactly {@code 1 - y} when ls = 0): subtracting the already rounded {@code y'} from 1 would turn its
     * rounding error into a large relative error of a small complement (y = 1, ls = 0.1: 1 - y' = 0.05).
     */
    static double smoothComplement(double y, double labelSmoothing) {
        return labelSmoothing == 0 ? 1 - y : (1 - y) * (1 - labelSmoothing) + 0.5 * labelSmoothing;
    }

    /** {@link #smooth(double, double)} on the graph (y itself when ls = 0: no op for an identity). */
    static Node smooth(Node y, double labelSmoothing) {
        return labelSmoothing == 0 ? y : y.mul(1 - labelSmoothing).add(0.5 * labelSmoothing);
    }

    /** {@link #smoothComplement(double, double)} on the graph. */
    static Node smoothComplement(Node y, double labelSmoothing) {
        Node complement = y.rsub(1);
        return labelSmoothing == 0 ? complement : complement.mul(1 - labelSmoothing).add(0.5 * labelSmoothing);
    }

    /**
     * For hard labels, {@code s = 1 - 2y} (1 where y = 0, -1 where y = 1): with {@code z = s x} the log
     * loss on logits is {@code softplus(z)} and {@code 1 - p_t} is {@code sigmoid(z)}, one op each instead
     * of a weighted sum of two. Null unless {@code targets} is a constant whose every value is 0 or 1
     * (with label smoothing none is).
     */
    static Tensor hardLabelSigns(Node targets, double labelSmoothing) {
        if (labelSmoothing != 0 || targets.requiresGradient()) {
            return null;
        }
        Tensor y = targets.value();
        double[] signs = new double[y.size()];
        // In fixed chunks, in parallel: each chunk copies its labels in bulk and turns them into signs in place.
        int firstSoft = FirstIndex.find(signs.length, ElementwiseReduction.GRAIN, (from, to) -> {
            y.copyTo(from, signs, from, to - from);
            for (int i = from; i < to; i++) {
                double label = signs[i];
                if (label != 0 && label != 1) {
                    return i;
                }
                signs[i] = 1 - 2 * label;
            }
            return -1;
        });
        return firstSoft >= 0 ? null : Tensor.wrap(signs, y.shape());
    }

    /** A constant on the graph that is {@code whereOne} where a hard label is 1 and {@code whereZero} where it is 0. */
    static Node byLabel(Node hardLabels, double whereOne, double whereZero) {
        return hardLabels.constant(Tensor.scalar(whereOne))
                .where(hardLabels.equalTo(1), hardLabels.constant(Tensor.scalar(whereZero)));
    }

    /** {@code pw y} on the graph (y itself when pw = 1). */
    private static Node positiveWeight(Node y, double posWeight) {
        return posWeight == 1 ? y : y.mul(posWeight);
    }

    /**
     * {@link #logits} on the graph: {@code (1 - y) softplus(x) - pw y logSigmoid(x)}, which is
     * {@code (1 - y) softplus(x) + pw y softplus(-x)}; the nodes {@code 1 - y}, {@code softplus(x)} and
     * {@code logSigmoid(x)} come from the caller, which may reuse them (no op for {@code -x}).
     */
    static Node logitsGraph(Node y, Node oneMinusY, Node softplus, Node logSigmoid, double posWeight) {
        return oneMinusY.mul(softplus).sub(positiveWeight(y, posWeight).mul(logSigmoid));
    }

    /**
     * {@link #probabilities} on the graph: {@code -(pw y log(pc) + (1 - y) log1p(-pc))}, where {@code clipped}
     * is {@code pc}, the probabilities already clamped to {@code [eps, 1 - eps]} by the caller (which may
     * reuse the node, like {@code 1 - y}).
     */
    static Node probabilitiesGraph(Node clipped, Node y, Node oneMinusY, double posWeight) {
        return positiveWeight(y, posWeight).mul(clipped.log()).add(oneMinusY.mul(clipped.neg().log1p())).neg();
    }
}
