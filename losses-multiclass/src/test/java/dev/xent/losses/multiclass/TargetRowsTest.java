package dev.xent.losses.multiclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;
import dev.xent.core.numeric.VectorSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Target distributions checked by the kernels as they read them (instead of validation passes before):
 * every entry point, scalar and vector kernels, 1, 2 and 4 threads give validation's error, naming the
 * first offender, and validation's order holds: a bad target is named before a NaN logit or a bad
 * probability in an earlier row, and before class weights of the wrong length.
 */
class TargetRowsTest {
    private static final int ROWS = 4000;
    private static final int CLASSES = 5;

    private static List<Loss> losses(boolean vector) {
        return VectorSupport.with(vector, 0, () -> List.of(Fixtures.crossEntropy("from_logits", true),
                Fixtures.crossEntropy("from_logits", true, "label_smoothing", 0.1),
                Fixtures.crossEntropy("from_logits", true, "class_weights", List.of(0.5, 2.0, 1.0, 1.0, 3.0)),
                Fixtures.focal("from_logits", true), Fixtures.crossEntropy(), Fixtures.focal()));
    }

    private static void assertEveryPathSays(String expected, Loss loss, Tensor p, Tensor q) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> loss.validate(p, q)).getMessage());
        int original = Parallelism.threads();
        try {
            for (int threads : new int[] {1, 2, 4}) {
                Parallelism.setThreads(threads);
                assertEquals(expected, assertThrows(IllegalArgumentException.class,
                        () -> loss.valueAndGradient(p, q, null, new double[ROWS * CLASSES])).getMessage());
                assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> loss.value(p, q, null)).getMessage());
                assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> loss.perSample(p, q)).getMessage());
            }
        } finally {
            Parallelism.setThreads(original);
        }
    }

    @Test
    void badTargetRowsGiveValidationsErrorOnEveryPathAndThreadCount() {
        Random random = new Random(20261203L);
        Tensor logits = Fixtures.logits(random, ROWS, CLASSES, 6.0);
        double[] clean = Fixtures.distributions(random, ROWS, CLASSES).toArray();
        List<Object[]> cases = new ArrayList<>();
        double[] negative = clean.clone();
        negative[3500 * CLASSES + 2] = -0.25;
        negative[3600 * CLASSES + 1] = Double.NaN;
        cases.add(new Object[] {negative, "target at row 3500, column 2 is -0.25; allowed: [0, inf)"});
        double[] infinite = clean.clone();
        infinite[2222 * CLASSES] = Double.POSITIVE_INFINITY;
        cases.add(new Object[] {infinite, "target at row 2222, column 0 is Infinity; allowed: [0, inf)"});
        double[] badSum = clean.clone();
        badSum[1234 * CLASSES + 4] += 1e-3;
        cases.add(new Object[] {badSum, null});
        for (boolean vector : new boolean[] {false, true}) {
            for (Loss loss : losses(vector)) {
                double[] x = loss.inputSpace().isLogits() ? logits.toArray()
                        : Fixtures.softmaxRows(logits).toArray();
                x[100 * CLASSES + 3] = loss.inputSpace().isLogits() ? Double.NaN : 1.5; // earlier, but named after
                Tensor p = Tensor.wrap(x, ROWS, CLASSES);
                for (Object[] bad : cases) {
                    Tensor q = Tensor.wrap((double[]) bad[0], ROWS, CLASSES);
                    String expected = assertThrows(IllegalArgumentException.class, () -> loss.validate(p, q)).getMessage();
                    if (bad[1] != null) {
                        assertEquals(bad[1], expected);
                    } else {
                        assertEquals(true, expected.startsWith("target row 1234 sums to "), expected);
                    }
                    assertEveryPathSays(expected, loss, p, q);
                }
            }
        }
    }

    @Test
    void badClassIndicesGiveValidationsErrorOnEveryPathAndThreadCount() {
        Random random = new Random(11L);
        double[] x = Fixtures.logits(random, ROWS, CLASSES, 6.0).toArray();
        x[100 * CLASSES + 3] = Double.NaN; // earlier, but named after
        Tensor logits = Tensor.wrap(x, ROWS, CLASSES);
        double[] clean = Fixtures.labels(random, ROWS, CLASSES).toArray();
        for (double bad : new double[] {2.5, CLASSES, -1, Double.NaN, Double.NEGATIVE_INFINITY}) {
            double[] y = clean.clone();
            y[3500] = bad;
            y[3700] = -7;
            Tensor targets = Tensor.wrap(y, ROWS);
            for (boolean vector : new boolean[] {false, true}) {
                for (Loss loss : VectorSupport.with(vector, 0, () -> List.of(Fixtures.crossEntropy("from_logits", true),
                        Fixtures.crossEntropy("from_logits", true, "ignore_index", -100),
                        Fixtures.crossEntropy("from_logits", true, "class_weights", List.of(0.5, 2.0, 1.0, 1.0, 3.0))))) {
                    String expected = assertThrows(IllegalArgumentException.class, () -> loss.validate(logits, targets))
                            .getMessage();
                    assertEquals(true, expected.startsWith("class index at row 3500 is " + bad + "; allowed: an integer in [0, 5)"),
                            expected);
                    assertEveryPathSays(expected, loss, logits, targets);
                }
            }
        }
    }

    @Test
    void aBadTargetIsNamedBeforeClassWeightsOfTheWrongLength() {
        Random random = new Random(7L);
        Tensor logits = Fixtures.logits(random, ROWS, CLASSES, 6.0);
        double[] q = Fixtures.distributions(random, ROWS, CLASSES).toArray();
        q[3000 * CLASSES + 1] = -1.0;
        for (boolean vector : new boolean[] {false, true}) {
            Loss loss = VectorSupport.with(vector, 0,
                    () -> Fixtures.crossEntropy("from_logits", true, "class_weights", List.of(1.0, 2.0)));
            assertEveryPathSays("target at row 3000, column 1 is -1.0; allowed: [0, inf)", loss, logits,
                    Tensor.wrap(q, ROWS, CLASSES));
        }
    }
}
