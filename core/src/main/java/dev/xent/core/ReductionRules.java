package dev.xent.core;

import dev.xent.core.numeric.ChunkedSum;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.SampleWeights;
import java.util.function.IntToDoubleFunction;

/**
 * The rules of {@link Reduction} that every evaluation path shares, written once: the fused kernels of
 * the losses modules, the autodiff graph path, plugins, and the Spark, XGBoost and CLI evaluations.
 * <ul>
 *   <li>{@link #requireScalarReduction}: {@link Reduction#NONE} gives no single value;</li>
 *   <li>{@link #requireGradientBuffer}: a caller's gradient buffer holds one value per prediction;</li>
 *   <li>{@link #meanDenominator}: the mean's denominator {@code sum_r s_r m_r}, sample weight times the
 *       loss's own mean weights ({@link Loss#meanWeights}), summed with {@link ChunkedSum} (the same bits
 *       for any thread count);</li>
 *   <li>{@link #totalMeanWeight}: the same sum unchecked, for paths that add blocks' totals (Spark);</li>
 *   <li>{@link #requireSomethingToAverage}: a denominator that is not positive (every row ignored or
 *       weightless) is an error naming the loss, never a NaN.</li>
 * </ul>
 *
 * <p>Example: a loss on 3 rows with sample weights {@code [2, 0, 1]} and no mean weights of its own has
 * the denominator {@code 2 + 0 + 1 = 3}; with mean weights {@code [1, 1, 0]} (the third row ignored) it
 * is {@code 2}; with sample weights {@code [0, 0, 0]} the mean is an error:
 * {@code "cce: the mean has nothing to average (total weight 0.0): every row is ignored or has zero weight"}.
 */
public final class ReductionRules {
    /** Per-sample losses per chunk of the graph path's denominator: as the kernels' chunks. */
    private static final int GRAIN_ELEMENTS = 16384;

    private ReductionRules() {
    }

    /**
     * The loss's mean weight of each row, {@code m_r} (for per-sample losses of rank 2, the sum over the
     * row's elements), read chunk by chunk.
     */
    @FunctionalInterface
    public interface RowMeanWeights {
        /**
         * A reader of {@code m_r} for the rows of one chunk. It is called once per chunk and used by one
         * thread, so it may keep scratch space.
         */
        IntToDoubleFunction forChunk();
    }

    /**
     * Throws {@link IllegalStateException} if {@code loss} has {@link Reduction#NONE}, which gives no
     * single value: a kernel's {@code value} and {@code valueAndGradient} reject what the graph path rejects.
     */
    public static void requireScalarReduction(Loss loss) {
        if (loss.reduction() == Reduction.NONE) {
            throw new IllegalStateException(loss.name() + ": reduction none gives no single value; "
                    + "use perSample(...), or gradient(...) for each element's gradient");
        }
    }

    /** Throws {@link IllegalArgumentException} unless {@code gradientOut} holds one value per prediction. */
    public static void requireGradientBuffer(double[] gradientOut, Tensor predictions) {
        if (gradientOut.length != predictions.size()) {
            throw new IllegalArgumentException("gradient buffer holds " + gradientOut.length
                    + " values; predictions have " + predictions.size());
        }
    }

    /**
     * {@code totalWeight} if it is positive; else (zero or NaN: every row ignored or weightless) an
     * {@link IllegalArgumentException} naming the loss.
     */
    public static double requireSomethingToAverage(String lossName, double totalWeight) {
        if (!(totalWeight > 0)) {
            throw new IllegalArgumentException(lossName + ": the mean has nothing to average (total weight "
                    + totalWeight + "): every row is ignored or has zero weight");
        }
        return totalWeight;
    }

    /**
     * The mean's denominator {@code sum_r s_r m_r} over {@code rows} rows of {@code rowLength} per-sample
     * losses each, checked by {@link #requireSomethingToAverage}.
     *
     * @param lossName      named in the error
     * @param sampleWeights {@code s_r} ({@link SampleWeights#NONE}: 1 for every row); for a mean usually
     *                      {@link SampleWeights#scaledForMean scaled}, which changes no mean
     * @param meanWeights   {@code m_r}, or null when the loss has none: then {@code m_r = rowLength}, and the
     *                      denominator is {@code rows * rowLength} unweighted (exact below 2^53) or
     *                      {@code rowLength * sum_r s_r}
     * @param grainRows     rows per chunk of the {@link ChunkedSum}
     */
    public static double meanDenominator(String lossName, int rows, int rowLength, SampleWeights sampleWeights,
                                         RowMeanWeights meanWeights, int grainRows) {
        return requireSomethingToAverage(lossName, totalMeanWeight(rows, rowLength, sampleWeights, meanWeights,
                grainRows));
    }

    /**
     * {@code sum_r s_r m_r} as {@link #meanDenominator(String, int, int, SampleWeights, RowMeanWeights, int)}
     * computes it, unchecked: for paths that add the totals of several blocks and check the sum.
     */
    public static double totalMeanWeight(int rows, int rowLength, SampleWeights sampleWeights,
                                         RowMeanWeights meanWeights, int grainRows) {
        if (meanWeights == null && !sampleWeights.present()) {
            return (double) rows * rowLength;
        }
        if (meanWeights == null) {
            return rowLength * ChunkedSum.sum(rows, grainRows, (from, to, sum) -> {
                for (int r = from; r < to; r++) {
                    sum.add(sampleWeights.get(r));
                }
            });
        }
        return ChunkedSum.sum(rows, grainRows, (from, to, sum) -> {
            IntToDoubleFunction m = meanWeights.forChunk();
            for (int r = from; r < to; r++) {
                sum.add(sampleWeights.get(r) * m.applyAsDouble(r));
            }
        });
    }

    /**
     * {@link #meanDenominator(String, int, int, SampleWeights, RowMeanWeights, int)} for a loss whose
     * per-sample losses have shape {@code perSampleShape} (rank 0, 1 or 2; rows are the first dimension)
     * and whose mean weights are {@link Loss#meanWeights}{@code (predictions, targets)}, one per per-sample
     * loss; the path of the autodiff graph and of plugins.
     *
     * @throws IllegalStateException if the loss gives a number of mean weights other than of per-sample losses
     */
    public static double meanDenominator(Loss loss, Tensor predictions, Tensor targets, SampleWeights sampleWeights,
                                         int[] perSampleShape) {
        return requireSomethingToAverage(loss.name(),
                totalMeanWeight(loss, predictions, targets, sampleWeights, perSampleShape));
    }

    /**
     * {@code sum_r s_r m_r} as {@link #meanDenominator(Loss, Tensor, Tensor, SampleWeights, int[])} computes
     * it, unchecked: for paths that add the totals of several blocks and check the sum.
     */
    public static double totalMeanWeight(Loss loss, Tensor predictions, Tensor targets, SampleWeights sampleWeights,
                                         int[] perSampleShape) {
        int size = 1;
        for (int d : perSampleShape) {
            size *= d;
        }
        int rows = perSampleShape.length == 0 ? 1 : perSampleShape[0];
        int rowLength = rows == 0 ? 0 : size / rows;
        Tensor meanWeights = loss.meanWeights(predictions, targets).orElse(null);
        if (meanWeights != null && meanWeights.size() != size) {
            throw new IllegalStateException(loss.name() + ": meanWeights has " + meanWeights.size()
                    + " values but there are " + size + " per-sample losses");
        }
        RowMeanWeights rowMeanWeights = meanWeights == null ? null : () -> {
            CompensatedSum row = new CompensatedSum();
            return r -> {
                row.reset();
                for (int i = r * rowLength; i < (r + 1) * rowLength; i++) {
                    row.add(meanWeights.getFlat(i));
                }
                return row.value();
            };
        };
        return totalMeanWeight(rows, rowLength, sampleWeights, rowMeanWeights,
                Math.max(1, GRAIN_ELEMENTS / Math.max(1, rowLength)));
    }
}
