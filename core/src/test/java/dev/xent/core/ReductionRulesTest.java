package dev.xent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.Parallelism;
import dev.xent.core.numeric.SampleWeights;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReductionRulesTest {
    private static final long SEED = 20261203L;

    private static Loss halfSquaredError(String reduction) {
        return new TestLossProvider("half_squared_error") { }.create(Map.of("reduction", reduction));
    }

    private static SampleWeights weights(double... w) {
        return SampleWeights.unscaled(Tensor.of(w));
    }

    private static ReductionRules.RowMeanWeights meanWeights(double... m) {
        return () -> r -> m[r];
    }

    @Test
    void withoutWeightsTheDenominatorIsTheNumberOfPerSampleLosses() {
        assertEquals(12.0, ReductionRules.meanDenominator("l", 4, 3, SampleWeights.NONE, null, 2));
    }

    @Test
    void sampleWeightsCountOncePerElementOfTheirRow() {
        assertEquals(3 * 3.5, ReductionRules.meanDenominator("l", 3, 3, weights(2, 0, 1.5), null, 2));
    }

    @Test
    void theLossesOwnMeanWeightsMultiplyTheSampleWeights() {
        assertEquals(2.0, ReductionRules.meanDenominator("l", 3, 1, weights(2, 0, 1), meanWeights(1, 1, 0), 1));
        assertEquals(0.5 + 2, ReductionRules.meanDenominator("l", 2, 1, SampleWeights.NONE, meanWeights(0.5, 2), 1));
    }

    @Test
    void aMeanWithNothingToAverageIsAnErrorNamingTheLoss() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReductionRules.meanDenominator("cce", 3, 1, weights(2, 0, 1), meanWeights(0, 1, 0), 2));
        assertEquals("cce: the mean has nothing to average (total weight 0.0): every row is ignored or has zero weight",
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ReductionRules.meanDenominator("l", 0, 3, SampleWeights.NONE, null, 2));
        assertThrows(IllegalArgumentException.class, () -> ReductionRules.requireSomethingToAverage("l", Double.NaN));
        assertEquals(0.25, ReductionRules.requireSomethingToAverage("l", 0.25));
    }

    @Test
    void theDenominatorIsTheCompensatedSumWithTheSameBitsForAnyGrainAndThreadCount() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(lists().of(doubles().between(0, 1e6)).ofSizeBetween(1, 300), integers().between(1, 64))
                .checkAssert((List<Double> list, Integer grain) -> {
                    double[] s = list.stream().mapToDouble(Double::doubleValue).toArray();
                    double[] m = Arrays.stream(s).map(x -> x % 3).toArray();
                    CompensatedSum reference = new CompensatedSum();
                    for (int r = 0; r < s.length; r++) {
                        reference.add(s[r] * m[r]);
                    }
                    double expected = reference.value();
                    if (!(expected > 0)) {
                        return;
                    }
                    double chunked = ReductionRules.meanDenominator("l", s.length, 1, weights(s), meanWeights(m), grain);
                    assertEquals(expected, chunked, Math.ulp(expected) * 4);
                    int threads = Parallelism.threads();
                    try {
                        Parallelism.setThreads(1);
                        double single = ReductionRules.meanDenominator("l", s.length, 1, weights(s), meanWeights(m), grain);
                        assertEquals(chunked, single, 0.0);
                    } finally {
                        Parallelism.setThreads(threads);
                    }
                });
    }

    @Test
    void theUncheckedTotalOfABlockMayBeZero() {
        assertEquals(0.0, ReductionRules.totalMeanWeight(2, 3, weights(0, 0), null, 2));
        Loss mean = halfSquaredError("mean");
        assertEquals(0.0, ReductionRules.totalMeanWeight(mean, Tensor.of(1, 2), Tensor.of(1, 2), weights(0, 0),
                new int[] {2}));
    }

    @Test
    void aReductionOfNoneGivesNoSingleValue() {
        Loss none = halfSquaredError("none");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ReductionRules.requireScalarReduction(none));
        assertEquals(none.name() + ": reduction none gives no single value; use perSample(...), or gradient(...) "
                + "for each element's gradient", e.getMessage());
        ReductionRules.requireScalarReduction(halfSquaredError("mean"));
    }

    @Test
    void aGradientBufferHoldsOneValuePerPrediction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReductionRules.requireGradientBuffer(new double[2], Tensor.of(1, 2, 3)));
        assertEquals("gradient buffer holds 2 values; predictions have 3", e.getMessage());
        ReductionRules.requireGradientBuffer(new double[3], Tensor.of(1, 2, 3));
    }

    @Test
    void theGraphPathReadsTheLossesMeanWeightsRowByRow() {
        Loss mean = halfSquaredError("mean");
        Tensor p = Tensor.wrap(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertEquals(2 * (2 + 0 + 1.5), ReductionRules.meanDenominator(mean, p, p, weights(2, 0, 1.5), new int[] {3, 2}));
        assertEquals(1.0, ReductionRules.meanDenominator(mean, Tensor.scalar(1), Tensor.scalar(1), SampleWeights.NONE,
                new int[0]));
    }
}
