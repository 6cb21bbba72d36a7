package dev.xent.core.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The vector product's warm-up: nothing starts below the budget; a warmed-up kernel is only used once ready. */
class KernelWarmUpTest {
    @Test
    void belowTheBudgetTheKernelIsNotReadyAndNoWarmUpStarts() {
        KernelWarmUp warmUp = new KernelWarmUp(ScalarProductKernel.INSTANCE, ScalarProductKernel.INSTANCE, 1000);
        assertFalse(warmUp.ready(400));
        assertFalse(warmUp.ready(500));
        assertFalse(warmUp.isReady());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("xent-vector-warm-up")));
    }

    @Test
    void aKernelAsFastAsTheReferenceIsReadySoonAfterTheBudgetIsSpent() throws InterruptedException {
        KernelWarmUp warmUp = new KernelWarmUp(ScalarProductKernel.INSTANCE, ScalarProductKernel.INSTANCE, 10);
        assertFalse(warmUp.ready(10)); // starts the warm-up; this product still runs on the reference kernel
        long deadline = System.nanoTime() + KernelWarmUp.GIVE_UP_NANOS;
        while (!warmUp.isReady() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(warmUp.ready(1));
    }

    @Test
    void elementWiseRangesCoverEveryElementOnceOnOneAndTwoThreads() {
        int threads = Parallelism.threads();
        try {
            for (int t : new int[] {1, 2}) {
                Parallelism.setThreads(t);
                for (int n : new int[] {0, 1, 7, 8, 9, 100}) {
                    int[] counts = new int[n];
                    Parallelism.forEachRange(n, 8, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            counts[i]++;
                        }
                    });
                    int[] once = new int[n];
                    Arrays.fill(once, 1);
                    assertArrayEquals(once, counts, "n = " + n + " on " + t + " threads");
                }
            }
        } finally {
            Parallelism.setThreads(threads);
        }
    }
}
