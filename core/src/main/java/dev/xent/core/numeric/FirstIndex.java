package dev.xent.core.numeric;

import java.util.concurrent.RecursiveTask;

/**
 * A deterministic, possibly parallel, search for the first index in {@code [0, count)} that a check
 * rejects: what input validation needs on large tensors. Chunks of {@code grain} items are searched
 * in parallel when {@link Parallelism#threads()} is above 1; the answer is always the lowest rejected
 * index, so an error message names the same element on 1 thread or 16.
 */
public final class FirstIndex {
    private FirstIndex() {
    }

    /** Searches items {@code [from, to)} in order. */
    @FunctionalInterface
    public interface RangeSearch {
        /** The first rejected index in {@code [from, to)}, or -1 if there is none. */
        int first(int from, int to);
    }

    /** The lowest index in {@code [0, count)} that {@code search} rejects, or -1 if none. */
    public static int find(int count, int grain, RangeSearch search) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (grain < 1) {
            throw new IllegalArgumentException("grain must be >= 1, got " + grain);
        }
        int chunks = count == 0 ? 0 : (int) ((count + (long) grain - 1) / grain);
        if (chunks <= 1 || Parallelism.threads() == 1) {
            return count == 0 ? -1 : search.first(0, count);
        }
        return Parallelism.pool().invoke(new Chunks(search, count, grain, 0, chunks));
    }

    private static final class Chunks extends RecursiveTask<Integer> {
        private static final long serialVersionUID = 1L;
        private final transient RangeSearch search;
        private final int count;
        private final int grain;
        private final int firstChunk;
        private final int endChunk;

        Chunks(RangeSearch search, int count, int grain, int firstChunk, int endChunk) {
            this.search = search;
            this.count = count;
            this.grain = grain;
            this.firstChunk = firstChunk;
            this.endChunk = endChunk;
        }

        @Override
        protected Integer compute() {
            if (endChunk - firstChunk == 1) {
                return search.first(firstChunk * grain, (int) Math.min(count, (firstChunk + 1L) * grain));
            }
            int middle = (firstChunk + endChunk) >>> 1;
            Chunks low = new Chunks(search, count, grain, firstChunk, middle);
            Chunks high = new Chunks(search, count, grain, middle, endChunk);
            invokeAll(low, high);
            int inLow = low.join();
            return inLow >= 0 ? inLow : high.join();
        }
    }
}
