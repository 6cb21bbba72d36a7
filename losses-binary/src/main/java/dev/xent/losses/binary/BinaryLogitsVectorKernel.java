package dev.xent.losses.binary;

import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import java.util.function.Supplier;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BinaryLogLoss#logits} with the Vector API: the same formula, operation for operation, on
 * {@link DoubleVector#SPECIES_PREFERRED} lanes, with {@link VectorMath}'s {@code exp} and {@code log}
 * instead of {@code Math.exp} and {@code Math.log}. Only loaded when {@link VectorSupport#enabled()}
 * says so.
 *
 * <p>Elements are copied block by block into scratch arrays (the tensors do not expose theirs), padded
 * to whole vectors with finite values whose results are dropped, so no masked operations are needed.
 * The weighted losses are then added to the compensated sum one by one in element order, as the scalar
 * loop does: each element's result depends only on that element, never on its lane or block, so the
 * sum has the same bits for any thread count. The exact limits at {@code x = +-inf} need no fix-up:
 * the scalar kernel's "a term whose weight is 0 is 0" rule is applied to every lane with a blend,
 * which for finite x changes nothing (both terms are then finite and non-negative).
 */
final class BinaryLogitsVectorKernel implements SegmentKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Elements per block: a multiple of every lane count; the scratch (5 blocks) stays in L1. */
    private static final int BLOCK = 512;

    private final double labelSmoothing;
    private final double posWeight;
    private final double[] logits = new double[BLOCK];
    private final double[] labels = new double[BLOCK];
    private final double[] losses = new double[BLOCK];
    private final double[] derivatives = new double[BLOCK];

    private BinaryLogitsVectorKernel(double labelSmoothing, double posWeight) {
        this.labelSmoothing = labelSmoothing;
        this.posWeight = posWeight;
    }

    /** A new kernel (with its own scratch) per call of {@code get()}: one per chunk. */
    static Supplier<SegmentKernel> factory(double labelSmoothing, double posWeight) {
        return () -> new BinaryLogitsVectorKernel(labelSmoothing, posWeight);
    }

    @Override
    public void accumulate(Tensor predictions, Tensor targets, int from, int to, double weight, double gradientScale,
                           CompensatedSum sum, double[] gradientOut) {
        for (int start = from; start < to; start += BLOCK) {
            int count = Math.min(BLOCK, to - start);
            int padded = SPECIES.loopBound(count + SPECIES.length() - 1);
            for (int j = 0; j < count; j++) {
                logits[j] = predictions.getFlat(start + j);
                labels[j] = targets.getFlat(start + j);
            }
            for (int j = count; j < padded; j++) {
                logits[j] = 0.0;
                labels[j] = 0.0;
            }
            for (int j = 0; j < padded; j += SPECIES.length()) {
                lanes(j, weight, gradientScale, gradientOut != null);
            }
            for (int j = 0; j < count; j++) {
                sum.add(losses[j]);
            }
            if (gradientOut != null) {
                System.arraycopy(derivatives, 0, gradientOut, start, count);
            }
        }
    }

    /** Weighted losses and scaled derivatives of the lanes at {@code j}: {@link BinaryLogLoss#logits}'s steps. */
    private void lanes(int j, double weight, double gradientScale, boolean withDerivatives) {
        DoubleVector x = DoubleVector.fromArray(SPECIES, logits, j);
        DoubleVector y = DoubleVector.fromArray(SPECIES, labels, j).mul(1 - labelSmoothing).add(0.5 * labelSmoothing);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector e = VectorMath.expOfNonPositive(x.abs().neg());
        DoubleVector onePlusE = one.add(e);
        DoubleVector large = one.div(onePlusE);
        DoubleVector log1pE = VectorMath.logOfOneToTwo(onePlusE).sub(onePlusE.sub(1.0).sub(e).mul(large));
        DoubleVector softplusOfX = x.max(0.0).add(log1pE);
        DoubleVector softplusOfMinusX = x.neg().max(0.0).add(log1pE);
        DoubleVector oneMinusY = one.sub(y);
        DoubleVector positiveWeight = y.mul(posWeight);
        DoubleVector loss = oneMinusY.mul(softplusOfX).blend(zero, y.eq(1.0))
                .add(positiveWeight.mul(softplusOfMinusX).blend(zero, y.eq(0.0)));
        loss.mul(weight).intoArray(losses, j);
        if (withDerivatives) {
            DoubleVector small = e.mul(large);
            VectorMask<Double> nonNegative = x.compare(VectorOperators.GE, 0.0);
            DoubleVector sigmoidOfX = small.blend(large, nonNegative);
            DoubleVector sigmoidOfMinusX = large.blend(small, nonNegative);
            oneMinusY.mul(sigmoidOfX).sub(positiveWeight.mul(sigmoidOfMinusX)).mul(gradientScale)
                    .intoArray(derivatives, j);
        }
    }
}
