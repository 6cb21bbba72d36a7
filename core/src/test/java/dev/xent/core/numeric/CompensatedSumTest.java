package dev.xent.core.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CompensatedSumTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void keepsTheRoundingErrorOfLargeSums() {
        assertEquals(2.0, CompensatedSum.of(new double[] {1e100, 1.0, -1e100, 1.0}), 0.0);
    }

    @Test
    void infiniteTermsGiveAnInfiniteSumNotNaN() {
        assertEquals(INF, CompensatedSum.of(new double[] {1.0, INF, 2.0}), 0.0);
        assertEquals(-INF, CompensatedSum.of(new double[] {-INF, 1e308, 3.0}), 0.0);
        assertEquals(INF, CompensatedSum.of(new double[] {1e308, 1e308}), 0.0);
        assertEquals(Double.NaN, CompensatedSum.of(new double[] {INF, -INF}), 0.0);
    }

    @Test
    void addingAnInfiniteAccumulatorKeepsItInfinite() {
        CompensatedSum infinite = new CompensatedSum();
        infinite.add(INF);
        infinite.add(1.0);
        CompensatedSum total = new CompensatedSum();
        total.add(5.0);
        total.add(infinite);
        assertEquals(INF, total.value(), 0.0);
    }
}
