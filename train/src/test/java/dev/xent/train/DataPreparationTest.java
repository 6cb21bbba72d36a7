package dev.xent.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DataPreparationTest {

    @Test
    void standardizationUsesThePopulationStandardDeviationAndLeavesConstantColumnsUnscaled() {
        Dataset data = new Dataset(List.of("a", "b"), List.of("0", "1"),
                new double[] {1, 5, 2, 5, 3, 5, 4, 5}, new int[] {0, 1, 0, 1});
        Standardization s = Standardization.fit(data);
        assertArrayEquals(new double[] {2.5, 5}, s.mean(), 0);
        // numpy.std([1, 2, 3, 4]) = sqrt(1.25)
        assertArrayEquals(new double[] {Math.sqrt(1.25), 1}, s.scale(), 0);
        Dataset z = s.apply(data);
        assertEquals(-1.5 / Math.sqrt(1.25), z.feature(0, 0), 1e-15);
        assertEquals(0, z.feature(3, 1), 0);
    }

    @Test
    void theValidationSplitIsSeededDisjointAndComplete() {
        ValidationSplit a = ValidationSplit.of(100, 0.25, 9);
        ValidationSplit b = ValidationSplit.of(100, 0.25, 9);
        assertArrayEquals(a.validation(), b.validation());
        assertEquals(25, a.validation().length);
        int[] all = IntStream.concat(IntStream.of(a.training()), IntStream.of(a.validation())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 100).toArray(), all);
        assertEquals(0, ValidationSplit.of(10, 0, 1).validation().length);
    }

    @Test
    void aValidationFractionOutsideTheRangeOrLeavingNoRowsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(10, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(10, -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(10, 0.01, 1));
    }
}
