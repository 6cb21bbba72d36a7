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

/** VectorMath against Math.exp and CompensatedSum (the surefire configuration adds the incubator module). */
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
