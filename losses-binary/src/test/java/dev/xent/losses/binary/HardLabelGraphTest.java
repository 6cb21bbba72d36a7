package dev.xent.losses.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.xent.autodiff.Graph;
import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Node;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With hard labels and constant targets the binary graphs on logits use {@code z = (1 - 2y) x}
 * ({@code softplus(z)}, {@code sigmoid(z)}); with targets that need a gradient they use the general
 * expression. Both are the same loss: the same bits for finite logits, the limits where the general
 * expression gives {@code 0 * inf = NaN}.
 */
class HardLabelGraphTest {
    private static final double[] LOGITS = {0, -0.0, 1e-300, -1e-8, 0.5, -0.5, 3, -3, 36.7, -36.7, 40, -40, 745, -745, 1e3, -1e3};

    private static final List<Loss> LOSSES = List.of(
            Losses.create("binary_cross_entropy", Map.of("from_logits", true)),
            Losses.create("binary_cross_entropy", Map.of("from_logits", true, "pos_weight", 2.5)),
            Losses.create("binary_focal_cross_entropy", Map.of("from_logits", true)),
            Losses.create("binary_focal_cross_entropy", Map.of("from_logits", true, "gamma", 0.5, "alpha", 0.25)),
            Losses.create("binary_focal_cross_entropy", Map.of("from_logits", true, "gamma", 3.0)));

    @Test
    void hardLabelGraphHasTheValuesOfTheGeneralExpressionAndItsGradientsWithinAnUlpOrTwo() {
        for (double label : new double[] {0, 1}) {
            Tensor x = Tensor.of(LOGITS);
            Tensor y = Tensor.filled(label, LOGITS.length);
            for (Loss loss : LOSSES) {
                Node hardX = Graph.variable(x);
                Node hard = loss.graph(hardX, Graph.constant(y));
                Node generalX = Graph.variable(x);
                Node general = loss.graph(generalX, Graph.variable(y));
                assertArrayEquals(general.value().toArray(), hard.value().toArray(), 0.0, loss + " at y = " + label);
                hard.backward();
                general.backward();
                double[] expected = generalX.gradient().toArray();
                double[] actual = hardX.gradient().toArray();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 4 * Math.ulp(expected[i]), loss + " at x = " + LOGITS[i] + ", y = " + label);
                }
            }
        }
    }

    @Test
    void hardLabelGraphGivesTheLimitsAtInfiniteLogits() {
        Tensor x = Tensor.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        Tensor y = Tensor.of(1, 0, 0, 1);
        for (Loss loss : LOSSES) {
            double[] values = loss.graph(Graph.constant(x), Graph.constant(y)).value().toArray();
            assertEquals(0.0, values[0], loss.toString());
            assertEquals(0.0, values[1], loss.toString());
            assertEquals(Double.POSITIVE_INFINITY, values[2], loss.toString());
            assertEquals(Double.POSITIVE_INFINITY, values[3], loss.toString());
        }
    }

    @Test
    void byLabelIsTheConstantBuiltByHandBitForBitSoTheGraphsKeepTheirBits() {
        // The hard-label graphs multiply by this constant; before `where` it was filled in a loop.
        Node labels = Graph.constant(Tensor.of(new double[][] {{1, 0, 0}, {0, 1, 1}}));
        Node byLabel = BinaryLogLoss.byLabel(labels, 0.25, 1 - 0.25);
        assertArrayEquals(new double[] {0.25, 0.75, 0.75, 0.75, 0.25, 0.25}, byLabel.value().toArray(), 0.0);
        assertArrayEquals(new int[] {2, 3}, byLabel.shape());
        assertEquals(false, byLabel.requiresGradient());
    }

    @Test
    void hardLabelSignsAreOneMinusTwiceTheLabelOnEveryChunkAndNullWithOneSoftLabelAnywhere() {
        int size = 3 * ElementwiseReduction.GRAIN + 5;
        double[] labels = new double[size];
        for (int i = 0; i < size; i++) {
            labels[i] = (i * 7) % 3 == 0 ? 1 : 0;
        }
        int original = Parallelism.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                Parallelism.setThreads(threads);
                double[] signs = BinaryLogLoss.hardLabelSigns(Graph.constant(Tensor.wrap(labels, size)), 0.0).toArray();
                for (int i = 0; i < size; i++) {
                    assertEquals(1 - 2 * labels[i], signs[i], threads + " threads, element " + i);
                }
                for (int soft : new int[] {0, ElementwiseReduction.GRAIN, size - 1}) {
                    double[] withSoft = labels.clone();
                    withSoft[soft] = 0.5;
                    assertNull(BinaryLogLoss.hardLabelSigns(Graph.constant(Tensor.wrap(withSoft, size)), 0.0),
                            threads + " threads, soft label at " + soft);
                }
            }
        } finally {
            Parallelism.setThreads(original);
        }
    }
}
