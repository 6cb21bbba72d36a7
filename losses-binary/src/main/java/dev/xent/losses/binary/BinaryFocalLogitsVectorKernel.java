package dev.xent.losses.binary;

import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.KernelScratch;
import dev.xent.core.numeric.VectorMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BinaryFocalCrossEntropy}'s logits kernel with the Vector API, on {@link DoubleVector#SPECIES_PREFERRED}
 * lanes, for losses without label smoothing. From {@code e = exp(-|x|)} ({@link VectorMath#expOfMinusAbsolute}),
 * {@code r = 1 / (1 + e)} and {@code log1p(e)} ({@link VectorMath#log1pAndReciprocal}) come both sigmoids
 * ({@code r} and {@code e r}) and both softplus. Hard labels take the scalar kernel's hard-label steps, with
 * {@code s = 1 - 2y} and {@code z = s x}: {@code bce = max(z, 0) + log1p(e)}, {@code 1 - p_t = sigmoid(z)},
 * {@code dF/dx = gamma F s sigmoid(-z)}; soft labels its general steps: {@code bce} from
 * {@link BinaryLogLoss#logits}'s terms, {@code 1 - p_t = y sigmoid(-x) + (1 - y) sigmoid(x)},
 * {@code dF/dx = gamma F (1 - 2y) sigmoid(x) sigmoid(-x) / (1 - p_t)}; each lane blends the two. The factor
 * {@code F = (1 - p_t)^gamma} is a product for gamma 1 and 2, 1 for gamma 0, else {@link Math#pow} element by
 * element; the loss is {@code a_t F bce}, the derivative {@code a_t (F dbce/dx + bce dF/dx)}, a product with a
 * zero factor being 0. The only differences from the scalar kernel are last-place roundings of the vector
 * exp and log (and, for soft labels, of {@code sigmoid(-|x|)} as {@code e r}). Only loaded when
 * {@link dev.xent.core.numeric.VectorSupport#enabled()} says so.
 *
 * <p>Elements where a sigmoid has lost its bits are redone by the scalar kernel: hard labels whose
 * {@code sigmoid(z)} is subnormal or zero ({@code z < -708}, including the limits at {@code x = +-inf}, where
 * the scalar kernel switches to {@code exp(-gamma softplus(-z))}), soft labels whose {@code exp(-|x|)} is
 * ({@code |x| > 708}). Each element's result depends only on that element.
 *
 * <p>Blocks, padding, scratch and the compensated sum are as in {@link BinaryLogitsVectorKernel}: the order
 * of additions depends only on the chunk's bounds, so the same bits for any thread count.
 */
final class BinaryFocalLogitsVectorKernel implements SegmentKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Elements per block: a multiple of every lane count; the scratch (8 blocks, 16 KB, kept per thread) stays in L1. */
    private static final int BLOCK = 256;

    private final double gamma;
    /** gamma other than 0, 1 and 2: {@code r^gamma} by {@link Math#pow} per element, not a product. */
    private final boolean generalPower;
    private final double alpha;
    private final boolean balanced;
    private final ElementKernel scalar;
    private final double[] logits = KernelScratch.doubles(0, BLOCK);
    private final double[] labels = KernelScratch.doubles(1, BLOCK);
    private final double[] exps = KernelScratch.doubles(2, BLOCK);
    private final double[] log1pOfExps = KernelScratch.doubles(3, BLOCK);
    private final double[] reciprocals = KernelScratch.doubles(4, BLOCK);
    private final double[] factors = KernelScratch.doubles(5, BLOCK);
    private final double[] losses = KernelScratch.doubles(6, BLOCK);
    private final double[] derivatives = KernelScratch.doubles(7, BLOCK);

    /** Made at the start of a chunk, on the thread that runs it: its scratch is that thread's. */
    private BinaryFocalLogitsVectorKernel(double gamma, Double alpha, ElementKernel scalar) {
        this.gamma = gamma;
        this.generalPower = gamma != 0 && gamma != 1 && gamma != 2;
        this.balanced = alpha != null;
        this.alpha = balanced ? alpha : 0.0;
        this.scalar = scalar;
    }

    /**
     * A new kernel per call of {@code forChunk()}: one per chunk, with the scratch of the thread that runs it.
     * {@code scalar} is the loss's own element kernel (logits, no label smoothing), for the elements this
     * one does not cover.
     */
    static SegmentKernels factory(double gamma, Double alpha, ElementKernel scalar) {
        return () -> new BinaryFocalLogitsVectorKernel(gamma, alpha, scalar);
    }

    @Override
    public boolean accumulate(Tensor predictions, Tensor targets, int from, int to, double weight, double gradientScale,
                           CompensatedSum sum, double[] gradientOut) {
        boolean withDerivatives = gradientOut != null;
        for (int start = from; start < to; start += BLOCK) {
            int count = Math.min(BLOCK, to - start);
            int padded = VectorBlock.load(predictions, targets, start, count, logits, labels, 0.0);
            VectorMath.expOfMinusAbsolute(logits, exps, count);
            VectorMath.log1pAndReciprocal(exps, log1pOfExps, reciprocals, count);
            if (generalPower) {
                powers(count);
            }
            if (block(padded, weight, gradientScale, withDerivatives)) {
                redoUncovered(count, weight, gradientScale, withDerivatives);
            }
            VectorBlock.store(losses, derivatives, count, sum, gradientOut, start);
        }
        return true;
    }

    /**
     * {@code factors = (1 - p_t)^gamma} by {@link Math#pow}, for a gamma other than 0, 1 and 2, with
     * {@code 1 - p_t} computed as {@link #block} does: {@code sigmoid(z)} for hard labels,
     * {@code y sigmoid(-x) + (1 - y) sigmoid(x)} for soft ones.
     */
    private void powers(int count) {
        for (int j = 0; j < count; j++) {
            double x = logits[j];
            double y = labels[j];
            double large = reciprocals[j];
            double small = exps[j] * large;
            double remaining;
            if (y == 0 || y == 1) {
                remaining = (1 - 2 * y) * x >= 0 ? large : small;
            } else {
                remaining = x >= 0 ? y * small + (1 - y) * large : y * large + (1 - y) * small;
            }
            factors[j] = Math.pow(remaining, gamma);
        }
    }

    /**
     * Weighted losses and scaled derivatives of the first {@code padded} scratch elements; whether some
     * element is one the scalar kernel must redo (its lanes here hold meaningless values).
     */
    private boolean block(int padded, double weight, double gradientScale,
                          boolean withDerivatives) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        boolean uncovered = false;
        for (int j = 0; j < padded; j += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, logits, j);
            DoubleVector y = DoubleVector.fromArray(SPECIES, labels, j);
            DoubleVector oneMinusY = one.sub(y);
            VectorMask<Double> noPositive = y.eq(0.0);
            VectorMask<Double> noNegative = oneMinusY.eq(0.0);
            VectorMask<Double> hard = noPositive.or(noNegative);
            DoubleVector sign = one.sub(y.mul(2.0));
            DoubleVector z = sign.mul(x);
            DoubleVector e = DoubleVector.fromArray(SPECIES, exps, j);
            DoubleVector large = DoubleVector.fromArray(SPECIES, reciprocals, j);
            DoubleVector small = e.mul(large);
            DoubleVector log1pE = DoubleVector.fromArray(SPECIES, log1pOfExps, j);
            VectorMask<Double> nonNegativeZ = z.compare(VectorOperators.GE, 0.0);
            VectorMask<Double> nonNegativeX = x.compare(VectorOperators.GE, 0.0);
            DoubleVector sigmoidOfZ = small.blend(large, nonNegativeZ);
            DoubleVector sigmoidOfX = small.blend(large, nonNegativeX);
            DoubleVector sigmoidOfMinusX = large.blend(small, nonNegativeX);
            // Soft labels lose sigmoid's bits where exp(-|x|) is subnormal: there the scalar kernel too.
            uncovered |= sigmoidOfZ.blend(small, hard.not()).compare(VectorOperators.LT, Double.MIN_NORMAL).anyTrue();
            // Hard labels: bce = softplus(z), 1 - p_t = sigmoid(z), dF/dx = gamma F s sigmoid(-z).
            // Soft labels: BinaryLogLoss.logits's terms, 1 - p_t = y sigmoid(-x) + (1 - y) sigmoid(x),
            // dF/dx = gamma F (1 - 2y) sigmoid(x) sigmoid(-x) / (1 - p_t).
            DoubleVector softBce = oneMinusY.mul(zero.blend(x, nonNegativeX).add(log1pE)).blend(zero, noNegative)
                    .add(y.mul(x.neg().blend(zero, nonNegativeX).add(log1pE)).blend(zero, noPositive));
            DoubleVector bce = softBce.blend(zero.blend(z, nonNegativeZ).add(log1pE), hard);
            DoubleVector softRemaining = y.mul(sigmoidOfMinusX).add(oneMinusY.mul(sigmoidOfX));
            DoubleVector remaining = softRemaining.blend(sigmoidOfZ, hard);
            DoubleVector factor = gamma == 0 ? one : gamma == 1 ? remaining : gamma == 2
                    ? remaining.mul(remaining) : DoubleVector.fromArray(SPECIES, factors, j);
            DoubleVector balance = balanced ? y.mul(alpha).add(oneMinusY.mul(1 - alpha)) : one;
            VectorMask<Double> weightless = balance.eq(0.0);
            balance.mul(factor).mul(bce).mul(weight).blend(zero, weightless).intoArray(losses, j);
            if (withDerivatives) {
                DoubleVector slopeRatio = oneMinusY.sub(y).mul(sigmoidOfX).mul(sigmoidOfMinusX).div(softRemaining)
                        .blend(sign.mul(sigmoidOfMinusX.blend(sigmoidOfX, sign.compare(VectorOperators.LT, 0.0))), hard);
                DoubleVector factorSlope = factor.mul(gamma).mul(slopeRatio);
                DoubleVector bceSlope = oneMinusY.mul(sigmoidOfX).sub(y.mul(sigmoidOfMinusX));
                DoubleVector focalTerm = bce.mul(factorSlope).blend(zero, bce.eq(0.0).or(factorSlope.eq(0.0)));
                balance.mul(factor.mul(bceSlope).add(focalTerm)).mul(gradientScale)
                        .blend(zero, weightless).intoArray(derivatives, j);
            }
        }
        return uncovered;
    }

    /** The scalar kernel where {@code sigmoid(z)} (hard labels) or {@code exp(-|x|)} (soft ones) is subnormal or zero. */
    private void redoUncovered(int count, double weight, double gradientScale, boolean withDerivatives) {
        for (int j = 0; j < count; j++) {
            double x = logits[j];
            double y = labels[j];
            double large = reciprocals[j];
            double small = exps[j] * large;
            boolean hard = y == 0 || y == 1;
            double smallest = !hard ? small : (1 - 2 * y) * x >= 0 ? large : small;
            if (smallest < Double.MIN_NORMAL) {
                losses[j] = scalar.weightedLoss(x, y, weight, gradientScale, withDerivatives ? derivatives : null, j);
            }
        }
    }
}
