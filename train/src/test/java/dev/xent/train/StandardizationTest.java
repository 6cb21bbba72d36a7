package dev.xent.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.numeric.CompensatedSum;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StandardizationTest {
    private static Dataset column(double... values) {
        return new Dataset(List.of("x"), List.of("0", "1"), values, new int[values.length]);
    }

    @Test
    void featuresNearTheEndsOfTheDoubleRangeAreStandardisedNotZeroed() {
        Dataset data = column(1e308, -1e308, 1.5e308, -1.7e308);
        Standardization fitted = Standardization.fit(data);
        double mean = (1e308 / 4 - 1e308 / 4 + 1.5e308 / 4 - 1.7e308 / 4);
        assertEquals(mean, fitted.mean()[0], 1e293);
        assertTrue(Double.isFinite(fitted.scale()[0]) && fitted.scale()[0] > 1e308, "scale " + fitted.scale()[0]);
        Dataset standardized = fitted.apply(data);
        double sumOfSquares = 0;
        for (int r = 0; r < 4; r++) {
            double z = standardized.feature(r, 0);
            assertTrue(Double.isFinite(z) && Math.abs(z) > 0.5 && Math.abs(z) < 2, "row " + r + ": " + z);
            sumOfSquares += z * z;
        }
        assertEquals(4.0, sumOfSquares, 1e-12, "unit variance");
    }

    @Test
    void ordinaryFeaturesGetTheSameBitsAsTheUnscaledFormula() {
        Random random = new Random(7);
        double[] values = new double[101];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian() * 1e3 + 17;
        }
        Standardization fitted = Standardization.fit(column(values));
        double mean = CompensatedSum.of(values) / values.length;
        CompensatedSum squares = new CompensatedSum();
        for (double v : values) {
            squares.add((v - mean) * (v - mean));
        }
        assertArrayEquals(new double[] {mean}, fitted.mean(), 0.0);
        assertArrayEquals(new double[] {Math.sqrt(squares.value() / values.length)}, fitted.scale(), 0.0);
    }

    @Test
    void theLargestFiniteValuesStandardiseToPlusAndMinusOne() {
        Dataset data = column(Double.MAX_VALUE, -Double.MAX_VALUE);
        Standardization fitted = Standardization.fit(data);
        assertEquals(Double.MAX_VALUE, fitted.scale()[0]);
        assertEquals(1.0, fitted.apply(data).feature(0, 0));
        assertEquals(-1.0, fitted.apply(data).feature(1, 0));
    }

    @Test
    void aDifferenceFromTheMeanBeyondTheDoubleRangeIsComputedScaled() {
        // mean MAX / 3: -MAX - mean overflows; z = -(4/3) / sqrt(8/9) = -sqrt(2).
        Dataset data = column(Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE);
        Dataset standardized = Standardization.fit(data).apply(data);
        assertEquals(-Math.sqrt(2), standardized.feature(2, 0), 1e-15);
        assertEquals(Math.sqrt(0.5), standardized.feature(0, 0), 1e-15);
    }
}
