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
 * Binary focal loss on probabilities with the Vector API ({@link BinaryFocalCrossEntropy}'s general branch on
 * {@link DoubleVector#SPECIES_PREFERRED} lanes): with {@code pc = clip(p, eps, 1 - eps)}, the cross-entropy
 * {@code b = -(y log(pc) + (1 - y) log1p(-pc))} and its slope as in {@link BinaryProbabilitiesVectorKernel},
 * {@code r = 1 - p_t = y (1 - pc) + (1 - y) pc}, {@code F = r^gamma}, {@code F' = gamma (1 - 2y) r^(gamma - 1)}
 * (0 where p was clipped), {@code l = a_t F b}, {@code dl/dp = a_t (F b' + b F')} with a zero factor's product
 * 0. Only loaded when {@link dev.xent.core.numeric.VectorSupport#enabled()} says so.
 *
 * <p>Both logs come from {@link VectorMath#log}; {@code r^gamma} is a product for gamma 1 and 2 (the default)
 * and {@link Math#pow} per element otherwise, as in the scalar kernel. Where the clipped p is subnormal or
 * 0, or its complement is 0 (only with {@code epsilon} 0 or tiny), the element is redone by the scalar
 * kernel, which has the exact limits. Blocks, padding, scratch and the compensated sum as in
 * {@link BinaryLogitsVectorKernel}: the same bits for any thread count; within 1e-12 relative of the scalar
 * kernel (a few ulps).
 */
final class BinaryFocalProbabilitiesVectorKernel implements SegmentKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Elements per block: a multiple of every lane count; 9 blocks of scratch (18 KB, kept per thread) stay in L1. */
    private static final int BLOCK = 256;

    private final double gamma;
    /** gamma other than 0, 1 and 2: {@code r^gamma} by {@link Math#pow} per element, not a product. */
    private final boolean generalPower;
    private final Double alpha;
    private final double labelSmoothing;
    private final double epsilon;
    private final ElementKernel scalar;
    private final double[] probabilities = KernelScratch.doubles(0, BLOCK);
    private final double[] labels = KernelScratch.doubles(1, BLOCK);
    private final double[] clipped = KernelScratch.doubles(2, BLOCK);
    private final double[] logOfClipped = KernelScratch.doubles(3, BLOCK);
    private final double[] logOfComplement = KernelScratch.doubles(4, BLOCK);
    private final double[] losses = KernelScratch.doubles(5, BLOCK);
    private final double[] derivatives = KernelScratch.doubles(6, BLOCK);
    private final double[] factors = KernelScratch.doubles(7, BLOCK);
    private final double[] slopePowers = KernelScratch.doubles(8, BLOCK);

    private BinaryFocalProbabilitiesVectorKernel(double gamma, Double alpha, double labelSmoothing, double epsilon,
                                                 ElementKernel scalar) {
        this.gamma = gamma;
        this.generalPower = gamma != 0 && gamma != 1 && gamma != 2;
        this.alpha = alpha;
        this.labelSmoothing = labelSmoothing;
        this.epsilon = epsilon;
        this.scalar = scalar;
    }

    /**
     * A new kernel per call of {@code forChunk()}: one per chunk, with the scratch of the thread that runs it.
     * {@code scalar} is the loss's own element kernel, for the elements this one does not cover.
     */
    static SegmentKernels factory(double gamma, Double alpha, double labelSmoothing, double epsilon,
                                  ElementKernel scalar) {
        return () -> new BinaryFocalProbabilitiesVectorKernel(gamma, alpha, labelSmoothing, epsilon, scalar);
    }

    @Override
    public boolean accumulate(Tensor predictions, Tensor targets, int from, int to, double weight, double gradientScale,
                              CompensatedSum sum, double[] gradientOut) {
        boolean withDerivatives = gradientOut != null;
        for (int start = from; start < to; start += BLOCK) {
            int count = Math.min(BLOCK, to - start);
            int padded = VectorBlock.load(predictions, targets, start, count, probabilities, labels, 0.5);
            boolean beyondNormal = VectorBlock.clipAndLog(probabilities, clipped, logOfClipped, logOfComplement, padded,
                    count, epsilon);
            if (generalPower) {
                powers(padded);
            }
            block(padded, weight, gradientScale, withDerivatives);
            if (beyondNormal) {
                redoBeyondNormal(count, weight, gradientScale, withDerivatives);
            }
            VectorBlock.store(losses, derivatives, count, sum, gradientOut, start);
        }
        return true;
    }

    /** {@code factors = r^gamma} and {@code slopePowers = r^(gamma - 1)} by {@link Math#pow}, r computed as {@link #block} does. */
    private void powers(int padded) {
        for (int j = 0; j < padded; j++) {
            double label = labels[j];
            double pc = clipped[j];
            double remaining = BinaryLogLoss.smooth(label, labelSmoothing) * (1 - pc)
                    + BinaryLogLoss.smoothComplement(label, labelSmoothing) * pc;
            factors[j] = Math.pow(remaining, gamma);
            slopePowers[j] = Math.pow(remaining, gamma - 1);
        }
    }

    /** Weighted losses and scaled derivatives of the first {@code padded} scratch elements, given both logs. */
    private void block(int padded, double weight, double gradientScale, boolean withDerivatives) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        double upper = 1 - epsilon;
        for (int j = 0; j < padded; j += SPECIES.length()) {
            DoubleVector label = DoubleVector.fromArray(SPECIES, labels, j);
            DoubleVector y = label.mul(1 - labelSmoothing).add(0.5 * labelSmoothing);
            // 1 - y from the raw label (BinaryLogLoss.smoothComplement), not from the rounded y
            DoubleVector oneMinusY = label.neg().add(1.0).mul(1 - labelSmoothing).add(0.5 * labelSmoothing);
            DoubleVector pc = DoubleVector.fromArray(SPECIES, clipped, j);
            DoubleVector q = pc.neg().add(1.0);
            DoubleVector log1pOfMinusPc = DoubleVector.fromArray(SPECIES, logOfComplement, j)
                    .sub(q.sub(1.0).add(pc).div(q));
            VectorMask<Double> noPositive = y.eq(0.0);
            VectorMask<Double> noNegative = oneMinusY.eq(0.0);
            DoubleVector bce = y.mul(DoubleVector.fromArray(SPECIES, logOfClipped, j)).blend(zero, noPositive)
                    .add(oneMinusY.mul(log1pOfMinusPc).blend(zero, noNegative)).neg();
            DoubleVector p = DoubleVector.fromArray(SPECIES, probabilities, j);
            VectorMask<Double> wasClipped = p.compare(VectorOperators.LT, epsilon).or(p.compare(VectorOperators.GT, upper));
            DoubleVector bceSlope = oneMinusY.div(q).blend(zero, noNegative).sub(y.div(pc).blend(zero, noPositive))
                    .blend(zero, wasClipped);
            DoubleVector balance = alpha == null ? one : y.mul(alpha).add(oneMinusY.mul(1 - alpha));
            VectorMask<Double> noWeight = balance.eq(0.0);
            DoubleVector loss;
            DoubleVector slope;
            if (gamma == 0) {
                loss = balance.mul(bce);
                slope = balance.mul(bceSlope);
            } else {
                DoubleVector remaining = y.mul(q).add(oneMinusY.mul(pc));
                DoubleVector factor = generalPower ? DoubleVector.fromArray(SPECIES, factors, j)
                        : gamma == 2 ? remaining.mul(remaining) : remaining;
                DoubleVector slopePower = generalPower ? DoubleVector.fromArray(SPECIES, slopePowers, j)
                        : gamma == 2 ? remaining : one;
                DoubleVector factorSlope = oneMinusY.sub(y).mul(gamma).mul(slopePower).blend(zero, wasClipped);
                loss = balance.mul(factor).mul(bce);
                // bce and its slope are finite here (the infinite ones are redone by the scalar kernel)
                DoubleVector focalTerm = bce.mul(factorSlope).blend(zero, bce.eq(0.0).or(factorSlope.eq(0.0)));
                slope = balance.mul(factor.mul(bceSlope).add(focalTerm));
            }
            loss.blend(zero, noWeight).mul(weight).intoArray(losses, j);
            if (withDerivatives) {
                slope.blend(zero, noWeight).mul(gradientScale).intoArray(derivatives, j);
            }
        }
    }

    /** The scalar kernel for the elements whose clipped p is subnormal or zero, or whose complement is 0. */
    private void redoBeyondNormal(int count, double weight, double gradientScale, boolean withDerivatives) {
        for (int j = 0; j < count; j++) {
            double pc = clipped[j];
            if (pc < Double.MIN_NORMAL || pc == 1.0) {
                losses[j] = scalar.weightedLoss(probabilities[j], labels[j], weight, gradientScale,
                        withDerivatives ? derivatives : null, j);
            }
        }
    }
}
