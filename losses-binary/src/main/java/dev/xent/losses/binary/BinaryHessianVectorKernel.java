package dev.xent.losses.binary;

import dev.xent.core.Tensor;
import dev.xent.core.numeric.KernelScratch;
import dev.xent.core.numeric.VectorMath;
import java.util.function.Supplier;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Binary cross-entropy's diagonal Hessian with the Vector API, on {@link DoubleVector#SPECIES_PREFERRED} lanes:
 * {@link BinaryLogLoss#logitsSecondDerivative} ({@code (1 - y + pw y) e / (1 + e)^2}, {@code e = exp(-|x|)} from
 * {@link VectorMath#expOfMinusAbsolute}, within a few ulps) and {@link BinaryLogLoss#probabilitiesSecondDerivative}
 * ({@code pw y / p^2 + (1 - y) / (1 - p)^2}, 0 where p was clipped, a term whose target weight is 0 being 0:
 * the same operations, so the same bits). On logits the elements with {@code |x| > 708}, whose {@code e} is
 * subnormal (where one ulp is a large relative error), are redone by the scalar formula. Each element's
 * result depends on that element only: the same bits for any thread count. Only loaded when
 * {@link dev.xent.core.numeric.VectorSupport#enabled()} says so.
 */
final class BinaryHessianVectorKernel implements SecondDerivativeKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Elements per block: a multiple of every lane count; 4 blocks of scratch (8 KB, kept per thread) stay in L1. */
    private static final int BLOCK = 256;

    private final boolean fromLogits;
    private final double labelSmoothing;
    private final double posWeight;
    private final double epsilon;
    private final double[] predictions = KernelScratch.doubles(0, BLOCK);
    private final double[] labels = KernelScratch.doubles(1, BLOCK);
    private final double[] exps = KernelScratch.doubles(2, BLOCK);
    private final double[] results = KernelScratch.doubles(3, BLOCK);

    private BinaryHessianVectorKernel(boolean fromLogits, double labelSmoothing, double posWeight, double epsilon) {
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
        this.posWeight = posWeight;
        this.epsilon = epsilon;
    }

    /** A new kernel per call of {@code get()}: one per chunk, with the scratch of the thread that runs it. */
    static Supplier<SecondDerivativeKernel> factory(boolean fromLogits, double labelSmoothing, double posWeight,
                                                    double epsilon) {
        return () -> new BinaryHessianVectorKernel(fromLogits, labelSmoothing, posWeight, epsilon);
    }

    @Override
    public void scaled(Tensor predictionsIn, Tensor targets, int from, int to, double scale, double[] out) {
        for (int start = from; start < to; start += BLOCK) {
            int count = Math.min(BLOCK, to - start);
            int padded = VectorBlock.load(predictionsIn, targets, start, count, predictions, labels,
                    fromLogits ? 0.0 : 0.5);
            if (fromLogits) {
                VectorMath.expOfMinusAbsolute(predictions, exps, count);
                logits(padded, scale);
                redoSubnormal(count, scale);
            } else {
                probabilities(padded, scale);
            }
            System.arraycopy(results, 0, out, start, count);
        }
    }

    private void logits(int padded, double scale) {
        for (int j = 0; j < padded; j += SPECIES.length()) {
            DoubleVector label = DoubleVector.fromArray(SPECIES, labels, j);
            DoubleVector y = label.mul(1 - labelSmoothing).add(0.5 * labelSmoothing);
            DoubleVector oneMinusY = label.neg().add(1.0).mul(1 - labelSmoothing).add(0.5 * labelSmoothing);
            DoubleVector e = DoubleVector.fromArray(SPECIES, exps, j);
            DoubleVector onePlusE = e.add(1.0);
            oneMinusY.add(y.mul(posWeight)).mul(e.div(onePlusE.mul(onePlusE))).mul(scale).intoArray(results, j);
        }
    }

    /** Where {@code |x| > 708} the scalar formula (its {@code exp} rounds a subnormal result once, exactly). */
    private void redoSubnormal(int count, double scale) {
        for (int j = 0; j < count; j++) {
            double x = predictions[j];
            if (Math.abs(x) > 708) {
                double label = labels[j];
                results[j] = BinaryLogLoss.logitsSecondDerivative(x, BinaryLogLoss.smooth(label, labelSmoothing),
                        BinaryLogLoss.smoothComplement(label, labelSmoothing), posWeight) * scale;
            }
        }
    }

    private void probabilities(int padded, double scale) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        double upper = 1 - epsilon;
        for (int j = 0; j < padded; j += SPECIES.length()) {
            DoubleVector label = DoubleVector.fromArray(SPECIES, labels, j);
            DoubleVector y = label.mul(1 - labelSmoothing).add(0.5 * labelSmoothing);
            DoubleVector oneMinusY = label.neg().add(1.0).mul(1 - labelSmoothing).add(0.5 * labelSmoothing);
            DoubleVector p = DoubleVector.fromArray(SPECIES, predictions, j);
            DoubleVector complement = p.neg().add(1.0);
            VectorMask<Double> wasClipped = p.compare(VectorOperators.LT, epsilon).or(p.compare(VectorOperators.GT, upper));
            DoubleVector positive = y.mul(posWeight).div(p.mul(p)).blend(zero, y.eq(0.0));
            DoubleVector negative = oneMinusY.div(complement.mul(complement)).blend(zero, oneMinusY.eq(0.0));
            positive.add(negative).blend(zero, wasClipped).mul(scale).intoArray(results, j);
        }
    }
}
