package dev.xent.losses.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;

/** The check every fused kernel's tests make: the same bits on 1 and 2 threads. */
final class ThreadCountChecks {

    private ThreadCountChecks() {
    }

    /** {@code loss.valueAndGradient} on 1 and on 2 threads gives the same value bits and the same gradient. */
    static void assertSameBitsForOneAndTwoThreads(Loss loss, Tensor predictions, Tensor targets) {
        int original = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            var single = loss.valueAndGradient(predictions, targets, null);
            Parallelism.setThreads(2);
            var parallel = loss.valueAndGradient(predictions, targets, null);
            assertEquals(Double.doubleToRawLongBits(single.value()), Double.doubleToRawLongBits(parallel.value()),
                    loss + ": value");
            assertArrayEquals(single.gradient().toArray(), parallel.gradient().toArray(), loss + ": gradient");
        } finally {
            Parallelism.setThreads(original);
        }
    }
}
