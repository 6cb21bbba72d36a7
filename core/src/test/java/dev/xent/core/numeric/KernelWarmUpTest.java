package dev.xent.core.numeric;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
