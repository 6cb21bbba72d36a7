package dev.xent.autodiff;

import dev.xent.core.Tensor;
import dev.xent.core.numeric.ChunkedSum;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.Parallelism;
import java.util.Arrays;

/**
 * The engine's loops over large arrays, on every core: above {@link #GRAIN} elements a loop runs in
 * chunks of {@link #GRAIN} on the kernels' pool ({@link Parallelism}, {@link ChunkedSum}), as the
 * fused kernels do. Chunk boundaries depend only on the size, never on the thread count, and an
 * element-wise loop writes each element from one chunk only, so results have the same bits on 1
 * thread or 16; a total is the ordered combination of the chunks' compensated sums. At or below the
 * threshold the loop runs as one range on the calling thread (a small graph pays one call).
 */
final class ParallelLoops {
    /** Elements per chunk (the fused kernels' grain): one chunk is worth a task. */
    static final int GRAIN = 16384;

    private ParallelLoops() {
    }

    /** Runs {@code body} over {@code [0, count)}: in parallel chunks of {@link #GRAIN} above it. */
    static void forEach(int count, Parallelism.RangeAction body) {
        forEach(count, GRAIN, body);
    }

    /**
     * Runs {@code body} over {@code [0, count)} items (rows, slices) of which {@code grain} make a chunk;
     * {@code body} must write each item's outputs only.
     */
    static void forEach(int count, int grain, Parallelism.RangeAction body) {
        Parallelism.forEachRange(count, grain, body);
    }

    /** Whether {@link #forEach} would run {@code count} items as one range on the calling thread. */
    static boolean runsInOneRange(int count, int grain) {
        return count <= grain || Parallelism.threads() == 1;
    }

    /** How many items of {@code itemSize} elements make a chunk of about {@link #GRAIN} elements (at least 1). */
    static int grainOf(int itemSize) {
        return Math.max(1, GRAIN / Math.max(1, itemSize));
    }

    /**
     * The compensated sum of {@code values}: in one pass up to {@link #GRAIN} elements, above it the
     * ordered combination of the chunks' compensated sums (the same bits for any thread count).
     */
    static double sum(double[] values) {
        if (values.length <= GRAIN) {
            return CompensatedSum.of(values);
        }
        return ChunkedSum.sum(values.length, GRAIN, (from, to, s) -> {
            for (int i = from; i < to; i++) {
                s.add(values[i]);
            }
        });
    }

    /** A copy of {@code values}' elements: above {@link #GRAIN} copied in parallel chunks (a large leaf's copy is not sequential). */
    static double[] copy(Tensor values) {
        int n = values.size();
        if (n <= GRAIN) {
            return values.toArray();
        }
        double[] copy = new double[n];
        forEach(n, (from, to) -> values.copyTo(from, copy, from, to - from));
        return copy;
    }

    /** Sets every element of {@code values} to {@code value}: above {@link #GRAIN} in parallel chunks. */
    static void fill(double[] values, double value) {
        if (values.length <= GRAIN) {
            Arrays.fill(values, value);
        } else {
            forEach(values.length, (from, to) -> Arrays.fill(values, from, to, value));
        }
    }
}
