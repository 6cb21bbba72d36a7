package dev.xent.losses.multiclass;

import static dev.xent.losses.multiclass.Fixtures.relativeError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.xent.autodiff.GradientCheck;
import dev.xent.autodiff.GraphEvaluation;
import dev.xent.core.Loss;
import dev.xent.core.Reduction;
import dev.xent.core.Tensor;
import dev.xent.core.ValueAndGradient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The fused kernel, the autodiff graph ({@link GraphEvaluation}) and central finite differences agree for
 * every parameter combination and reduction.
 *
 * <p>Tolerances: kernel vs graph compute the same closed forms in a different order, so they agree to
 * a few ulps; 1e-12 (relative, infinity norm) leaves room for the row-sum, log-sum-exp and
 * compensated-sum differences. Central differences with step h have truncation error about
 * (h / x)^2 relative, x the scale on which f curves (1 for logits, the probability itself for
 * probabilities, down to 0.004 here), and rounding error about eps |f| / h. Logits use the default
 * h = 6e-6 (both errors near 1e-10); probabilities use h = 2e-7, which also keeps a perturbed row
 * summing to 1 within 1e-6 ((2e-7 / 0.004)^2 = 3e-9, rounding 1e-9). 1e-6 is far above both and far
 * below any real mistake (a wrong term changes the gradient by O(1)).
 */
class GradientAgreementTest {
    private static final double KERNEL_VS_GRAPH = 1e-12;
    private static final double FINITE_DIFFERENCES = 1e-6;
    /** Small enough for probabilities near 0.004 and for rows that must keep summing to 1 within 1e-6. */
    private static final double PROBABILITY_STEP = 2e-7;
    private static final int ROWS = 5;
    private static final int CLASSES = 4;
    private static final List<Double> CLASS_WEIGHTS = List.of(0.7, 1.3, 2.0, 0.4);
    private static final int IGNORE = -1;

    private enum Space { LOGITS, PROBABILITIES, UNNORMALIZED_PROBABILITIES }

    private record Case(Map<String, Object> params, boolean focal, Space space, boolean indexTargets,
                        boolean sampleWeights) {
        Loss loss() {
            return focal ? new CategoricalFocalCrossEntropyProvider().create(params)
                    : new CategoricalCrossEntropyProvider().create(params);
        }

        @Override
        public String toString() {
            return (focal ? "focal " : "cce ") + space + (indexTargets ? " index" : " distribution")
                    + (sampleWeights ? " sample-weighted " : " ") + params;
        }
    }

    private static List<Case> everyCombination() {
        List<Case> cases = new ArrayList<>();
        List<Map<String, Object>> focalSettings = List.of(
                Fixtures.params(), Fixtures.params("gamma", 2.0, "alpha", 0.25), Fixtures.params("gamma", 0.5, "alpha", 1.0));
        for (int f = 0; f < focalSettings.size(); f++) {
            for (Space space : Space.values()) {
                for (boolean index : new boolean[] {true, false}) {
                    for (boolean weighted : new boolean[] {false, true}) {
                        for (boolean ignore : index ? new boolean[] {false, true} : new boolean[] {false}) {
                            for (double smoothing : new double[] {0.0, 0.15}) {
                                for (Reduction reduction : Reduction.values()) {
                                    for (boolean sampleWeights : new boolean[] {false, true}) {
                                        Map<String, Object> p = Fixtures.params();
                                        p.putAll(focalSettings.get(f));
                                        p.put("from_logits", space == Space.LOGITS);
                                        p.put("normalize", space == Space.UNNORMALIZED_PROBABILITIES);
                                        if (weighted) {
                                            p.put("class_weights", CLASS_WEIGHTS);
                                        }
                                        if (ignore) {
                                            p.put("ignore_index", IGNORE);
                                        }
                                        p.put("label_smoothing", smoothing);
                                        p.put("reduction", reduction.jsonName());
                                        cases.add(new Case(p, f > 0, space, index, sampleWeights));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return cases;
    }

    private static Tensor predictions(Space space, Random random) {
        Tensor logits = Fixtures.logits(random, ROWS, CLASSES, 3.0);
        if (space == Space.LOGITS) {
            return logits;
        }
        Tensor p = Fixtures.softmaxRows(logits);
        if (space == Space.PROBABILITIES) {
            return p;
        }
        double[] scaled = p.toArray();
        for (int r = 0; r < ROWS; r++) {
            double scale = 0.5 + 2.5 * random.nextDouble();
            for (int c = 0; c < CLASSES; c++) {
                scaled[r * CLASSES + c] *= scale;
            }
        }
        return Tensor.wrap(scaled, ROWS, CLASSES);
    }

    private static Tensor targets(Case c, Random random) {
        if (!c.indexTargets) {
            return Fixtures.distributions(random, ROWS, CLASSES);
        }
        double[] y = Fixtures.labels(random, ROWS, CLASSES).toArray();
        if (c.params.containsKey("ignore_index")) {
            y[1] = IGNORE;
        }
        return Tensor.wrap(y, ROWS);
    }

    /** The scalar whose gradient {@code gradient()} returns: the value, or for none sum_i s_i l_i. */
    private static double objective(Loss loss, Tensor p, Tensor t, Tensor s) {
        if (loss.reduction() != Reduction.NONE) {
            return loss.value(p, t, s);
        }
        Tensor perSample = loss.perSample(p, t);
        double total = 0;
        for (int i = 0; i < perSample.size(); i++) {
            total += (s == null ? 1.0 : s.getFlat(i)) * perSample.getFlat(i);
        }
        return total;
    }

    private static void assertAgreement(Case c, Random random) {
        Loss loss = c.loss();
        Tensor p = predictions(c.space, random);
        Tensor t = targets(c, random);
        Tensor s = c.sampleWeights ? Fixtures.sampleWeights(random, ROWS) : null;

        Tensor analytic = loss.gradient(p, t, s);
        Tensor graph = GraphEvaluation.gradient(loss, p, t, s);
        assertTrue(relativeError(graph, analytic) <= KERNEL_VS_GRAPH,
                () -> c + ": kernel " + analytic + " vs graph " + graph);
        assertTrue(relativeError(GraphEvaluation.perSample(loss, p, t), loss.perSample(p, t)) <= KERNEL_VS_GRAPH,
                () -> c + ": per-sample losses differ");

        double step = c.space == Space.LOGITS ? GradientCheck.DEFAULT_STEP : PROBABILITY_STEP;
        Function<Tensor, double[]> f = x -> new double[] {objective(loss, x, t, s)};
        Tensor numeric = GradientCheck.centralDifferences(f, p, step);
        assertTrue(relativeError(numeric, analytic) <= FINITE_DIFFERENCES,
                () -> c + ": kernel " + java.util.Arrays.toString(analytic.toArray()) + " vs finite differences " + java.util.Arrays.toString(numeric.toArray()));

        if (loss.reduction() != Reduction.NONE) {
            double value = loss.value(p, t, s);
            assertTrue(relativeError(GraphEvaluation.value(loss, p, t, s), value) <= KERNEL_VS_GRAPH,
                    () -> c + ": value differs from the graph's");
            ValueAndGradient both = loss.valueAndGradient(p, t, s);
            assertEquals(value, both.value(), 0.0, c::toString);
            assertArrayEquals(analytic.toArray(), both.gradient().toArray(), 0.0, c::toString);
        }
    }

    @Test
    void kernelGraphAndFiniteDifferencesAgreeForEveryParameterCombinationAndReduction() {
        Random random = new Random(20261123L);
        List<Case> cases = everyCombination();
        assertEquals(3 * 3 * (2 * 2 + 2) * 2 * 3 * 2, cases.size());
        for (Case c : cases) {
            assertAgreement(c, random);
        }
    }

    @Test
    void kernelAndGraphAgreeOnRandomShapesAndLogits() {
        qt().withFixedSeed(20261123L).withExamples(200)
                .forAll(integers().between(1, 7), integers().between(1, 9), longs().all())
                .checkAssert((rows, classes, seed) -> {
                    Random random = new Random(seed);
                    Tensor x = Fixtures.logits(random, rows, classes, 20.0);
                    Tensor y = Fixtures.labels(random, rows, classes);
                    for (Loss loss : List.of(Fixtures.crossEntropy("from_logits", true, "label_smoothing", 0.1),
                            Fixtures.focal("from_logits", true, "gamma", 1.5))) {
                        assertTrue(relativeError(GraphEvaluation.gradient(loss, x, y, null), loss.gradient(x, y)) <= KERNEL_VS_GRAPH,
                                () -> loss + " at " + x + " " + y);
                        assertTrue(relativeError(GraphEvaluation.value(loss, x, y, null), loss.value(x, y)) <= KERNEL_VS_GRAPH,
                                () -> loss + " at " + x + " " + y);
                    }
                });
    }
}
