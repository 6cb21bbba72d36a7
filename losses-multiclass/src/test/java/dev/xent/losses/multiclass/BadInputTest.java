package dev.xent.losses.multiclass;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every bad input is an IllegalArgumentException whose message names the row, column and value. */
class BadInputTest {
    private static final Loss LOGITS = Fixtures.crossEntropy("from_logits", true);
    private static final Loss PROBABILITIES = Fixtures.crossEntropy();
    private static final Tensor X = Tensor.of(new double[][] {{0.1, 0.2, 0.3}, {1.0, -1.0, 0.5}});
    private static final Tensor P = Tensor.of(new double[][] {{0.2, 0.3, 0.5}, {0.6, 0.3, 0.1}});

    private static void assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    /** Every computing entry point rejects the input with the same message. */
    private static void assertEveryEntryPointRejects(Loss loss, Tensor p, Tensor t, String... fragments) {
        assertRejected(() -> loss.value(p, t), fragments);
        assertRejected(() -> loss.perSample(p, t), fragments);
        assertRejected(() -> loss.gradient(p, t), fragments);
        assertRejected(() -> loss.valueAndGradient(p, t), fragments);
        assertRejected(() -> loss.validate(p, t), fragments);
    }

    @Test
    void shapeMismatchesAreRejected() {
        assertEveryEntryPointRejects(LOGITS, Tensor.of(0.1, 0.2), Tensor.of(0, 1), "N x C matrix", "[2]");
        assertEveryEntryPointRejects(LOGITS, X, Tensor.of(0, 1, 2), "shape mismatch", "[2, 3]", "[3]");
        assertEveryEntryPointRejects(LOGITS, X, Tensor.of(new double[][] {{1, 0}, {0, 1}}), "shape mismatch", "[2, 2]");
        assertEveryEntryPointRejects(LOGITS, X, Tensor.zeros(2, 3, 1), "[2, 3, 1]");
    }

    @Test
    void badClassIndicesAreRejected() {
        assertEveryEntryPointRejects(LOGITS, X, Tensor.of(0, 1.5), "class index at row 1 is 1.5", "[0, 3)");
        assertEveryEntryPointRejects(LOGITS, X, Tensor.of(3, 0), "class index at row 0 is 3.0");
        assertEveryEntryPointRejects(LOGITS, X, Tensor.of(0, -1), "class index at row 1 is -1.0");
        assertEveryEntryPointRejects(LOGITS, X, Tensor.of(Double.NaN, 0), "class index at row 0 is NaN");
    }

    @Test
    void badPredictionsAreRejected() {
        Tensor y = Tensor.of(0, 1);
        assertEveryEntryPointRejects(LOGITS, Tensor.of(new double[][] {{0.1, Double.NaN, 0}, {0, 0, 0}}), y,
                "logit at row 0, column 1 is NaN");
        assertEveryEntryPointRejects(PROBABILITIES, Tensor.of(new double[][] {{0.2, 0.3, 0.5}, {0.6, Double.NaN, 0.4}}), y,
                "probability at row 1, column 1 is NaN");
        assertEveryEntryPointRejects(PROBABILITIES, Tensor.of(new double[][] {{0.2, 0.9, -0.1}, {0.6, 0.3, 0.1}}), y,
                "probability at row 0, column 2 is -0.1");
        assertEveryEntryPointRejects(PROBABILITIES, Tensor.of(new double[][] {{0.2, 0.3, 0.5}, {1.5, -0.2, -0.3}}), y,
                "probability at row 1, column 0 is 1.5", "[0, 1]");
        assertEveryEntryPointRejects(PROBABILITIES, Tensor.of(new double[][] {{0.2, 0.3, 0.5}, {0.6, 0.3, 0.2}}), y,
                "probability row 1 sums to 1.0999", "within 1.0E-6");
        Loss normalize = Fixtures.crossEntropy("normalize", true);
        assertEveryEntryPointRejects(normalize, Tensor.of(new double[][] {{2, 3, 5}, {0, 0, 0}}), y,
                "probability row 1 sums to 0.0", "normalize");
        assertEveryEntryPointRejects(normalize, Tensor.of(new double[][] {{2, 3, 5}, {1, -1, 4}}), y,
                "probability at row 1, column 1 is -1.0");
        assertEveryEntryPointRejects(normalize, Tensor.of(new double[][] {{2, 3, 5}, {1, Double.POSITIVE_INFINITY, 4}}), y,
                "probability at row 1, column 1 is Infinity");
    }

    @Test
    void badTargetDistributionsAreRejected() {
        assertEveryEntryPointRejects(LOGITS, X, Tensor.of(new double[][] {{0.5, 0.5, 0}, {1.2, -0.2, 0}}),
                "target at row 1, column 1 is -0.2");
        assertEveryEntryPointRejects(LOGITS, X, Tensor.of(new double[][] {{0.5, 0.4, 0}, {1, 0, 0}}),
                "target row 0 sums to 0.9");
        assertEveryEntryPointRejects(LOGITS, X, Tensor.of(new double[][] {{0.5, 0.5, 0}, {1, Double.NaN, 0}}),
                "target at row 1, column 1 is NaN");
    }

    @Test
    void classWeightsOfTheWrongLengthAreRejected() {
        Loss loss = Fixtures.crossEntropy("from_logits", true, "class_weights", List.of(1.0, 2.0));
        assertEveryEntryPointRejects(loss, X, Tensor.of(0, 1), "class_weights has 2 values", "3 classes");
    }

    @Test
    void everyRowIgnoredIsAnErrorNotNaN() {
        for (String reduction : List.of("mean", "sum")) {
            Loss loss = Fixtures.crossEntropy("from_logits", true, "ignore_index", -100, "reduction", reduction);
            assertEveryEntryPointRejects(loss, X, Tensor.of(-100, -100), "every one of the 2 rows", "ignore_index -100");
        }
        Loss none = Fixtures.crossEntropy("from_logits", true, "ignore_index", -100, "reduction", "none");
        assertRejected(() -> none.perSample(X, Tensor.of(-100, -100)), "every one of the 2 rows");
    }

    @Test
    void aMeanWhoseOnlyWeightedRowsAreIgnoredIsAnError() {
        Loss loss = Fixtures.crossEntropy("from_logits", true, "ignore_index", -100);
        assertRejected(() -> loss.value(X, Tensor.of(-100, 1), Tensor.of(1.0, 0.0)), "nothing to average");
        assertRejected(() -> loss.gradient(X, Tensor.of(-100, 1), Tensor.of(1.0, 0.0)), "nothing to average");
    }

    @Test
    void ignoreIndexWithDistributionTargetsIsRejectedNamingTheParameter() {
        Loss loss = Fixtures.crossEntropy("from_logits", true, "ignore_index", -100);
        assertEveryEntryPointRejects(loss, X, Tensor.of(new double[][] {{1, 0, 0}, {0, 1, 0}}),
                "ignore_index = -100 applies only to class-index targets");
    }

    @Test
    void badSampleWeightsAreRejected() {
        Tensor y = Tensor.of(0, 1);
        assertRejected(() -> LOGITS.value(X, y, Tensor.of(1.0)), "sample weights must be a vector of 2");
        assertRejected(() -> LOGITS.gradient(X, y, Tensor.of(1.0, -0.5)), "sample weight at row 1 is -0.5");
        assertRejected(() -> LOGITS.value(X, y, Tensor.of(0.0, 0.0)), "all 2 sample weights are zero");
    }

    @Test
    void reductionNoneHasNoValueAndAShortBufferIsRejected() {
        Loss none = Fixtures.crossEntropy("from_logits", true, "reduction", "none");
        assertThrows(IllegalStateException.class, () -> none.value(X, Tensor.of(0, 1)));
        assertThrows(IllegalStateException.class, () -> none.valueAndGradient(X, Tensor.of(0, 1)));
        assertRejected(() -> LOGITS.valueAndGradient(X, Tensor.of(0, 1), null, new double[5]), "gradient buffer holds 5");
    }
}
