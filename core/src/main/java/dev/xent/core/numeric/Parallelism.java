package dev.xent.core.numeric;

import java.util.concurrent.ForkJoinPool;

/**
 * How many threads the loss kernels may use (default: the number of available processors, or the
 * system property {@code xent.threads}). Kernels split work in chunks whose boundaries depend only on
 * the input size, so results are identical bit for bit whatever the thread count.
 */
public final class Parallelism {
    private static volatile int threads = initialThreads();
    private static volatile ForkJoinPool pool;

    private Parallelism() {
    }

    private static int initialThreads() {
        String configured = System.getProperty("xent.threads");
        if (configured != null) {
            try {
                int n = Integer.parseInt(configured.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // Fall through to the default: a bad property must not break the library.
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** The number of threads kernels may use. */
    public static int threads() {
        return threads;
    }

    /** Sets the number of threads kernels may use (at least 1). */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        if (n != threads) {
            threads = n;
            ForkJoinPool old = pool;
            pool = null;
            if (old != null) {
                old.shutdown();
            }
        }
    }

    /** Work on the elements {@code [from, to)} of an element-wise pass. */
    @FunctionalInterface
    public interface RangeAction {
        void run(int from, int to);
    }

    /**
     * Runs {@code action} on {@code [0, n)} cut in ranges of {@code grain} elements (the last may be
     * shorter), on the kernel pool when there are several ranges and {@link #threads()} is above 1 (the
     * chunks of {@link ChunkedSum}), else as one range on the calling thread; returns when all are done.
     * For element-wise passes, whose results do not depend on how the elements are shared.
     */
    public static void forEachRange(int n, int grain, RangeAction action) {
        if (grain < 1) {
            throw new IllegalArgumentException("grain must be >= 1, got " + grain);
        }
        if (n <= grain || threads() == 1) {
            action.run(0, n);
            return;
        }
        ChunkedSum.sum(n, grain, (from, to, unused) -> action.run(from, to));
    }

    /** The pool kernels run in (created on first use, sized to {@link #threads()}). */
    static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallelism.class) {
                p = pool;
                if (p == null) {
                    p = new ForkJoinPool(threads, daemonFactory(), null, false);
                    pool = p;
                }
            }
        }
        return p;
    }

    private static ForkJoinPool.ForkJoinWorkerThreadFactory daemonFactory() {
        return p -> {
            var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            thread.setDaemon(true);
            thread.setName("xent-kernel-" + thread.getPoolIndex());
            return thread;
        };
    }
}
