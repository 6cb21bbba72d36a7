package dev.xent.core.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class CompensatedSumTest {
    private static final int TEN_MILLION = 10_000_000;

    private static double naiveSum(double... values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }

    /** The mean of {@code count} values three ways: compensated, naive, and exact (BigDecimal, rounded once). */
    private record Means(double compensated, double naive, double exact) {
        static Means of(int count, DoubleSupplier values) {
            CompensatedSum compensated = new CompensatedSum();
            double naive = 0;
            BigDecimal exact = BigDecimal.ZERO;
            for (int i = 0; i < count; i++) {
                double v = values.getAsDouble();
                compensated.add(v);
                naive += v;
                exact = exact.add(new BigDecimal(v));
            }
            return new Means(compensated.value() / count, naive / count,
                    exact.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue());
        }
    }

    @Test
    void cancellationThatLosesEverythingNaivelyGivesTheExactSum() {
        double[] values = {1, 1e100, 1, -1e100};
        assertEquals(0.0, naiveSum(values));
        assertEquals(2.0, CompensatedSum.of(values));
    }

    @Test
    void termsSmallerThanHalfAnUlpOfTheTotalAreNotLost() {
        double[] values = new double[1001];
        values[0] = 1.0;
        java.util.Arrays.fill(values, 1, values.length, 1e-16);
        assertEquals(1.0, naiveSum(values));
        assertEquals(1.0 + 1e-13, CompensatedSum.of(values), Math.ulp(1.0));
    }

    @Test
    void theMeanOfTenMillionTenthsIsCorrectlyRounded() {
        Means means = Means.of(TEN_MILLION, () -> 0.1);
        assertEquals(means.exact(), means.compensated(), 0.0);
        // Naive summation drifts by about 1.6e-11 relative: tens of thousands of ulps.
        assertTrue(Math.abs(means.naive() - means.exact()) > 10_000 * Math.ulp(means.exact()), means.toString());
    }

    @Test
    void theMeanOfTenMillionMixedMagnitudesIsWithinOneUlpOfExact() {
        SplittableRandom random = new SplittableRandom(20261123L);
        Means means = Means.of(TEN_MILLION, () -> (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(-8, 9)));
        assertEquals(means.exact(), means.compensated(), Math.ulp(means.exact()), means.toString());
    }

    @Test
    void overflowAndInfiniteTermsGiveInfinityNotNaN() {
        assertEquals(Double.POSITIVE_INFINITY, CompensatedSum.of(new double[] {1, Double.POSITIVE_INFINITY}));
        assertEquals(Double.POSITIVE_INFINITY, CompensatedSum.of(new double[] {Double.POSITIVE_INFINITY, 1, 2}));
        assertEquals(Double.NEGATIVE_INFINITY, CompensatedSum.of(new double[] {-1, Double.NEGATIVE_INFINITY, 5}));
        assertEquals(Double.POSITIVE_INFINITY, CompensatedSum.of(new double[] {Double.MAX_VALUE, Double.MAX_VALUE, -1}));
    }

    @Test
    void oppositeInfinitiesAndNaNGiveNaN() {
        assertTrue(Double.isNaN(CompensatedSum.of(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})));
        assertTrue(Double.isNaN(CompensatedSum.of(new double[] {1, Double.NaN, 2})));
    }

    @Test
    void mergingAccumulatorsKeepsTheirCompensation() {
        CompensatedSum first = new CompensatedSum();
        first.add(1);
        first.add(1e100);
        CompensatedSum second = new CompensatedSum();
        second.add(1);
        second.add(-1e100);
        first.add(second);
        assertEquals(2.0, first.value());
    }

    @Test
    void mergingAnInfiniteAccumulatorGivesInfinity() {
        CompensatedSum finite = new CompensatedSum();
        finite.add(3);
        CompensatedSum infinite = new CompensatedSum();
        infinite.add(1);
        infinite.add(Double.POSITIVE_INFINITY);
        finite.add(infinite);
        assertEquals(Double.POSITIVE_INFINITY, finite.value());
    }

    @Test
    void resetStartsFromZero() {
        CompensatedSum sum = new CompensatedSum();
        sum.add(1e100);
        sum.add(1);
        sum.reset();
        sum.add(0.5);
        assertEquals(0.5, sum.value());
        assertEquals(0.0, CompensatedSum.of(new double[0]));
    }
}
