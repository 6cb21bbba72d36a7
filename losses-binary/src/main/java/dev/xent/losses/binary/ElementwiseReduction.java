package dev.xent.losses.binary;

import dev.xent.core.GradientAndHessian;
import dev.xent.core.Loss;
import dev.xent.core.Reduction;
import dev.xent.core.ReductionRules;
import dev.xent.core.Tensor;
import dev.xent.core.Validate;
import dev.xent.core.numeric.ChunkedSum;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.SampleWeights;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Supplier;

/**
 * Runs an element-wise kernel over predictions and targets of the same shape and applies sample
 * weights (one per row, the first dimension; a row's weight applies to each of its elements) and the
 * reduction as {@link Reduction} documents. The mean divides by the total weight of all elements:
 * {@code N * K} without weights, {@code K * sum_r w_r} with them, for N rows of K elements.
 *
 * <p>Work is split by {@link ChunkedSum} in chunks of {@link #GRAIN} elements, so large inputs run in
 * parallel and the result has the same bits for any thread count. Inputs are validated before anything
 * is computed, or, by kernels that check them as they read them ({@link SegmentKernels#checkInputs()}),
 * in the same pass, the error then being the same: the gradient buffer may be partly written when it throws.
 */
final class ElementwiseReduction {
    /** Elements per chunk: large enough that a chunk is worth a task, small enough to spread work. */
    static final int GRAIN = 16384;

    private ElementwiseReduction() {
    }

    static Tensor perSample(Loss loss, ElementKernel kernel, Tensor predictions, Tensor targets) {
        loss.validate(predictions, targets);
        double[] losses = new double[predictions.size()];
        // ChunkedSum for its parallel chunks only: nothing is summed.
        ChunkedSum.sum(losses.length, GRAIN, (from, to, unused) -> {
            for (int i = from; i < to; i++) {
                losses[i] = kernel.loss(predictions.getFlat(i), targets.getFlat(i), null, i);
            }
        });
        return Tensor.wrap(losses, predictions.shape());
    }

    static double value(Loss loss, ElementKernel kernel, SegmentKernels segmentKernels, Tensor predictions,
                        Tensor targets, Tensor weights) {
        ReductionRules.requireScalarReduction(loss);
        return reduce(loss, kernel, segmentKernels, predictions, targets, weights, null);
    }

    static Tensor gradient(Loss loss, ElementKernel kernel, SegmentKernels segmentKernels, Tensor predictions,
                           Tensor targets, Tensor weights) {
        double[] gradient = new double[predictions.size()];
        reduce(loss, kernel, segmentKernels, predictions, targets, weights, gradient);
        return Tensor.wrap(gradient, predictions.shape());
    }

    static double valueAndGradient(Loss loss, ElementKernel kernel, SegmentKernels segmentKernels,
                                   Tensor predictions, Tensor targets, Tensor weights, double[] gradientOut) {
        ReductionRules.requireScalarReduction(loss);
        ReductionRules.requireGradientBuffer(gradientOut, predictions);
        return reduce(loss, kernel, segmentKernels, predictions, targets, weights, gradientOut);
    }

    /**
     * The gradient (as {@link #gradient}) and a per-element second derivative (the diagonal Hessian),
     * scaled like the gradient: by the row's weight, and for the mean by 1 / denominator. The inputs are
     * validated once for both. With {@code secondDerivativeKernels} (null: {@code secondDerivative} per
     * element) each chunk's second derivatives come from its own {@link SecondDerivativeKernel}.
     */
    static GradientAndHessian gradientAndHessian(Loss loss, ElementKernel kernel, SegmentKernels segmentKernels,
                                                 DoubleBinaryOperator secondDerivative,
                                                 Supplier<SecondDerivativeKernel> secondDerivativeKernels,
                                                 Tensor predictions, Tensor targets, Tensor weights) {
        Scaling scaling = Scaling.of(loss, predictions, targets, weights, segmentKernels);
        double[] gradient = new double[predictions.size()];
        reduce(scaling, kernel, segmentKernels, predictions, targets, gradient);
        Tensor hessian = scaledDerivative(scaling, secondDerivative, secondDerivativeKernels, predictions, targets);
        return new GradientAndHessian(Tensor.wrap(gradient, predictions.shape()), hessian);
    }

    /** {@code s_i / denominator * derivative_i}, over the same segments of equal weight as {@link #reduce}. */
    private static Tensor scaledDerivative(Scaling scaling, DoubleBinaryOperator derivative,
                                           Supplier<SecondDerivativeKernel> derivativeKernels, Tensor predictions,
                                           Tensor targets) {
        double[] out = new double[predictions.size()];
        // ChunkedSum for its parallel chunks only: nothing is summed.
        ChunkedSum.sum(out.length, GRAIN, (from, to, unused) -> {
            SecondDerivativeKernel segments = derivativeKernels == null ? null : derivativeKernels.get();
            for (int start = from, end; start < to; start = end) {
                end = scaling.segmentEnd(start, to);
                double s = scaling.weight(start);
                if (s == 0) {
                    continue; // a weightless element's derivative stays 0 (out is fresh)
                }
                double scale = s / scaling.denominator;
                if (segments != null) {
                    segments.scaled(predictions, targets, start, end, scale, out);
                    continue;
                }
                for (int i = start; i < end; i++) {
                    out[i] = derivative.applyAsDouble(predictions.getFlat(i), targets.getFlat(i)) * scale;
                }
            }
        });
        return Tensor.wrap(out, predictions.shape());
    }

    private static double reduce(Loss loss, ElementKernel kernel, SegmentKernels segmentKernels,
                                 Tensor predictions, Tensor targets, Tensor weights, double[] gradientOut) {
        return reduce(Scaling.of(loss, predictions, targets, weights, segmentKernels), kernel, segmentKernels,
                predictions, targets, gradientOut);
    }

    /**
     * {@code sum_i s_i l_i / denominator}; writes {@code s_i / denominator * dl_i} when asked. The loop runs
     * over segments of equal weight (the whole chunk without weights, else the chunk's part of one row),
     * so the weight and its scale are looked up once per segment, not per element. With
     * {@code segmentKernels} (null for the element loop) each chunk gets its own {@link SegmentKernel},
     * which handles the segments instead of the element loop. Kernels that check the inputs
     * ({@link SegmentKernels#checkInputs()}) and meet an invalid one make the loss's validation run, which throws.
     */
    private static double reduce(Scaling scaling, ElementKernel kernel, SegmentKernels segmentKernels,
                                 Tensor predictions, Tensor targets, double[] gradientOut) {
        boolean checked = segmentKernels != null && segmentKernels.checkInputs();
        boolean[] invalid = new boolean[1]; // set by any chunk, read after the pool's join
        double total = ChunkedSum.sum(predictions.size(), GRAIN, (from, to, sum) -> {
            SegmentKernel segments = segmentKernels == null ? null : segmentKernels.forChunk();
            for (int start = from, end; start < to; start = end) {
                end = scaling.segmentEnd(start, to);
                double s = scaling.weight(start);
                if (s == 0) {
                    // A weightless element contributes nothing, even where its loss is infinite; it is still checked.
                    if (checked && !segments.accumulate(predictions, targets, start, end, 0.0, 0.0, new CompensatedSum(),
                            null)) {
                        invalid[0] = true;
                    }
                    if (gradientOut != null) {
                        Arrays.fill(gradientOut, start, end, 0.0);
                    }
                    continue;
                }
                double scale = s / scaling.denominator;
                if (segments != null) {
                    if (!segments.accumulate(predictions, targets, start, end, s, scale, sum, gradientOut)) {
                        invalid[0] = true;
                    }
                    continue;
                }
                for (int i = start; i < end; i++) {
                    sum.add(kernel.weightedLoss(predictions.getFlat(i), targets.getFlat(i), s, scale, gradientOut, i));
                }
            }
        });
        if (invalid[0]) {
            scaling.loss.validate(predictions, targets);
            throw new IllegalStateException(scaling.loss.name() + ": a kernel rejected an input its validation accepts");
        }
        return total / scaling.denominator;
    }

    /**
     * Validated inputs' weights: the weight of each element and the mean's denominator (1 unless mean).
     * For the mean the weights are scaled by a power of two ({@link SampleWeights#scaledForMean}), which
     * changes neither the value nor the gradient but keeps the total weight and each weighted loss finite.
     */
    private record Scaling(Loss loss, SampleWeights weights, int rowLength, double denominator) {

        /** Validates the inputs (only their shapes if the kernels check the elements) and the weights. */
        static Scaling of(Loss loss, Tensor predictions, Tensor targets, Tensor weights, SegmentKernels segmentKernels) {
            if (segmentKernels != null && segmentKernels.checkInputs()) {
                Validate.sameShape(predictions, targets);
            } else {
                loss.validate(predictions, targets);
            }
            Validate.sampleWeights(weights, predictions.rows());
            int rowLength = predictions.rowLength();
            if (loss.reduction() != Reduction.MEAN) {
                return new Scaling(loss, SampleWeights.unscaled(weights), rowLength, 1.0);
            }
            SampleWeights scaled = SampleWeights.scaledForMean(weights);
            double denominator = ReductionRules.meanDenominator(loss.name(), predictions.rows(), rowLength, scaled,
                    null, Math.max(1, GRAIN / Math.max(1, rowLength)));
            return new Scaling(loss, scaled, rowLength, denominator);
        }

        double weight(int element) {
            return weights.present() ? weights.get(element / rowLength) : 1.0;
        }

        /** The end of the run of equally weighted elements that starts at {@code element}, at most {@code limit}. */
        int segmentEnd(int element, int limit) {
            return weights.present() ? Math.min(limit, (element / rowLength + 1) * rowLength) : limit;
        }
    }
}
