package dev.xent.losses.binary;

import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.VectorMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The block handling the binary vector kernels share: a block of predictions and targets copied into
 * scratch and padded to whole vectors with values whose results are dropped, and its results stored.
 * Only loaded with them.
 */
final class VectorBlock {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private VectorBlock() {
    }

    /**
     * Copies elements {@code [start, start + count)} into {@code predictionsOut} and {@code labelsOut},
     * pads them to {@link VectorMath#paddedLength} with {@code paddingPrediction} and label 0, and
     * returns that padded length.
     */
    static int load(Tensor predictions, Tensor targets, int start, int count, double[] predictionsOut,
                    double[] labelsOut, double paddingPrediction) {
        int padded = VectorMath.paddedLength(count);
        predictions.copyTo(start, predictionsOut, 0, count);
        targets.copyTo(start, labelsOut, 0, count);
        for (int j = count; j < padded; j++) {
            predictionsOut[j] = paddingPrediction;
            labelsOut[j] = 0.0;
        }
        return padded;
    }

    /**
     * {@code clipped = clip(p, epsilon, 1 - epsilon)} and {@code complements = 1 - clipped} for the first
     * {@code padded} probabilities; whether some clipped p is below the smallest normal or some complement is
     * 0 (where a kernel's vector log does not apply).
     */
    static boolean clip(double[] probabilities, double[] clipped, double[] complements, int padded, double epsilon) {
        double upper = 1 - epsilon;
        boolean beyondNormal = false;
        for (int j = 0; j < padded; j += SPECIES.length()) {
            DoubleVector p = DoubleVector.fromArray(SPECIES, probabilities, j);
            DoubleVector low = p.blend(epsilon, p.compare(VectorOperators.LT, epsilon));
            DoubleVector pc = low.blend(upper, low.compare(VectorOperators.GT, upper));
            DoubleVector q = pc.neg().add(1.0);
            pc.intoArray(clipped, j);
            q.intoArray(complements, j);
            beyondNormal |= pc.compare(VectorOperators.LT, Double.MIN_NORMAL).or(q.eq(0.0)).anyTrue();
        }
        return beyondNormal;
    }

    /**
     * {@link #clip}, then {@code logOfClipped = log(pc)} and {@code logOfComplement = log(1 - pc)} for the
     * first {@code count} elements ({@link VectorMath#log}); returns {@link #clip}'s answer.
     */
    static boolean clipAndLog(double[] probabilities, double[] clipped, double[] logOfClipped, double[] logOfComplement,
                              int padded, int count, double epsilon) {
        // The complements go to logOfClipped first: VectorMath.log's output must be another array than its input.
        boolean beyondNormal = clip(probabilities, clipped, logOfClipped, padded, epsilon);
        VectorMath.log(logOfClipped, logOfComplement, count);
        VectorMath.log(clipped, logOfClipped, count);
        return beyondNormal;
    }

    /**
     * Where a block of {@code count} elements from {@code start} writes its derivatives: straight into
     * {@code gradientOut} when the block is whole vectors ({@code count == padded}), else into the
     * kernel's scratch {@code derivatives} (padding lanes must not land in {@code gradientOut}), which
     * {@link #store} then copies. Null when no gradient is asked for.
     */
    static double[] derivativesTarget(double[] gradientOut, double[] derivatives, int count, int padded) {
        return gradientOut == null ? null : count == padded ? gradientOut : derivatives;
    }

    /** The index in {@link #derivativesTarget}'s array of the block's first element. */
    static int derivativesOffset(double[] target, double[] gradientOut, int start) {
        return target == gradientOut ? start : 0;
    }

    /**
     * Adds the block's first {@code count} losses to {@code sum} and, when {@code gradientOut} is not null
     * and the derivatives are not already there ({@link #derivativesTarget}), copies them there from {@code start}.
     */
    static void store(double[] losses, double[] derivatives, int count, CompensatedSum sum, double[] gradientOut,
                      int start) {
        VectorMath.addAll(losses, count, sum);
        if (gradientOut != null && derivatives != gradientOut) {
            System.arraycopy(derivatives, 0, gradientOut, start, count);
        }
    }
}
