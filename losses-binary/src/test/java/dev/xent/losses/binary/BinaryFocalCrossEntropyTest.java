package dev.xent.losses.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import dev.xent.testkit.VectorSwitch;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryFocalCrossEntropyTest {
    // Keras's documented example for binary_focal_crossentropy(gamma=2).
    private static final Tensor KERAS_PREDICTIONS = Tensor.of(new double[][] {{0.6, 0.4}, {0.4, 0.6}});
    private static final Tensor KERAS_TARGETS = Tensor.of(new double[][] {{0, 1}, {0, 0}});

    @Test
    void kerasWorkedExampleGivesItsNumbers() {
        // Keras prints the row means [0.330, 0.206] (float32); the float64 values are from the formula in
        // NumPy: -(y log p + (1-y) log1p(-p)) * (1 - p_t)**2 [* (y 0.25 + (1-y) 0.75)].
        Loss none = Losses.create("focal", Map.of("reduction", "none"));
        assertArrayEquals(new double[] {0.3298646634746958, 0.3298646634746958, 0.08173209980255854, 0.3298646634746958},
                none.perSample(KERAS_PREDICTIONS, KERAS_TARGETS).toArray(), 1e-15);
        assertEquals(0.2678315225566615, Losses.create("focal").value(KERAS_PREDICTIONS, KERAS_TARGETS), 1e-15);
        Loss balanced = Losses.create("focal", Map.of("alpha", 0.25, "reduction", "none"));
        assertArrayEquals(new double[] {0.24739849760602187, 0.08246616586867395, 0.0612990748519189, 0.24739849760602187},
                balanced.perSample(KERAS_PREDICTIONS, KERAS_TARGETS).toArray(), 1e-15);
        assertEquals(0.15964055898315913, Losses.create("focal", Map.of("alpha", 0.25))
                .value(KERAS_PREDICTIONS, KERAS_TARGETS), 1e-15);
    }

    @Test
    void gammaZeroWithoutAlphaIsBinaryCrossEntropyBitForBit() {
        for (LossCases.Config config : LossCases.all()) {
            if (!config.name().equals("binary_cross_entropy") || !Double.valueOf(1.0).equals(config.parameters().get("pos_weight"))) {
                continue;
            }
            // Both on the scalar kernels: the vector kernel of BCE with logits agrees to a few ulps, not to the bit.
            Loss bce = VectorSwitch.off(config::create);
            Map<String, Object> focalParameters = new LinkedHashMap<>(config.parameters());
            focalParameters.remove("pos_weight");
            focalParameters.put("gamma", 0.0);
            Loss focal = VectorSwitch.off(() -> Losses.create("binary_focal_cross_entropy", focalParameters));
            qt().withFixedSeed(LossCases.SEED).withExamples(10).forAll(longs().all()).checkAssert(seed -> {
                LossCases.Inputs in = LossCases.inputs(seed, config.fromLogits());
                assertArrayEquals(bce.perSample(in.predictions(), in.targets()).toArray(),
                        focal.perSample(in.predictions(), in.targets()).toArray(), config::toString);
                assertArrayEquals(bce.gradient(in.predictions(), in.targets(), in.weights()).toArray(),
                        focal.gradient(in.predictions(), in.targets(), in.weights()).toArray(), config::toString);
            });
        }
    }

    @Test
    void focalFactorOfAConfidentLogitIsExactInLogSpace() {
        // x = 30, y = 1, gamma = 0.5: 1 - p_t = sigmoid(-30) = 9.4e-14, which 1 - sigmoid(30) would get
        // only to 3 digits. Reference values from mpmath at 50 digits (value and its derivative).
        Loss focal = Losses.create("focal", Map.of("gamma", 0.5, "from_logits", true, "reduction", "sum"));
        Tensor x = Tensor.of(30);
        Tensor y = Tensor.of(1);
        assertEquals(2.8625185805491257808e-20, focal.value(x, y), 1e-14 * 2.86e-20);
        assertEquals(-4.2937778708234208075e-20, focal.gradient(x, y).item(), 1e-14 * 4.29e-20);
    }

    @Test
    void softLabelsWithAlphaMatchHighPrecisionReference() {
        // y = 0.3, x = 1.5, gamma = 2, alpha = 0.25 on logits; mpmath at 50 digits (value and derivative).
        Loss focal = Losses.create("focal", Map.of("alpha", 0.25, "from_logits", true, "reduction", "sum"));
        assertEquals(0.29520816062416934241, focal.value(Tensor.of(1.5), Tensor.of(0.3)), 1e-15);
        assertEquals(0.17827072526712755244, focal.gradient(Tensor.of(1.5), Tensor.of(0.3)).item(), 1e-15);
    }

    @Test
    void limitsStayFiniteWhereNaiveProductsWouldBeNaN() {
        // alpha = 0 gives the positive class no weight: 0, not 0 * inf, at x = -inf.
        Loss noPositives = Losses.create("focal", Map.of("alpha", 0.0, "from_logits", true, "reduction", "none"));
        Tensor x = Tensor.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        Tensor y = Tensor.of(1, 0);
        assertArrayEquals(new double[] {0, Double.POSITIVE_INFINITY}, noPositives.perSample(x, y).toArray());
        assertArrayEquals(new double[] {0, 1}, noPositives.gradient(x, y).toArray());
        // gamma below 1 has an infinite focal slope at a perfect prediction, times a zero cross-entropy: 0.
        Loss sharp = Losses.create("focal", Map.of("gamma", 0.5, "epsilon", 0.0, "reduction", "none"));
        Tensor perfect = Tensor.of(1, 0);
        assertArrayEquals(new double[] {0, 0}, sharp.perSample(perfect, Tensor.of(1, 0)).toArray());
        // l ~ |1 - p|^1.5 near the perfect prediction, so the slope there is exactly 0 (+0.0 folds -0.0).
        double[] slope = sharp.gradient(perfect, Tensor.of(1, 0)).toArray();
        assertArrayEquals(new double[] {0, 0}, new double[] {slope[0] + 0.0, slope[1] + 0.0});
        // epsilon 0, certain and wrong: the cross-entropy's infinite slope dominates.
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY},
                sharp.gradient(Tensor.of(0, 1), Tensor.of(0.7, 0.2)).toArray());
    }
}
