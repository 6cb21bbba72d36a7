package dev.xent.core.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** VectorMath against Math.exp, Math.log1p and CompensatedSum (the surefire configuration adds the incubator module). */
class VectorMathTest {

    @BeforeEach
    void needsTheIncubatorModule() {
        assumeTrue(VectorSupport.modulePresent(), "jdk.incubator.vector is not in the boot layer");
    }

    private static double exp(double t) {
        double[] in = new double[VectorMath.paddedLength(1)];
        in[0] = t;
        double[] out = new double[in.length];
        VectorMath.expOfNonPositive(in, out, 1);
        return out[0];
    }

    @Test
    void expIsWithinTwoUlpsOfMathExpOverTheWholeNonPositiveRange() {
        qt().withFixedSeed(20261123L).withExamples(20_000).forAll(doubles().between(-746.0, 0.0)).checkAssert(t -> {
            double expected = Math.exp(t);
            assertEquals(expected, exp(t), 2 * Math.ulp(expected), "exp(" + t + ")");
        });
    }

    @Test
    void expHasTheExactLimitsAndSubnormalResults() {
        assertEquals(1.0, exp(0.0));
        assertEquals(1.0, exp(-0.0));
        assertEquals(0.0, exp(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, exp(-746.0));
        assertEquals(0.0, exp(-1e300));
        assertEquals(Math.exp(-745.0), exp(-745.0)); // the smallest subnormal
        assertEquals(Math.exp(-720.0), exp(-720.0), Math.ulp(Math.exp(-720.0)));
        assertEquals(1.0, exp(-Double.MIN_VALUE));
    }

    @Test
    void expOfMinusAbsoluteGivesTheBitsOfExpOfNonPositiveOnMinusAbsolute() {
        SplittableRandom random = new SplittableRandom(20261203L);
        int n = 1003;
        double[] x = new double[VectorMath.paddedLength(n)];
        double[] minusAbsolute = new double[x.length];
        for (int i = 0; i < n; i++) {
            x[i] = i < 8 ? new double[] {0.0, -0.0, 745, -745, 800, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE}[i] : random.nextDouble(-750, 750);
            minusAbsolute[i] = -Math.abs(x[i]);
        }
        double[] expected = new double[x.length];
        double[] actual = new double[x.length];
        VectorMath.expOfNonPositive(minusAbsolute, expected, n);
        VectorMath.expOfMinusAbsolute(x, actual, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]), "x = " + x[i]);
        }
    }

    @Test
    void logIsWithinOneUlpOfMathLogOverTheNormalNumbers() {
        qt().withFixedSeed(20261203L).withExamples(2_000)
                .forAll(doubles().between(1.0, 2.0), integers().between(-1022, 1023))
                .checkAssert((mantissa, exponent) -> {
                    double[] u = new double[VectorMath.paddedLength(3)];
                    u[0] = Math.scalb(mantissa, exponent);
                    u[1] = mantissa;
                    u[2] = 1.0 - mantissa / 4; // the complements of probabilities
                    double[] out = new double[u.length];
                    VectorMath.log(u, out, 3);
                    for (int i = 0; i < 3; i++) {
                        double expected = Math.log(u[i]);
                        assertEquals(expected, out[i], Math.ulp(expected), "log(" + u[i] + ")");
                    }
                });
    }

    /** {log1p(x), 1 / (1 + x)} from {@link VectorMath#log1pAndReciprocal}. */
    private static double[] log1pAndReciprocal(double x) {
        double[] in = new double[VectorMath.paddedLength(1)];
        in[0] = x;
        double[] logs = new double[in.length];
        double[] reciprocals = new double[in.length];
        VectorMath.log1pAndReciprocal(in, logs, reciprocals, 1);
        return new double[] {logs[0], reciprocals[0]};
    }

    @Test
    void log1pIsWithinTwoUlpsOfMathLog1pFromZeroToTheLargestDouble() {
        qt().withFixedSeed(20261123L).withExamples(20_000)
                .forAll(doubles().between(0.0, 30.0), integers().between(-320, 307))
                .checkAssert((mantissa, exponent) -> {
                    for (double x : new double[] {mantissa, mantissa / 30.0 * Math.pow(10, exponent)}) {
                        double expected = Math.log1p(x);
                        double[] actual = log1pAndReciprocal(x);
                        assertEquals(expected, actual[0], 2 * Math.ulp(expected), "log1p(" + x + ")");
                        assertEquals(1.0 / (1.0 + x), actual[1], "1 / (1 + " + x + ")");
                    }
                });
    }

    @Test
    void log1pIsExactAtZeroAndForTinyArguments() {
        assertEquals(0.0, log1pAndReciprocal(0.0)[0]);
        assertEquals(Double.MIN_VALUE, log1pAndReciprocal(Double.MIN_VALUE)[0]);
        assertEquals(1e-300, log1pAndReciprocal(1e-300)[0]);
        assertEquals(Math.log1p(1e-17), log1pAndReciprocal(1e-17)[0]);
        assertEquals(Math.log(2.0), log1pAndReciprocal(1.0)[0], Math.ulp(Math.log(2.0)));
        assertEquals(Math.log1p(Double.MAX_VALUE), log1pAndReciprocal(Double.MAX_VALUE)[0], Math.ulp(709.0));
    }

    @Test
    void addAllAgreesWithTheSequentialCompensatedSumForEveryLength() {
        SplittableRandom random = new SplittableRandom(20261123L);
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-6, 12));
        }
        qt().withFixedSeed(20261123L).withExamples(300).forAll(integers().between(0, 1000)).checkAssert(n -> {
            CompensatedSum sequential = new CompensatedSum();
            for (int i = 0; i < n; i++) {
                sequential.add(values[i]);
            }
            CompensatedSum lanes = new CompensatedSum();
            VectorMath.addAll(values, n, lanes);
            assertEquals(sequential.value(), lanes.value(), 1e-15 * Math.abs(sequential.value()), "n = " + n);
        });
    }

    @Test
    void addAllGivesInfinityForAnInfiniteTermAndForAnOverflow() {
        double[] values = new double[VectorMath.paddedLength(1) * 3];
        values[1] = Double.POSITIVE_INFINITY;
        CompensatedSum sum = new CompensatedSum();
        VectorMath.addAll(values, values.length, sum);
        assertEquals(Double.POSITIVE_INFINITY, sum.value());
        double[] large = new double[VectorMath.paddedLength(1) * 3];
        java.util.Arrays.fill(large, Double.MAX_VALUE);
        CompensatedSum overflow = new CompensatedSum();
        VectorMath.addAll(large, large.length, overflow);
        assertTrue(overflow.value() == Double.POSITIVE_INFINITY);
    }
}
