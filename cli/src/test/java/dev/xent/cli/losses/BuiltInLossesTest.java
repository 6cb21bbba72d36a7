package dev.xent.cli.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Properties that need both losses modules (issue 4): they live here, where both are on the class
 * path, and find the losses by name only (no import of a losses package).
 */
class BuiltInLossesTest {

    @Test
    void twoClassCategoricalCrossEntropyWithLogitsZeroAndXEqualsBinaryCrossEntropyWithLogitX() {
        Loss categorical = Losses.create("categorical_cross_entropy", Map.of("from_logits", true, "reduction", "none"));
        Loss binary = Losses.create("binary_cross_entropy", Map.of("from_logits", true, "reduction", "none"));
        qt().withFixedSeed(20261123L).forAll(doubles().between(-60, 60), integers().between(0, 1))
                .checkAssert((x, y) -> {
                    Tensor logits = Tensor.of(new double[][] {{0, x}});
                    Tensor classIndex = Tensor.of(y);
                    Tensor logit = Tensor.of(x);
                    Tensor target = Tensor.of(y);
                    double expected = binary.perSample(logit, target).item();
                    assertEquals(expected, categorical.perSample(logits, classIndex).item(),
                            1e-12 * Math.max(1, expected), "value at x = " + x + ", y = " + y);
                    double expectedGradient = binary.gradient(logit, target).item();
                    Tensor gradient = categorical.gradient(logits, classIndex);
                    assertEquals(expectedGradient, gradient.get(0, 1), 1e-12, "d/dx at x = " + x + ", y = " + y);
                    assertEquals(-expectedGradient, gradient.get(0, 0), 1e-12, "d/dlogit0 at x = " + x);
                });
    }

    @Test
    void theEquivalenceHoldsForTheReducedMeanOverManyRows() {
        Loss categorical = Losses.create("cce", Map.of("from_logits", true));
        Loss binary = Losses.create("bce", Map.of("from_logits", true));
        double[] x = {-1000, -30, -2.5, -1e-9, 0, 0.5, 3, 40, 1000};
        double[][] logits = new double[x.length][];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            logits[i] = new double[] {0, x[i]};
            y[i] = i % 2;
        }
        double expected = binary.value(Tensor.of(x), Tensor.of(y));
        assertEquals(expected, categorical.value(Tensor.of(logits), Tensor.of(y)), 1e-12 * expected);
    }
}
