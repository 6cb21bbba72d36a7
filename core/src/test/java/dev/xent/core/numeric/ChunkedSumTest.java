package dev.xent.core.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChunkedSumTest {
    private final int originalThreads = Parallelism.threads();

    @AfterEach
    void restoreThreads() {
        Parallelism.setThreads(originalThreads);
    }

    /** Values of many magnitudes and both signs, so that the order of additions matters. */
    private static double[] values(int count) {
        SplittableRandom random = new SplittableRandom(20261123L);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-6, 12));
        }
        return values;
    }

    private static double chunkedSum(double[] values, int grain) {
        return ChunkedSum.sum(values.length, grain, (from, to, sum) -> {
            for (int i = from; i < to; i++) {
                sum.add(values[i]);
            }
        });
    }

    @Test
    void theSumHasTheSameBitsOnOneTwoAndFourThreads() {
        double[] values = values(300_001);
        Parallelism.setThreads(1);
        double oneThread = chunkedSum(values, 4096);
        for (int threads : new int[] {2, 4}) {
            Parallelism.setThreads(threads);
            assertEquals(Double.doubleToRawLongBits(oneThread), Double.doubleToRawLongBits(chunkedSum(values, 4096)),
                    threads + " threads");
        }
    }

    @Test
    void theChunkedSumAgreesWithTheSequentialCompensatedSum() {
        double[] values = values(300_001);
        double sequential = CompensatedSum.of(values);
        Parallelism.setThreads(2);
        for (int grain : new int[] {1, 7, 4096, 1_000_000}) {
            assertEquals(sequential, chunkedSum(values, grain), 1e-15 * Math.abs(sequential), "grain " + grain);
        }
    }

    @Test
    void theKernelSeesEveryItemExactlyOnceInChunksOfTheGrain() {
        Parallelism.setThreads(4);
        List<int[]> ranges = Collections.synchronizedList(new ArrayList<>());
        ChunkedSum.sum(10, 3, (from, to, sum) -> ranges.add(new int[] {from, to}));
        List<int[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(r -> r[0]));
        assertEquals(List.of("0-3", "3-6", "6-9", "9-10"), sorted.stream().map(r -> r[0] + "-" + r[1]).toList());
    }

    @Test
    void chunkBoundariesDoNotOverflowNearTheLargestCount() {
        Parallelism.setThreads(1);
        List<int[]> ranges = new ArrayList<>();
        ChunkedSum.sum(Integer.MAX_VALUE, 1 << 30, (from, to, sum) -> ranges.add(new int[] {from, to}));
        assertEquals(List.of("0-1073741824", "1073741824-2147483647"), ranges.stream().map(r -> r[0] + "-" + r[1]).toList());
    }

    @Test
    void nothingToSumGivesZero() {
        assertEquals(0.0, ChunkedSum.sum(0, 10, (from, to, sum) -> sum.add(1)));
    }

    @Test
    void aGrainBelowOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChunkedSum.sum(10, 0, (from, to, sum) -> { }));
        assertEquals("grain must be >= 1, got 0", e.getMessage());
    }

    @Test
    void aNegativeCountIsRejectedRatherThanSummedAsNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChunkedSum.sum(-1, 10, (from, to, sum) -> { }));
        assertEquals("count must be >= 0, got -1", e.getMessage());
    }

    @Test
    void theThreadCountMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallelism.setThreads(0));
        assertEquals("threads must be >= 1, got 0", e.getMessage());
    }
}
