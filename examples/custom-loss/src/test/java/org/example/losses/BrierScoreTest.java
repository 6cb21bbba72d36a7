package org.example.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import dev.xent.testkit.LossInputs;
import dev.xent.testkit.LossProviderContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Brier score's own properties and reference values, beyond the generic plugin contract. */
class BrierScoreTest {
    private final Loss brier = Losses.create("brier_score");

    @Test
    void meanMatchesScikitLearnBrierScoreLoss() {
        // sklearn.metrics.brier_score_loss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]) = 0.03749999999999999
        assertEquals(0.03749999999999999, brier.value(Tensor.of(0.1, 0.9, 0.8, 0.3), Tensor.of(0, 1, 1, 0)), 1e-15);
    }

    @Test
    void weightedMeanMatchesScikitLearnWithSampleWeights() {
        // brier_score_loss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3], sample_weight=[1, 2, 0.5, 1]) = 0.031111111111111107
        double value = brier.value(Tensor.of(0.1, 0.9, 0.8, 0.3), Tensor.of(0, 1, 1, 0), Tensor.of(1, 2, 0.5, 1));
        assertEquals(0.031111111111111107, value, 1e-15);
    }

    @Test
    void gradientMatchesPyTorchMseLoss() {
        // p = torch.tensor([0.7, 0.2, 0.4], dtype=torch.float64, requires_grad=True)
        // torch.nn.functional.mse_loss(p, torch.tensor([1., 0, 1], dtype=torch.float64)).backward()
        // value 0.16333333333333333, p.grad = [-0.2, 0.13333333333333333, -0.39999999999999997]
        var result = brier.valueAndGradient(Tensor.of(0.7, 0.2, 0.4), Tensor.of(1, 0, 1));
        assertEquals(0.16333333333333333, result.value(), 1e-15);
        assertArrayEquals(new double[] {-0.2, 0.13333333333333333, -0.39999999999999997},
                result.gradient().toArray(), 1e-15);
    }

    @Test
    void edgesOfTheProbabilityRangeGiveExactValues() {
        Loss none = Losses.create("brier_score", Map.of("reduction", "none"));
        // columns: prediction, target, loss, gradient 2 (p - y)
        double[][] table = {
            {0, 0, 0, 0},
            {1, 1, 0, 0},
            {1, 0, 1, 2},
            {0, 1, 1, -2},
            {0.5, 1, 0.25, -1},
        };
        for (double[] row : table) {
            Tensor p = Tensor.of(row[0]);
            Tensor y = Tensor.of(row[1]);
            assertEquals(row[2], none.perSample(p, y).item(), "loss at p=" + row[0] + ", y=" + row[1]);
            assertEquals(row[3], none.gradient(p, y).item(), "gradient at p=" + row[0] + ", y=" + row[1]);
        }
    }

    @Test
    void perSampleLossIsAtMostOneAndZeroExactlyWhenPredictionEqualsTarget() {
        Loss none = Losses.create("brier_score", Map.of("reduction", "none"));
        qt().withFixedSeed(LossProviderContract.SEED).forAll(LossInputs.of(InputSpace.ELEMENTWISE_PROBABILITIES))
                .checkAssert(input -> {
                    Tensor losses = none.perSample(input.predictions(), input.targets());
                    for (int i = 0; i < losses.size(); i++) {
                        double l = losses.getFlat(i);
                        boolean equal = input.predictions().getFlat(i) == input.targets().getFlat(i);
                        assertTrue(l <= 1, "loss " + l + " at " + i);
                        assertEquals(equal, l == 0, "loss " + l + " at " + i);
                    }
                    assertEquals(0, none.perSample(input.targets(), input.targets()).toArray()[0]);
                });
    }

    @Test
    void probabilityOutsideZeroOneIsRejectedNamingItsPosition() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> brier.value(Tensor.of(0.5, 1.5), Tensor.of(0, 1)));
        assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("index 1"), e.getMessage());
    }
}
