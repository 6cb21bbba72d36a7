package dev.xent.core.numeric;

import java.util.concurrent.RecursiveAction;

/**
 * A deterministic, possibly parallel, compensated reduction over {@code [0, count)}.
 *
 * <p>The range is cut into chunks of {@code grain} items; each chunk is summed by the kernel into its
 * own {@link CompensatedSum}, and the chunk sums are combined in chunk order. Chunk boundaries depend
 * only on {@code count} and {@code grain}, never on the thread count, so the result has the same bits
 * on 1 thread or 16. Chunks run in parallel when {@link Parallelism#threads()} is above 1 and there is
 * more than one chunk; pick {@code grain} so one chunk is worth a task (tens of thousands of elements).
 */
public final class ChunkedSum {
    private ChunkedSum() {
    }

    /** Sums items {@code [from, to)} into {@code sum}; may also write outputs for those items. */
    @FunctionalInterface
    public interface RangeKernel {
        void accumulate(int from, int to, CompensatedSum sum);
    }

    /** The compensated sum of the kernel over {@code [0, count)} in chunks of {@code grain}. */
    public static double sum(int count, int grain, RangeKernel kernel) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (grain < 1) {
            throw new IllegalArgumentException("grain must be >= 1, got " + grain);
        }
        int chunks = count == 0 ? 0 : (int) ((count + (long) grain - 1) / grain);
        CompensatedSum total = new CompensatedSum();
        if (chunks <= 1 || Parallelism.threads() == 1) {
            CompensatedSum chunk = new CompensatedSum();
            for (int c = 0; c < chunks; c++) {
                chunk.reset();
                kernel.accumulate(c * grain, chunkEnd(c, count, grain), chunk);
                total.add(chunk);
            }
            return total.value();
        }
        CompensatedSum[] partial = new CompensatedSum[chunks];
        Parallelism.pool().invoke(new Chunks(kernel, count, grain, 0, chunks, partial));
        for (CompensatedSum p : partial) {
            total.add(p);
        }
        return total.value();
    }

    /** Where chunk {@code c} ends, computed in long: {@code (c + 1) * grain} may pass {@code Integer.MAX_VALUE}. */
    private static int chunkEnd(int c, int count, int grain) {
        return (int) Math.min(count, (c + 1L) * grain);
    }

    private static final class Chunks extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient RangeKernel kernel;
        private final int count;
        private final int grain;
        private final int firstChunk;
        private final int endChunk;
        private final transient CompensatedSum[] partial;

        Chunks(RangeKernel kernel, int count, int grain, int firstChunk, int endChunk, CompensatedSum[] partial) {
            this.kernel = kernel;
            this.count = count;
            this.grain = grain;
            this.firstChunk = firstChunk;
            this.endChunk = endChunk;
            this.partial = partial;
        }

        @Override
        protected void compute() {
            if (endChunk - firstChunk == 1) {
                CompensatedSum s = new CompensatedSum();
                kernel.accumulate(firstChunk * grain, chunkEnd(firstChunk, count, grain), s);
                partial[firstChunk] = s;
                return;
            }
            int middle = (firstChunk + endChunk) >>> 1;
            invokeAll(new Chunks(kernel, count, grain, firstChunk, middle, partial),
                    new Chunks(kernel, count, grain, middle, endChunk, partial));
        }
    }
}
