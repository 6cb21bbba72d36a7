package dev.xent.core.numeric;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When {@link MatrixProduct}'s vector kernel may run: once C2 has compiled it. Until then the Vector
 * API runs it through its Java fallback, 50-1000x slower than the scalar kernel (a first 4096 x 50 x
 * 128 product took 0.57 s instead of 3 ms), which a caller would pay on its own thread, every JVM.
 *
 * <p>So products run the scalar kernel (the same bits) while they are few: after {@code budget}
 * multiply-adds of eligible products, one daemon thread ({@code xent-vector-warm-up}) calls the vector
 * kernel on a small product covering all its paths until a call is as fast as the scalar kernel's on
 * the same product three times in a row (compiled), or {@value #GIVE_UP_NANOS} ns have passed (then the
 * scalar kernel stays). Short jobs (the examples) never start it; long ones switch after a fraction of
 * a second of one core's time. Which kernel runs never changes a result's bits.
 */
final class KernelWarmUp {
    /** After this long without a compiled vector kernel, the scalar one stays. */
    static final long GIVE_UP_NANOS = 20_000_000_000L;
    private static final int FAST_IN_A_ROW = 3;

    private final ProductKernel fast;
    private final ProductKernel reference;
    private final long budget;
    private final AtomicLong eligibleWork = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean ready;

    /**
     * @param fast      the kernel to warm up
     * @param reference the kernel it must be as fast as
     * @param budget    multiply-adds of eligible products before the warm-up starts
     */
    KernelWarmUp(ProductKernel fast, ProductKernel reference, long budget) {
        this.fast = fast;
        this.reference = reference;
        this.budget = budget;
    }

    /** Whether {@code fast} may run a product of {@code work} multiply-adds; counts it towards the budget if not. */
    boolean ready(long work) {
        if (ready) {
            return true;
        }
        if (eligibleWork.addAndGet(work) >= budget && started.compareAndSet(false, true)) {
            Thread thread = new Thread(this::warmUp, "xent-vector-warm-up");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        }
        return false;
    }

    /** Whether the warm-up has finished with a compiled kernel (for tests). */
    boolean isReady() {
        return ready;
    }

    private void warmUp() {
        // Rows and columns past whole tiles, so that every path of the kernel is compiled, not only the tiles.
        int rows = 9;
        int cols = 47;
        int depth = 32;
        double[] l = new double[rows * depth];
        double[] r = new double[depth * cols];
        double[] c = new double[rows * cols];
        for (int i = 0; i < l.length; i++) {
            l[i] = 1.0 / (i + 1);
        }
        for (int i = 0; i < r.length; i++) {
            r[i] = 1.0 / (i + 2);
        }
        long start = System.nanoTime();
        int fastInARow = 0;
        while (fastInARow < FAST_IN_A_ROW && System.nanoTime() - start < GIVE_UP_NANOS) {
            long t0 = System.nanoTime();
            fast.accumulate(l, 0, depth, 1, r, 0, cols, c, 0, cols, rows, cols, depth);
            long t1 = System.nanoTime();
            reference.accumulate(l, 0, depth, 1, r, 0, cols, c, 0, cols, rows, cols, depth);
            long t2 = System.nanoTime();
            fastInARow = t1 - t0 <= t2 - t1 ? fastInARow + 1 : 0;
        }
        ready = fastInARow >= FAST_IN_A_ROW;
    }
}
