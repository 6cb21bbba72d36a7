package dev.xent.core.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
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
    void theMeanOfTenMillionTenthsIsExactlyATenth() {
        CompensatedSum compensated = new CompensatedSum();
        double naive = 0;
        for (int i = 0; i < TEN_MILLION; i++) {
            compensated.add(0.1);
            naive += 0.1;
        }
        assertEquals(0.1, compensated.value() / TEN_MILLION, 0.0);
        // Naive summation drifts by about 1.6e-10 relative: hundreds of thousands of ulps.
        assertTrue(Math.abs(naive / TEN_MILLION - 0.1) > 10_000 * Math.ulp(0.1), "naive mean " + naive / TEN_MILLION);
    }

    /**
     * Values {@code m * 2^-40} with random integers {@code |m| < 2^38} of random bit lengths span twelve
     * decades; their exact sum is {@code (sum of m) * 2^-40}, with the integers summed exactly in a long.
     */
    @Test
    void theMeanOfTenMillionMixedMagnitudesIsCorrectlyRounded() {
        SplittableRandom random = new SplittableRandom(20261123L);
        CompensatedSum compensated = new CompensatedSum();
        long exactIntegerSum = 0;
        for (int i = 0; i < TEN_MILLION; i++) {
            long m = random.nextLong(1L << random.nextInt(1, 39)) * (random.nextBoolean() ? 1 : -3);
            exactIntegerSum = Math.addExact(exactIntegerSum, m);
            compensated.add(Math.scalb((double) m, -40));
        }
        double exactMean = new BigDecimal(exactIntegerSum).multiply(new BigDecimal(Math.scalb(1.0, -40)))
                .divide(BigDecimal.valueOf(TEN_MILLION), MathContext.DECIMAL128).doubleValue();
        assertEquals(exactMean, compensated.value() / TEN_MILLION, Math.ulp(exactMean));
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
