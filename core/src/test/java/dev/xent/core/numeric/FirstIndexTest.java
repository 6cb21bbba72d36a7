package dev.xent.core.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FirstIndexTest {
    private final int originalThreads = Parallelism.threads();

    @AfterEach
    void restoreThreads() {
        Parallelism.setThreads(originalThreads);
    }

    /** Marks {@code bad} (and every index above it that is a multiple of {@code every}) as rejected. */
    private static FirstIndex.RangeSearch rejecting(int bad, int every) {
        return (from, to) -> {
            for (int i = from; i < to; i++) {
                if (i == bad || (i > bad && i % every == 0)) {
                    return i;
                }
            }
            return -1;
        };
    }

    @Test
    void theLowestRejectedIndexIsFoundWhateverTheGrainAndThreadCount() {
        qt().withFixedSeed(20261123L).withExamples(300)
                .forAll(integers().between(1, 5000), integers().between(0, 5000), integers().between(1, 700),
                        integers().between(1, 4))
                .checkAssert((count, bad, grain, threads) -> {
                    Parallelism.setThreads(threads);
                    int expected = bad < count ? bad : -1;
                    assertEquals(expected, FirstIndex.find(count, grain, rejecting(bad, 97)));
                });
    }

    @Test
    void nothingIsFoundInAnEmptyRange() {
        assertEquals(-1, FirstIndex.find(0, 10, (from, to) -> from));
    }

    @Test
    void aNegativeCountOrAZeroGrainIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FirstIndex.find(-1, 10, (from, to) -> -1));
        assertThrows(IllegalArgumentException.class, () -> FirstIndex.find(10, 0, (from, to) -> -1));
    }
}
