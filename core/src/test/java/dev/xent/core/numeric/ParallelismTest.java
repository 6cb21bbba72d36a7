package dev.xent.core.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link Parallelism#forEachRange}: every element in exactly one range, on one thread or several. */
class ParallelismTest {
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
