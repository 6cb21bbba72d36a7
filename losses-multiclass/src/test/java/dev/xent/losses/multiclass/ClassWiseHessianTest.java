package dev.xent.losses.multiclass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.xent.core.GradientAndHessian;
import dev.xent.core.Losses;
import dev.xent.core.SecondOrderLoss;
import dev.xent.core.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassWiseHessianTest {
    private static final long SEED = 20261203L;

    private static SecondOrderLoss loss(String name, Map<String, Object> parameters) {
        return (SecondOrderLoss) Losses.create(name, parameters);
    }

    /**
     * Central differences of the analytic gradient along one coordinate, step
     * {@code h = 1e-5 max(1, |x|)} for logits (truncation about {@code h^2 |l''''| / 6}, 1e-10 here;
     * rounding {@code eps |l'| / h}, 1e-11) and 2e-7 for probabilities (a step leaves the simplex,
     * whose check allows rows to sum to 1 within 1e-6; rounding about 1e-7 relative); 1e-5 relative to
     * max(1, |l''|) is far below any wrong term.
     */
    private static void assertHessianMatchesFiniteDifferences(SecondOrderLoss loss, Tensor predictions, Tensor targets,
                                                              Tensor weights) {
        GradientAndHessian both = loss.gradientAndHessian(predictions, targets, weights);
        assertArrayEquals(loss.gradient(predictions, targets, weights).toArray(), both.gradient().toArray(), 0.0);
        double[] x = predictions.toArray();
        boolean logits = loss.inputSpace().isLogits();
        for (int i = 0; i < x.length; i++) {
            double h = logits ? 1e-5 * Math.max(1, Math.abs(x[i])) : 2e-7;
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            double difference = (loss.gradient(Tensor.wrap(plus, predictions.shape()), targets, weights).getFlat(i)
                    - loss.gradient(Tensor.wrap(minus, predictions.shape()), targets, weights).getFlat(i)) / (2 * h);
            double analytic = both.hessianDiagonal().getFlat(i);
            int index = i;
            assertEquals(difference, analytic, 1e-5 * Math.max(1, Math.abs(difference)),
                    () -> loss + " at element " + index + " of " + predictions + " with targets " + targets);
        }
    }

    private static Map<String, Object> randomParameters(Random random, int classes, boolean indexTargets) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("from_logits", true);
        parameters.put("reduction", List.of("mean", "sum", "none").get(random.nextInt(3)));
        if (random.nextBoolean()) {
            List<Double> weights = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                weights.add(0.2 + 3 * random.nextDouble());
            }
            parameters.put("class_weights", weights);
        }
        if (random.nextBoolean()) {
            parameters.put("label_smoothing", 0.3 * random.nextDouble());
        }
        if (indexTargets && random.nextInt(4) == 0) {
            parameters.put("ignore_index", 0);
        }
        return parameters;
    }

    private static Tensor randomTargets(Random random, int rows, int classes, boolean indexTargets) {
        if (indexTargets) {
            double[] indices = new double[rows];
            for (int r = 0; r < rows; r++) {
                indices[r] = r == 0 ? 1 : random.nextInt(classes); // row 0 is never ignored
            }
            return Tensor.of(indices);
        }
        return Fixtures.softmaxRows(Fixtures.logits(random, rows, classes, 2.0));
    }

    @Test
    void crossEntropyHessianOnLogitsMatchesFiniteDifferencesWithClassWeightsAndLabelSmoothing() {
        qt().withFixedSeed(SEED).withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            int rows = 1 + random.nextInt(5);
            int classes = 2 + random.nextInt(5);
            boolean indexTargets = random.nextBoolean();
            Map<String, Object> parameters = randomParameters(random, classes, indexTargets);
            double[] weights = new double[rows];
            for (int r = 0; r < rows; r++) {
                weights[r] = 0.1 + 2 * random.nextDouble();
            }
            assertHessianMatchesFiniteDifferences(loss("categorical_cross_entropy", parameters),
                    Fixtures.logits(random, rows, classes, 3.0), randomTargets(random, rows, classes, indexTargets),
                    random.nextBoolean() ? null : Tensor.of(weights));
        });
    }

    @Test
    void focalHessianOnLogitsMatchesFiniteDifferencesForEveryGamma() {
        qt().withFixedSeed(SEED).withExamples(150).forAll(doubles().between(0, 4), longs().all())
                .checkAssert((gamma, seed) -> {
                    Random random = new Random(seed);
                    int rows = 1 + random.nextInt(4);
                    int classes = 2 + random.nextInt(4);
                    boolean indexTargets = random.nextBoolean();
                    Map<String, Object> parameters = randomParameters(random, classes, indexTargets);
                    parameters.put("gamma", gamma);
                    parameters.put("alpha", 0.1 + random.nextDouble());
                    assertHessianMatchesFiniteDifferences(loss("categorical_focal_cross_entropy", parameters),
                            Fixtures.logits(random, rows, classes, 3.0),
                            randomTargets(random, rows, classes, indexTargets), null);
                });
    }

    @Test
    void hessianOnProbabilitiesMatchesFiniteDifferencesInsideTheClipRange() {
        qt().withFixedSeed(SEED).withExamples(100).forAll(doubles().between(0, 4), longs().all())
                .checkAssert((gamma, seed) -> {
                    Random random = new Random(seed);
                    int rows = 1 + random.nextInt(3);
                    int classes = 2 + random.nextInt(4);
                    Tensor probabilities = Fixtures.softmaxRows(Fixtures.logits(random, rows, classes, 1.0));
                    Tensor targets = randomTargets(random, rows, classes, true);
                    Map<String, Object> parameters = new HashMap<>(Map.of("reduction", "sum"));
                    // One coordinate at a time leaves the simplex; the loss's own check allows 1e-6 off.
                    assertHessianMatchesFiniteDifferences(loss("categorical_cross_entropy", parameters),
                            probabilities, targets, null);
                    parameters.put("gamma", gamma);
                    assertHessianMatchesFiniteDifferences(loss("categorical_focal_cross_entropy", parameters),
                            probabilities, targets, null);
                });
    }

    @Test
    void crossEntropyHessianIsTheClassWeightTimesPTimesOneMinusP() {
        Tensor logits = Tensor.of(new double[][] {{1.2, -0.8, -0.5}, {0.9, -1.2, 1.1}});
        GradientAndHessian both = loss("categorical_cross_entropy",
                Map.of("from_logits", true, "reduction", "sum", "class_weights", List.of(1.0, 2.0, 3.0)))
                .gradientAndHessian(logits, Tensor.of(0, 1), null);
        double[] expected = new double[6];
        double[] classWeightOfTarget = {1.0, 2.0};
        for (int r = 0; r < 2; r++) {
            double max = Math.max(logits.get(r, 0), Math.max(logits.get(r, 1), logits.get(r, 2)));
            double total = 0;
            for (int c = 0; c < 3; c++) {
                total += Math.exp(logits.get(r, c) - max);
            }
            for (int c = 0; c < 3; c++) {
                double p = Math.exp(logits.get(r, c) - max) / total;
                expected[r * 3 + c] = classWeightOfTarget[r] * p * (1 - p);
            }
        }
        assertArrayEquals(expected, both.hessianDiagonal().toArray(), 1e-15);
    }

    @Test
    void hessianIsFiniteAtExtremeLogitsAndNonNegativeForCrossEntropy() {
        double inf = Double.POSITIVE_INFINITY;
        Tensor logits = Tensor.of(new double[][] {{inf, 0, -inf}, {1e300, -1e300, 0}, {800, 0, -800}, {-inf, -inf, 0}});
        Tensor targets = Tensor.of(0, 0, 1, 2);
        for (double gamma : new double[] {0, 0.5, 2}) {
            double[] hessian = loss("categorical_focal_cross_entropy",
                    Map.of("from_logits", true, "gamma", gamma, "reduction", "none"))
                    .gradientAndHessian(logits, targets, null).hessianDiagonal().toArray();
            for (double h : hessian) {
                assertTrue(Double.isFinite(h), "gamma " + gamma + ": " + java.util.Arrays.toString(hessian));
            }
        }
        for (double h : loss("cce", Map.of("from_logits", true)).gradientAndHessian(logits, targets, null)
                .hessianDiagonal().toArray()) {
            assertTrue(h >= 0 && Double.isFinite(h), "cross-entropy hessian " + h);
        }
    }

    @Test
    void normalizedProbabilitiesHaveNoHessian() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss("cce", Map.of("normalize", true)).gradientAndHessian(
                        Tensor.of(new double[][] {{1, 3}}), Tensor.of(1), null));
        assertTrue(e.getMessage().contains("normalize"), e.getMessage());
    }
}
