package dev.xent.losses.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.xent.autodiff.GradientCheck;
import dev.xent.autodiff.GraphEvaluation;
import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Reduction;
import dev.xent.core.Tensor;
import dev.xent.core.ValueAndGradient;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryLossPropertiesTest {
    /**
     * Fused kernel against the autodiff graph: the same formulas evaluated in a different order, so
     * they differ by a few roundings of the largest term; 1e-12 relative (infinity norm) leaves room
     * for ~1e4 ulps and would still catch any wrong term.
     */
    private static final double AUTODIFF_TOLERANCE = 1e-12;
    /**
     * Against central differences with step h = 6e-6 (cbrt of machine epsilon): truncation error is
     * h^2 |f'''| / 6 and |f'''| <= 2 / 0.02^3 = 2.5e5 on our probabilities (|f'''| <= 1 on logits), so
     * about 1.5e-6 absolute on gradients of up to 1 / 0.02 = 50; rounding adds eps |f| / h ~ 1e-10.
     * 1e-6 relative is therefore safe yet six orders tighter than a wrong formula.
     */
    private static final double FINITE_DIFFERENCE_TOLERANCE = 1e-6;

    @Test
    void lossIsNeverNegativeForEveryParameterCombination() {
        for (LossCases.Config config : LossCases.all()) {
            Loss loss = config.create();
            qt().withFixedSeed(LossCases.SEED).withExamples(20).forAll(longs().all()).checkAssert(seed -> {
                LossCases.Inputs in = LossCases.inputs(seed, config.fromLogits());
                for (double l : loss.perSample(in.predictions(), in.targets()).toArray()) {
                    assertTrue(l >= 0, () -> config + ": negative loss " + l + " for " + in);
                }
            });
        }
    }

    @Test
    void lossIsNeverNegativeNorNaNForRandomParameterValuesAndEdgeInputs() {
        double inf = Double.POSITIVE_INFINITY;
        Tensor edgeProbabilities = Tensor.of(0, 1, 1e-300, 1 - 1e-16, 0.5, 0, 1);
        Tensor edgeLogits = Tensor.of(inf, -inf, 1e300, -1e300, 1e-12, 0, -745);
        qt().withFixedSeed(LossCases.SEED).withExamples(300)
                .forAll(doubles().between(0, 5), doubles().between(1e-3, 10), doubles().between(0, 0.99), longs().all())
                .checkAssert((gamma, posWeight, smoothing, seed) -> {
                    Random random = new Random(seed);
                    boolean logits = random.nextBoolean();
                    double epsilon = random.nextBoolean() ? 0.0 : 0.49 * random.nextDouble();
                    Map<String, Object> common = Map.of("from_logits", logits, "epsilon", epsilon,
                            "label_smoothing", smoothing, "reduction", "none");
                    Map<String, Object> bceParameters = new java.util.HashMap<>(common);
                    bceParameters.put("pos_weight", posWeight);
                    Map<String, Object> focalParameters = new java.util.HashMap<>(common);
                    focalParameters.put("gamma", gamma);
                    focalParameters.put("alpha", random.nextBoolean() ? null : random.nextDouble());
                    Tensor edges = logits ? edgeLogits : edgeProbabilities;
                    double[] edgeTargets = new double[edges.size()];
                    for (int i = 0; i < edgeTargets.length; i++) {
                        edgeTargets[i] = random.nextBoolean() ? random.nextInt(2) : random.nextDouble();
                    }
                    LossCases.Inputs in = LossCases.inputs(seed, logits);
                    for (Loss loss : new Loss[] {Losses.create("bce", bceParameters), Losses.create("focal", focalParameters)}) {
                        double[] values = loss.perSample(in.predictions(), in.targets()).toArray();
                        double[] edgeValues = loss.perSample(edges, Tensor.of(edgeTargets)).toArray();
                        double[] edgeGradient = loss.gradient(edges, Tensor.of(edgeTargets)).toArray();
                        for (double l : values) {
                            assertTrue(l >= 0, () -> loss + ": loss " + l + " for " + in);
                        }
                        for (int i = 0; i < edgeValues.length; i++) {
                            int at = i;
                            assertTrue(edgeValues[i] >= 0, () -> loss + ": loss " + edgeValues[at] + " at " + edges.getFlat(at)
                                    + ", y = " + edgeTargets[at]);
                            assertFalse(Double.isNaN(edgeGradient[i]), () -> loss + ": NaN gradient at " + edges.getFlat(at)
                                    + ", y = " + edgeTargets[at]);
                        }
                    }
                });
    }

    @Test
    void analyticGradientMatchesAutodiffAndFiniteDifferencesForEveryLossParameterAndReduction() {
        for (LossCases.Config config : LossCases.all()) {
            Loss loss = config.create();
            qt().withFixedSeed(LossCases.SEED).withExamples(15).forAll(longs().all()).checkAssert(seed -> {
                LossCases.Inputs in = LossCases.inputs(seed, config.fromLogits());
                Tensor analytic = loss.gradient(in.predictions(), in.targets(), in.weights());
                Tensor autodiff = GraphEvaluation.gradient(loss, in.predictions(), in.targets(), in.weights());
                Tensor numeric = GradientCheck.centralDifferences(
                        p -> new double[] {objective(loss, p, in.targets(), in.weights())},
                        in.predictions(), GradientCheck.DEFAULT_STEP);
                var againstGraph = GradientCheck.compare(autodiff, analytic);
                var againstNumeric = GradientCheck.compare(numeric, analytic);
                assertTrue(againstGraph.within(AUTODIFF_TOLERANCE), () -> config + " " + in + ": " + againstGraph);
                assertTrue(againstNumeric.within(FINITE_DIFFERENCE_TOLERANCE), () -> config + " " + in + ": " + againstNumeric);
                Tensor graphValues = GraphEvaluation.perSample(loss, in.predictions(), in.targets());
                var values = GradientCheck.compare(graphValues, loss.perSample(in.predictions(), in.targets()));
                assertTrue(values.within(AUTODIFF_TOLERANCE), () -> config + " " + in + ": " + values);
                if (loss.reduction() != Reduction.NONE) {
                    double value = loss.value(in.predictions(), in.targets(), in.weights());
                    double graphValue = GraphEvaluation.value(loss, in.predictions(), in.targets(), in.weights());
                    assertEquals(graphValue, value, AUTODIFF_TOLERANCE * Math.max(1, Math.abs(value)), config::toString);
                }
            });
        }
    }

    @Test
    void valueAndGradientInOnePassHasTheBitsOfValueAndGradient() {
        for (LossCases.Config config : LossCases.all()) {
            Loss loss = config.create();
            if (loss.reduction() == Reduction.NONE) {
                continue;
            }
            qt().withFixedSeed(LossCases.SEED).withExamples(5).forAll(longs().all()).checkAssert(seed -> {
                LossCases.Inputs in = LossCases.inputs(seed, config.fromLogits());
                ValueAndGradient both = loss.valueAndGradient(in.predictions(), in.targets(), in.weights());
                assertEquals(loss.value(in.predictions(), in.targets(), in.weights()), both.value());
                assertArrayEquals(loss.gradient(in.predictions(), in.targets(), in.weights()).toArray(),
                        both.gradient().toArray());
            });
        }
    }

    @Test
    void logitsGiveTheSameLossAsProbabilitiesAtTheirSigmoid() {
        for (LossCases.Config config : LossCases.all()) {
            if (!config.fromLogits()) {
                continue;
            }
            Loss onLogits = config.create();
            Map<String, Object> probabilityParameters = new java.util.LinkedHashMap<>(config.parameters());
            probabilityParameters.put("from_logits", false);
            Loss onProbabilities = Losses.create(config.name(), probabilityParameters);
            qt().withFixedSeed(LossCases.SEED).withExamples(10).forAll(longs().all()).checkAssert(seed -> {
                LossCases.Inputs in = LossCases.inputs(seed, true);
                double[] x = in.predictions().toArray();
                double[] p = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    p[i] = 1 / (1 + Math.exp(-x[i])); // x in [-8, 8]: p in [3e-4, 0.9997], never clipped
                }
                Tensor probabilities = Tensor.wrap(p, in.predictions().shape());
                double[] fromLogits = onLogits.perSample(in.predictions(), in.targets()).toArray();
                double[] fromProbabilities = onProbabilities.perSample(probabilities, in.targets()).toArray();
                for (int i = 0; i < x.length; i++) {
                    // Rounding p costs log(1 - p) a relative 1e-16 / (1 - p) <= 1e-16 e^8 = 3e-13.
                    assertEquals(fromLogits[i], fromProbabilities[i], 1e-11 * Math.max(1, fromLogits[i]),
                            config + " at x = " + x[i]);
                }
            });
        }
    }

    @Test
    void lossIsSymmetricUnderSwappingClassesWithoutPosWeightOrAlpha() {
        for (LossCases.Config config : LossCases.all()) {
            if (config.parameters().containsKey("alpha") || config.parameters().get("pos_weight") instanceof Double pw && pw != 1.0) {
                continue;
            }
            Loss loss = config.create();
            qt().withFixedSeed(LossCases.SEED).withExamples(10).forAll(longs().all()).checkAssert(seed -> {
                LossCases.Inputs in = LossCases.inputs(seed, config.fromLogits());
                double[] p = in.predictions().toArray();
                double[] y = in.targets().toArray();
                double[] mirroredP = new double[p.length];
                double[] mirroredY = new double[y.length];
                for (int i = 0; i < p.length; i++) {
                    mirroredP[i] = config.fromLogits() ? -p[i] : 1 - p[i];
                    mirroredY[i] = 1 - y[i];
                }
                int[] shape = in.predictions().shape();
                double[] original = loss.perSample(in.predictions(), in.targets()).toArray();
                double[] mirrored = loss.perSample(Tensor.wrap(mirroredP, shape), Tensor.wrap(mirroredY, shape)).toArray();
                for (int i = 0; i < p.length; i++) {
                    // 1 - (1 - y) and 1 - (1 - p) differ from y and p by an ulp of 1.
                    assertEquals(original[i], mirrored[i], 1e-12 * Math.max(1, original[i]), config + " at " + i);
                }
            });
        }
    }

    @Test
    void lossIsZeroAtPerfectPredictions() {
        Tensor targets = Tensor.of(0, 1, 1, 0);
        Tensor probabilities = targets;
        Tensor logits = Tensor.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        for (LossCases.Config config : LossCases.all()) {
            if ((Double) config.parameters().get("label_smoothing") != 0.0) {
                continue;
            }
            Map<String, Object> parameters = new java.util.LinkedHashMap<>(config.parameters());
            parameters.put("epsilon", 0.0);
            Loss loss = Losses.create(config.name(), parameters);
            Tensor predictions = config.fromLogits() ? logits : probabilities;
            assertArrayEquals(new double[4], loss.perSample(predictions, targets).toArray(), config.toString());
            double[] gradient = loss.gradient(predictions, targets).toArray();
            if (config.fromLogits()) {
                assertArrayEquals(new double[4], gradient, config.toString());
            } else {
                // At a boundary of [0, 1] the minimum is one-sided: the slope points back into the interval.
                for (int i = 0; i < 4; i++) {
                    assertTrue(targets.getFlat(i) == 0 ? gradient[i] >= 0 : gradient[i] <= 0, config + " at " + i);
                }
            }
        }
    }

    @Test
    void crossEntropyOfSoftLabelsIsSmallestAtTheSmoothedLabel() {
        for (double smoothing : new double[] {0.0, 0.3}) {
            Loss bce = Losses.create("bce", Map.of("label_smoothing", smoothing, "reduction", "none"));
            Loss focalWithoutFocus = Losses.create("focal", Map.of("gamma", 0.0, "label_smoothing", smoothing, "reduction", "none"));
            qt().withFixedSeed(LossCases.SEED).withExamples(200).forAll(doubles().between(0, 1), doubles().between(0.001, 0.01))
                    .checkAssert((y, step) -> {
                        double best = y * (1 - smoothing) + smoothing / 2;
                        if (best - step <= 1e-7 || best + step >= 1 - 1e-7) {
                            return; // the neighbours would be clipped
                        }
                        for (Loss loss : new Loss[] {bce, focalWithoutFocus}) {
                            double atBest = loss.perSample(Tensor.of(best), Tensor.of(y)).item();
                            assertTrue(atBest < loss.perSample(Tensor.of(best - step), Tensor.of(y)).item(), "below " + best);
                            assertTrue(atBest < loss.perSample(Tensor.of(best + step), Tensor.of(y)).item(), "above " + best);
                            // -y'/p + (1 - y')/(1 - p) vanishes at p = y' up to the rounding of its two terms.
                            double slope = loss.gradient(Tensor.of(best), Tensor.of(y)).item();
                            assertEquals(0, slope, 1e-12 / Math.min(best, 1 - best));
                        }
                    });
        }
    }

    /** The scalar whose gradient {@link Loss#gradient} is: the value, or for none the weighted sum. */
    private static double objective(Loss loss, Tensor predictions, Tensor targets, Tensor weights) {
        if (loss.reduction() != Reduction.NONE) {
            return loss.value(predictions, targets, weights);
        }
        double[] perSample = loss.perSample(predictions, targets).toArray();
        int rowLength = predictions.rowLength();
        double sum = 0;
        for (int i = 0; i < perSample.length; i++) {
            sum += (weights == null ? 1 : weights.getFlat(i / rowLength)) * perSample[i];
        }
        return sum;
    }
}
