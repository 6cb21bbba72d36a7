package dev.xent.losses.multiclass;

import static dev.xent.losses.multiclass.Fixtures.relativeError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties that hold for any input (QuickTheories, fixed seed). */
class PropertiesTest {
    private static final long SEED = 20261123L;

    private static List<Loss> logitLosses() {
        return List.of(Fixtures.crossEntropy("from_logits", true),
                Fixtures.focal("from_logits", true),
                Fixtures.focal("from_logits", true, "gamma", 0.5, "alpha", 1.0));
    }

    private static List<Double> classWeights(Random random, int classes) {
        List<Double> weights = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            weights.add(0.1 + 3 * random.nextDouble());
        }
        return weights;
    }

    @Test
    void lossesAreNonNegative() {
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(integers().between(1, 6), integers().between(1, 8), doubles().between(0.1, 800), longs().all())
                .checkAssert((rows, classes, scale, seed) -> {
                    Random random = new Random(seed);
                    Tensor x = Fixtures.logits(random, rows, classes, scale);
                    Tensor q = Fixtures.distributions(random, rows, classes);
                    for (Loss loss : logitLosses()) {
                        for (Tensor targets : List.of(Fixtures.labels(random, rows, classes), q)) {
                            Tensor perSample = loss.perSample(x, targets);
                            for (int i = 0; i < rows; i++) {
                                assertTrue(perSample.getFlat(i) >= 0, () -> loss + " gave " + perSample + " at " + x);
                            }
                        }
                    }
                    Tensor perSample = Fixtures.crossEntropy().perSample(Fixtures.softmaxRows(x), q);
                    for (int i = 0; i < rows; i++) {
                        assertTrue(perSample.getFlat(i) >= 0);
                    }
                });
    }

    @Test
    void perfectPredictionsCostNothing() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(integers().between(1, 6), integers().between(1, 8), longs().all())
                .checkAssert((rows, classes, seed) -> {
                    Random random = new Random(seed);
                    Tensor y = Fixtures.labels(random, rows, classes);
                    Tensor oneHot = Fixtures.oneHot(y, classes);
                    // Logits that make the labelled class certain: +inf there, finite elsewhere.
                    double[] x = Fixtures.logits(random, rows, classes, 5).toArray();
                    for (int r = 0; r < rows; r++) {
                        x[r * classes + (int) y.getFlat(r)] = Double.POSITIVE_INFINITY;
                    }
                    Tensor logits = Tensor.wrap(x, rows, classes);
                    for (Loss loss : logitLosses()) {
                        assertEquals(0.0, loss.value(logits, y), 0.0, loss::toString);
                        assertEquals(0.0, loss.value(logits, oneHot), 0.0, loss::toString);
                        assertArrayEquals(new double[x.length], loss.gradient(logits, y).toArray(), 0.0);
                    }
                    // Probabilities equal to the one-hot target: only the clip at 1 - eps remains.
                    double clipped = -Math.log(1 - 1e-7);
                    assertEquals(clipped, Fixtures.crossEntropy().value(oneHot, y), 4 * Math.ulp(clipped));
                    assertEquals(0.0, Fixtures.crossEntropy("epsilon", 1e-300).value(oneHot, y), 0.0);
                });
    }

    @Test
    void logitGradientRowsSumToZero() {
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(integers().between(1, 6), integers().between(2, 12), doubles().between(0.1, 50), longs().all())
                .checkAssert((rows, classes, scale, seed) -> {
                    Random random = new Random(seed);
                    Tensor x = Fixtures.logits(random, rows, classes, scale);
                    for (Tensor targets : List.of(Fixtures.labels(random, rows, classes),
                            Fixtures.distributions(random, rows, classes))) {
                        for (Loss loss : logitLosses()) {
                            Tensor g = loss.gradient(x, targets);
                            for (int r = 0; r < rows; r++) {
                                double sum = 0;
                                double magnitude = 0;
                                for (int c = 0; c < classes; c++) {
                                    sum += g.getFlat(r * classes + c);
                                    magnitude += Math.abs(g.getFlat(r * classes + c));
                                }
                                // Rounding of a sum of `classes` terms of this magnitude.
                                assertEquals(0.0, sum, 4 * classes * Math.ulp(Math.max(magnitude, 1e-300)), loss::toString);
                            }
                        }
                    }
                });
    }

    @Test
    void addingAConstantToARowOfLogitsChangesNothing() {
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(integers().between(1, 6), integers().between(1, 8), doubles().between(-1e3, 1e3), longs().all())
                .checkAssert((rows, classes, shift, seed) -> {
                    Random random = new Random(seed);
                    Tensor x = Fixtures.logits(random, rows, classes, 10);
                    Tensor y = Fixtures.labels(random, rows, classes);
                    double[] shifted = x.toArray();
                    int row = random.nextInt(rows);
                    for (int c = 0; c < classes; c++) {
                        shifted[row * classes + c] += shift;
                    }
                    Tensor moved = Tensor.wrap(shifted, rows, classes);
                    for (Loss loss : logitLosses()) {
                        // The shifted logits themselves carry rounding of |shift| * eps.
                        double tolerance = 1e-12 + 8 * Math.ulp(Math.abs(shift) + 10);
                        assertEquals(loss.value(x, y), loss.value(moved, y), tolerance * 10, loss::toString);
                        assertTrue(relativeError(loss.gradient(x, y), loss.gradient(moved, y)) <= tolerance * 10);
                    }
                });
    }

    @Test
    void indexTargetsEqualOneHotDistributionTargetsWithAndWithoutClassWeights() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(integers().between(1, 6), integers().between(1, 8), longs().all())
                .checkAssert((rows, classes, seed) -> {
                    Random random = new Random(seed);
                    Tensor x = Fixtures.logits(random, rows, classes, 6);
                    Tensor y = Fixtures.labels(random, rows, classes);
                    Tensor oneHot = Fixtures.oneHot(y, classes);
                    Tensor s = Fixtures.sampleWeights(random, rows);
                    List<Double> w = classWeights(random, classes);
                    for (boolean focal : new boolean[] {false, true}) {
                        for (Object weights : new Object[] {null, w}) {
                            for (String reduction : List.of("mean", "sum")) {
                                Object[] params = weights == null
                                        ? new Object[] {"from_logits", true, "reduction", reduction}
                                        : new Object[] {"from_logits", true, "reduction", reduction, "class_weights", weights};
                                Loss loss = focal ? Fixtures.focal(params) : Fixtures.crossEntropy(params);
                                assertEquals(loss.value(x, y, s), loss.value(x, oneHot, s),
                                        1e-13 * Math.abs(loss.value(x, y, s)), loss::toString);
                                assertTrue(relativeError(loss.gradient(x, y, s), loss.gradient(x, oneHot, s)) <= 1e-13);
                                assertTrue(relativeError(loss.perSample(x, y), loss.perSample(x, oneHot)) <= 1e-13);
                            }
                        }
                    }
                });
    }

    @Test
    void sampleWeightsScaleTheirRowInNumeratorAndDenominator() {
        Random random = new Random(SEED);
        Tensor x = Fixtures.logits(random, 4, 3, 3);
        Tensor y = Tensor.of(0, 2, 1, 2);
        List<Double> w = List.of(0.5, 2.0, 1.5);
        Loss loss = Fixtures.crossEntropy("from_logits", true, "class_weights", w);
        Tensor perSample = loss.perSample(x, y);
        double[] s = {1.0, 3.0, 0.0, 0.5};
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < 4; i++) {
            numerator += s[i] * perSample.getFlat(i);
            denominator += s[i] * w.get((int) y.getFlat(i));
        }
        assertEquals(numerator / denominator, loss.value(x, y, Tensor.of(s)), 1e-15);
    }

    @Test
    void threadCountDoesNotChangeResultBits() {
        Random random = new Random(SEED);
        int rows = 3000;
        int classes = 50; // 150,000 elements: about ten chunks
        Tensor x = Fixtures.logits(random, rows, classes, 8);
        Tensor y = Fixtures.labels(random, rows, classes);
        Tensor q = Fixtures.distributions(random, rows, classes);
        Tensor s = Fixtures.sampleWeights(random, rows);
        int original = Parallelism.threads();
        try {
            List<double[]> results = new ArrayList<>();
            for (int threads : new int[] {1, 2, 7}) {
                Parallelism.setThreads(threads);
                List<Double> values = new ArrayList<>();
                List<Double> gradients = new ArrayList<>();
                for (Loss loss : logitLosses()) {
                    for (Tensor targets : List.of(y, q)) {
                        var both = loss.valueAndGradient(x, targets, s);
                        values.add(both.value());
                        for (double g : both.gradient().toArray()) {
                            gradients.add(g);
                        }
                    }
                }
                values.addAll(gradients);
                results.add(values.stream().mapToDouble(Double::doubleValue).toArray());
            }
            // Across many chunks the kernel still agrees with the graph.
            Loss focal = Fixtures.focal("from_logits", true, "label_smoothing", 0.1);
            assertTrue(relativeError(dev.xent.autodiff.GraphEvaluation.gradient(focal, x, y, s), focal.gradient(x, y, s)) <= 1e-12);
            for (double[] result : results) {
                assertEquals(results.get(0).length, result.length);
                for (int i = 0; i < result.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(results.get(0)[i]), Double.doubleToRawLongBits(result[i]));
                }
            }
        } finally {
            Parallelism.setThreads(original);
        }
    }
}
