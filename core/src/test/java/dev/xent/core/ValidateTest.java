package dev.xent.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xent.core.numeric.Parallelism;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ValidateTest {
    private static final Tensor PROBABILITIES = Tensor.of(new double[][] {{0.2, 0.8}, {0.5, 0.5}, {1, 0}});

    private static String error(Executable check) {
        return assertThrows(IllegalArgumentException.class, check).getMessage();
    }

    @Test
    void positionsNameTheIndexOrTheRowAndColumn() {
        assertEquals("(scalar)", Validate.position(Tensor.scalar(1), 0));
        assertEquals("at index 4", Validate.position(Tensor.zeros(5), 4));
        assertEquals("at row 2, column 1", Validate.position(Tensor.zeros(3, 2), 5));
        assertEquals("at [1, 0, 2]", Validate.position(Tensor.zeros(2, 2, 3), 8));
    }

    @Test
    void sameShapeNamesBothShapes() {
        assertEquals("shape mismatch: predictions [3] but targets [3, 1]",
                error(() -> Validate.sameShape(Tensor.zeros(3), Tensor.zeros(3, 1))));
    }

    @Test
    void notNaNNamesThePositionAndAllowsInfinities() {
        assertEquals("logit at row 1, column 0 is NaN",
                error(() -> Validate.notNaN("logit", Tensor.of(new double[][] {{1, 2}, {Double.NaN, 3}}))));
        assertDoesNotThrow(() -> Validate.notNaN("logit", Tensor.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)));
    }

    @Test
    void finiteNamesThePositionAndTheValue() {
        assertEquals("target at index 2 is -Infinity; must be finite",
                error(() -> Validate.finite("target", Tensor.of(0, 1, Double.NEGATIVE_INFINITY))));
    }

    @Test
    void inClosedRangeNamesTheValueAndTheRangeAndRejectsNaN() {
        assertEquals("prediction at index 1 is 1.5; allowed: [0, 1]",
                error(() -> Validate.inClosedRange("prediction", Tensor.of(0.5, 1.5), 0, 1)));
        assertEquals("prediction at index 0 is NaN; allowed: [0, 1]",
                error(() -> Validate.inClosedRange("prediction", Tensor.of(Double.NaN), 0, 1)));
        assertDoesNotThrow(() -> Validate.inClosedRange("prediction", Tensor.of(0, 1), 0, 1));
    }

    @Test
    void rowsSumToOneNamesTheRowAndItsSum() {
        Tensor bad = Tensor.of(new double[][] {{0.5, 0.5}, {0.5, 0.6}});
        assertEquals("probability row 1 sums to 1.1; rows must sum to 1 (within 1.0E-6)",
                error(() -> Validate.rowsSumToOne("probability", bad, Validate.ROW_SUM_TOLERANCE)));
        assertDoesNotThrow(() -> Validate.rowsSumToOne("probability", PROBABILITIES, Validate.ROW_SUM_TOLERANCE));
    }

    @Test
    void classIndexTargetsMustBeIntegersBelowTheClassCount() {
        assertDoesNotThrow(() -> Validate.classTargets(PROBABILITIES, Tensor.of(0, 1, 1)));
        assertEquals("class index at row 2 is 2.0; allowed: an integer in [0, 2)",
                error(() -> Validate.classTargets(PROBABILITIES, Tensor.of(0, 1, 2))));
        assertEquals("class index at row 0 is 0.5; allowed: an integer in [0, 2)",
                error(() -> Validate.classTargets(PROBABILITIES, Tensor.of(0.5, 1, 1))));
        assertEquals("class index at row 1 is NaN; allowed: an integer in [0, 2)",
                error(() -> Validate.classTargets(PROBABILITIES, Tensor.of(0, Double.NaN, 1))));
    }

    @Test
    void theIgnoreIndexIsAnAllowedClassTarget() {
        assertDoesNotThrow(() -> Validate.classTargets(PROBABILITIES, Tensor.of(0, -100, 1), -100));
        assertEquals("class index at row 1 is -1.0; allowed: an integer in [0, 2) or the ignore_index -100",
                error(() -> Validate.classTargets(PROBABILITIES, Tensor.of(0, -1, 1), -100)));
    }

    @Test
    void classTargetShapesAreChecked() {
        assertEquals("predictions must be an N x C matrix; shape is [3]",
                error(() -> Validate.classTargets(Tensor.zeros(3), Tensor.zeros(3))));
        assertEquals("shape mismatch: predictions [3, 2] need 3 class indices but targets have shape [2]",
                error(() -> Validate.classTargets(PROBABILITIES, Tensor.zeros(2))));
        assertEquals("shape mismatch: predictions [3, 2] but target distributions [3, 3]",
                error(() -> Validate.classTargets(PROBABILITIES, Tensor.zeros(3, 3))));
        assertEquals("targets must be a vector of 3 class indices or an N x C matrix of distributions; shape is []",
                error(() -> Validate.classTargets(PROBABILITIES, Tensor.scalar(0))));
    }

    @Test
    void targetDistributionsMustBeNonNegativeRowsSummingToOne() {
        assertDoesNotThrow(() -> Validate.classTargets(PROBABILITIES, PROBABILITIES));
        assertEquals("target at row 0, column 0 is -0.5; allowed: [0, inf)",
                error(() -> Validate.classTargets(PROBABILITIES, Tensor.of(new double[][] {{-0.5, 1.5}, {1, 0}, {1, 0}}))));
        assertEquals("target row 2 sums to 0.0; rows must sum to 1 (within 1.0E-6)",
                error(() -> Validate.classTargets(PROBABILITIES, Tensor.of(new double[][] {{0, 1}, {1, 0}, {0, 0}}))));
    }

    @Test
    void sampleWeightsAreOnePerRowFiniteNonNegativeAndNotAllZero() {
        assertDoesNotThrow(() -> Validate.sampleWeights(null, 3));
        assertDoesNotThrow(() -> Validate.sampleWeights(Tensor.of(0, 1, 2), 3));
        assertEquals("sample weights must be a vector of 3 values (one per row); shape is [2]",
                error(() -> Validate.sampleWeights(Tensor.of(1, 1), 3)));
        assertEquals("sample weights must be a vector of 3 values (one per row); shape is [3, 1]",
                error(() -> Validate.sampleWeights(Tensor.zeros(3, 1), 3)));
        assertEquals("sample weight at row 1 is -1.0; must be finite and >= 0",
                error(() -> Validate.sampleWeights(Tensor.of(1, -1, 1), 3)));
        assertEquals("sample weight at row 0 is Infinity; must be finite and >= 0",
                error(() -> Validate.sampleWeights(Tensor.of(Double.POSITIVE_INFINITY), 1)));
        assertEquals("sample weight at row 0 is NaN; must be finite and >= 0",
                error(() -> Validate.sampleWeights(Tensor.of(Double.NaN), 1)));
        assertEquals("all 2 sample weights are zero", error(() -> Validate.sampleWeights(Tensor.of(0, 0), 2)));
    }

    @Test
    void eachInputSpaceAppliesItsOwnChecks() {
        assertEquals("prediction at index 0 is 2.0; allowed: [0, 1]",
                error(() -> InputSpace.ELEMENTWISE_PROBABILITIES.validate(Tensor.of(2), Tensor.of(1))));
        assertDoesNotThrow(() -> InputSpace.ELEMENTWISE_LOGITS.validate(Tensor.of(Double.NEGATIVE_INFINITY), Tensor.of(1)));
        assertEquals("logit at index 0 is NaN",
                error(() -> InputSpace.ELEMENTWISE_LOGITS.validate(Tensor.of(Double.NaN), Tensor.of(1))));
        assertEquals("probability row 0 sums to 0.5; rows must sum to 1 (within 1.0E-6)",
                error(() -> InputSpace.CLASS_PROBABILITIES.validate(Tensor.of(new double[][] {{0.25, 0.25}}), Tensor.of(0))));
        assertDoesNotThrow(() -> InputSpace.CLASS_LOGITS.validate(Tensor.of(new double[][] {{-5, 7}}), Tensor.of(1)));
        assertEquals("prediction at index 0 is Infinity; must be finite",
                error(() -> InputSpace.REAL.validate(Tensor.of(Double.POSITIVE_INFINITY), Tensor.of(1))));
    }

    @Test
    void largeTensorsAreCheckedInParallelAndTheFirstOffenderIsNamed() {
        int originalThreads = Parallelism.threads();
        try {
            double[] logits = new double[1_000_000];
            logits[999_999] = Double.NaN;
            logits[300_001] = Double.NaN;
            double[] targets = new double[1_000_000];
            targets[700_000] = 2;
            for (int threads : new int[] {1, 2, 4}) {
                Parallelism.setThreads(threads);
                assertEquals("logit at index 300001 is NaN", error(() -> Validate.notNaN("logit", Tensor.wrap(logits, logits.length))));
                assertEquals("logit at index 300001 is NaN; must be finite",
                        error(() -> Validate.finite("logit", Tensor.wrap(logits, logits.length))));
                assertEquals("target at index 700000 is 2.0; allowed: [0, 1]",
                        error(() -> Validate.inClosedRange("target", Tensor.wrap(targets, targets.length), 0, 1)));
            }
        } finally {
            Parallelism.setThreads(originalThreads);
        }
    }
}
