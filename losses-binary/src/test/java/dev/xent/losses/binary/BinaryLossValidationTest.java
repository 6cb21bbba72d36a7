package dev.xent.losses.binary;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.SecondOrderLoss;
import dev.xent.core.Tensor;
import dev.xent.core.spi.ParameterException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BinaryLossValidationTest {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    /** Every public computing entry point of a loss, each of which must validate first. */
    private static List<Consumer<Loss>> entryPoints(Tensor p, Tensor t, Tensor w) {
        return List.of(
                loss -> loss.perSample(p, t),
                loss -> loss.value(p, t, w),
                loss -> loss.gradient(p, t, w),
                loss -> loss.valueAndGradient(p, t, w),
                loss -> loss.valueAndGradient(p, t, w, new double[p.size()]),
                loss -> {
                    if (loss instanceof SecondOrderLoss second) {
                        second.gradientAndHessian(p, t, w);
                    } else {
                        loss.gradient(p, t, w);
                    }
                });
    }

    private static void assertRejected(boolean logits, Tensor p, Tensor t, Tensor w, String... fragments) {
        for (String name : List.of("binary_cross_entropy", "binary_focal_cross_entropy")) {
            Loss loss = Losses.create(name, Map.of("from_logits", logits));
            List<Consumer<Loss>> calls = entryPoints(p, t, w);
            // perSample takes no weights, so bad weights concern the other entry points.
            for (Consumer<Loss> call : w == null ? calls : calls.subList(1, calls.size())) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(loss));
                for (String fragment : fragments) {
                    assertTrue(e.getMessage().contains(fragment), name + ": '" + e.getMessage() + "' lacks '" + fragment + "'");
                }
            }
        }
    }

    @Test
    void shapeMismatchIsRejected() {
        assertRejected(false, Tensor.of(0.5, 0.5), Tensor.of(1, 0, 1), null, "shape mismatch", "[2]", "[3]");
        assertRejected(true, Tensor.of(new double[][] {{1, 2}}), Tensor.of(1, 0), null, "shape mismatch", "[1, 2]", "[2]");
    }

    @Test
    void badProbabilitiesAreRejectedWithTheirPositionAndValue() {
        assertRejected(false, Tensor.of(0.5, NAN), Tensor.of(1, 0), null, "prediction at index 1", "NaN");
        assertRejected(false, Tensor.of(INF, 0.5), Tensor.of(1, 0), null, "prediction at index 0", "Infinity");
        assertRejected(false, Tensor.of(new double[][] {{0.5, 0.1}, {1.5, 0.2}}), Tensor.of(new double[][] {{1, 0}, {1, 0}}),
                null, "prediction at row 1, column 0", "1.5", "[0, 1]");
        assertRejected(false, Tensor.of(-0.01), Tensor.of(1), null, "prediction at index 0", "-0.01");
    }

    @Test
    void badTargetsAreRejectedWithTheirPositionAndValue() {
        assertRejected(false, Tensor.of(0.5, 0.5), Tensor.of(1, -0.2), null, "target at index 1", "-0.2");
        assertRejected(true, Tensor.of(0.5, 0.5), Tensor.of(1.01, 0), null, "target at index 0", "1.01");
        assertRejected(true, Tensor.of(0.5, 0.5), Tensor.of(NAN, 0), null, "target at index 0", "NaN");
        assertRejected(true, Tensor.of(0.5, 0.5), Tensor.of(0, -INF), null, "target at index 1", "-Infinity");
    }

    @Test
    void nanLogitsAreRejectedButInfiniteLogitsAreLegal() {
        assertRejected(true, Tensor.of(new double[][] {{1, 2}, {NAN, 0}}), Tensor.of(new double[][] {{1, 0}, {1, 0}}),
                null, "logit at row 1, column 0", "NaN");
        Loss loss = Losses.create("bce", Map.of("from_logits", true));
        assertDoesNotThrow(() -> loss.value(Tensor.of(INF, -INF), Tensor.of(1, 0)));
    }

    @Test
    void badSampleWeightsAreRejected() {
        Tensor p = Tensor.of(0.2, 0.7, 0.5);
        Tensor t = Tensor.of(0, 1, 1);
        assertRejected(false, p, t, Tensor.of(1, -1, 1), "sample weight at row 1", "-1.0");
        assertRejected(false, p, t, Tensor.of(1, NAN, 1), "sample weight at row 1", "NaN");
        assertRejected(false, p, t, Tensor.of(1, INF, 1), "sample weight at row 1", "Infinity");
        assertRejected(false, p, t, Tensor.of(0, 0, 0), "all 3 sample weights are zero");
        assertRejected(false, p, t, Tensor.of(1, 1), "3 values (one per row)", "[2]");
    }

    @Test
    void badParametersNameTheParameterAndWhatIsAllowed() {
        assertParameterRejected("bce", Map.of("epsilon", 0.5), "epsilon", "[0, 0.5)");
        assertParameterRejected("bce", Map.of("epsilon", -1e-9), "epsilon", "[0, 0.5)");
        assertParameterRejected("bce", Map.of("pos_weight", 0.0), "pos_weight", "(0, inf)");
        assertParameterRejected("bce", Map.of("pos_weight", INF), "pos_weight", "(0, inf)");
        assertParameterRejected("bce", Map.of("label_smoothing", 1.0), "label_smoothing", "[0, 1)");
        assertParameterRejected("bce", Map.of("from_logits", "yes"), "from_logits", "wrong type", "boolean");
        assertParameterRejected("bce", Map.of("reduction", "avg"), "reduction", "mean | sum | none");
        assertParameterRejected("bce", Map.of("pos_wieght", 2.0), "unknown parameter 'pos_wieght'", "did you mean 'pos_weight'");
        assertParameterRejected("bce", Map.of("gamma", 2.0), "unknown parameter 'gamma'");
        assertParameterRejected("focal", Map.of("gamma", -0.5), "gamma", "[0, inf)");
        assertParameterRejected("focal", Map.of("alpha", 1.5), "alpha", "[0, 1]");
        assertParameterRejected("focal", Map.of("alpha", "0.25"), "alpha", "wrong type", "number");
        assertParameterRejected("focal", Map.of("pos_weight", 2.0), "unknown parameter 'pos_weight'");
    }

    private static void assertParameterRejected(String loss, Map<String, ?> parameters, String... fragments) {
        ParameterException e = assertThrows(ParameterException.class, () -> Losses.create(loss, parameters));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }
}
