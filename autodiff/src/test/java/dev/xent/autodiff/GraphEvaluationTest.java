package dev.xent.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.Node;
import dev.xent.core.Reduction;
import dev.xent.core.Tensor;
import dev.xent.core.ValueAndGradient;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A loss defined only by its graph gets per-sample values, weights, reductions and gradients from the engine. */
class GraphEvaluationTest {
    private static final Tensor P = Tensor.of(1, 2, 4);
    private static final Tensor Y = Tensor.of(0, 2, 1);          // per-sample losses 1, 0, 9
    private static final Tensor W = Tensor.of(2, 5, 1);
    private static final Tensor P_MATRIX = Tensor.of(new double[][] {{1, 2}, {3, 4}});
    private static final Tensor Y_MATRIX = Tensor.of(new double[][] {{0, 0}, {1, 1}}); // losses 1, 4 / 4, 9

    /** Squared error whose MEAN denominator weighs each element by {@code 1 + target}, like a class weight. */
    private static Loss withMeanWeights(Tensor meanWeights) {
        return new SquaredError("mean") {
            @Override
            public Optional<Tensor> meanWeights(Tensor predictions, Tensor targets) {
                return Optional.of(meanWeights);
            }
        };
    }

    @Test
    void theLossDescribesItself() {
        Loss loss = new SquaredError("sum");
        assertEquals("squared_error", loss.name());
        assertEquals(Map.of("reduction", "sum"), loss.parameters());
        assertEquals(Reduction.SUM, loss.reduction());
        assertEquals(InputSpace.REAL, loss.inputSpace());
        assertEquals("squared_error{reduction=sum}", loss.toString());
    }

    @Test
    void aLossWithoutAReductionParameterAverages() {
        Loss loss = new AbstractGraphLoss("plain", ParameterValues.resolve("plain", List.of(), Map.of()), InputSpace.REAL) {
            @Override
            public Node graph(Node predictions, Node targets) {
                return predictions.sub(targets).abs();
            }
        };
        assertEquals(Reduction.MEAN, loss.reduction());
        assertEquals(2.0, loss.value(Tensor.of(1, -3), Tensor.of(0, 0)));
    }

    @Test
    void perSampleLossesComeFromTheGraph() {
        assertEquals(Tensor.of(1, 0, 9), new SquaredError("none").perSample(P, Y));
        assertEquals(Tensor.of(new double[][] {{1, 4}, {4, 9}}), new SquaredError("mean").perSample(P_MATRIX, Y_MATRIX));
    }

    @Test
    void meanDividesTheWeightedSumByTheTotalWeight() {
        Loss mean = new SquaredError("mean");
        assertEquals(10.0 / 3, mean.value(P, Y), 1e-15);
        assertEquals((2 * 1 + 5 * 0 + 1 * 9) / 8.0, mean.value(P, Y, W), 1e-15);
    }

    @Test
    void aRowWeightAppliesToEachElementOfItsRowAndCountsOncePerElement() {
        Tensor rowWeights = Tensor.of(1, 3);
        double weightedSum = 1 * (1 + 4) + 3 * (4 + 9);
        assertEquals(weightedSum / (2 * (1 + 3)), new SquaredError("mean").value(P_MATRIX, Y_MATRIX, rowWeights), 1e-15);
        assertEquals(weightedSum, new SquaredError("sum").value(P_MATRIX, Y_MATRIX, rowWeights), 1e-15);
    }

    @Test
    void sumAddsTheWeightedLosses() {
        Loss sum = new SquaredError("sum");
        assertEquals(10.0, sum.value(P, Y));
        assertEquals(11.0, sum.value(P, Y, W));
    }

    @Test
    void noneHasNoValueButGivesEachElementsGradient() {
        Loss none = new SquaredError("none");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> none.value(P, Y));
        assertTrue(e.getMessage().startsWith("squared_error: reduction none gives no single value"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> none.valueAndGradient(P, Y));
        assertThrows(IllegalStateException.class, () -> none.valueAndGradient(P, Y, W, new double[3]));
        assertEquals(Tensor.of(2, 0, 6), none.gradient(P, Y));             // 2 (p - y)
        assertEquals(Tensor.of(4, 0, 6), none.gradient(P, Y, W));          // times the sample weight
    }

    @Test
    void meanWeightsFormTheDenominatorOfTheMean() {
        Tensor meanWeights = Tensor.of(1, 0, 2);
        Loss loss = withMeanWeights(meanWeights);
        assertEquals(10.0 / 3, loss.value(P, Y), 1e-15);                   // sum l / sum m
        assertEquals(11.0 / (2 * 1 + 5 * 0 + 1 * 2), loss.value(P, Y, W), 1e-15); // sum s l / sum s m
        assertEquals(Tensor.of(2.0 / 3, 0, 6.0 / 3), loss.gradient(P, Y));
    }

    @Test
    void zeroTotalWeightIsAClearError() {
        IllegalArgumentException ignored = assertThrows(IllegalArgumentException.class,
                () -> withMeanWeights(Tensor.zeros(3)).value(P, Y));
        assertEquals("squared_error: the mean has nothing to average (total weight 0.0): every row is ignored or "
                + "has zero weight", ignored.getMessage());
        IllegalArgumentException weightless = assertThrows(IllegalArgumentException.class,
                () -> withMeanWeights(Tensor.of(1, 0, 0)).value(P, Y, Tensor.of(0, 1, 1)));
        assertTrue(weightless.getMessage().contains("nothing to average"), weightless.getMessage());
        IllegalArgumentException zeroSampleWeights = assertThrows(IllegalArgumentException.class,
                () -> new SquaredError("mean").value(P, Y, Tensor.zeros(3)));
        assertEquals("all 3 sample weights are zero", zeroSampleWeights.getMessage());
    }

    @Test
    void meanWeightsOfTheWrongSizeAreReported() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> withMeanWeights(Tensor.of(1, 1)).value(P, Y));
        assertEquals("squared_error: meanWeights has 2 values but there are 3 per-sample losses", e.getMessage());
    }

    @Test
    void gradientsMatchFiniteDifferencesOfTheValueForEveryReductionAndWeighting() {
        for (Loss loss : List.of(new SquaredError("mean"), new SquaredError("sum"), withMeanWeights(Tensor.of(1, 0.5)))) {
            for (Tensor weights : Arrays.asList(null, Tensor.of(0.25, 3))) {
                Tensor p = Tensor.of(new double[][] {{0.3, -1.2}, {2.5, 0.7}});
                Tensor y = Tensor.of(new double[][] {{1, 0}, {0.5, -2}});
                Loss perRow = rowWise(loss);
                Tensor numeric = GradientCheck.centralDifferences(t -> perRow.value(t, y, weights), p);
                GradientCheck.Report report = GradientCheck.compare(numeric, perRow.gradient(p, y, weights));
                assertTrue(report.within(1e-8), loss + " weights " + weights + ": " + report);
            }
        }
    }

    /** The loss summed over each row, so that a mean weight per row applies. */
    private static Loss rowWise(Loss loss) {
        return new AbstractGraphLoss(loss.name(), ParameterValues.resolve(loss.name(), List.of(Parameter.reduction()),
                Map.of("reduction", loss.reduction().jsonName())), InputSpace.REAL) {
            @Override
            public Node graph(Node predictions, Node targets) {
                return loss.graph(predictions, targets).sum(1);
            }

            @Override
            public Optional<Tensor> meanWeights(Tensor predictions, Tensor targets) {
                return loss.meanWeights(predictions, targets);
            }
        };
    }

    @Test
    void valueAndGradientAgreeWithValueAndGradientAndOverwriteTheBuffer() {
        Loss loss = new SquaredError("mean");
        ValueAndGradient both = loss.valueAndGradient(P, Y, W);
        assertEquals(loss.value(P, Y, W), both.value());
        assertEquals(loss.gradient(P, Y, W), both.gradient());
        assertEquals(Tensor.of(2 * 2 * 1 / 8.0, 0, 2 * 3 * 1 / 8.0), both.gradient());

        double[] buffer = {7, 7, 7};
        assertEquals(both.value(), loss.valueAndGradient(P, Y, W, buffer));
        assertArrayEquals(both.gradient().toArray(), buffer);
        assertEquals(loss.valueAndGradient(P, Y), new ValueAndGradient(loss.value(P, Y), loss.gradient(P, Y)));
    }

    @Test
    void aGradientBufferOfTheWrongLengthIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SquaredError("mean").valueAndGradient(P, Y, null, new double[2]));
        assertEquals("gradient buffer holds 2 values; predictions have 3", e.getMessage());
    }

    @Test
    void inputsAndWeightsAreValidatedBeforeComputing() {
        Loss loss = new SquaredError("mean");
        IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class,
                () -> loss.value(P, Tensor.of(1, 2)));
        assertEquals("shape mismatch: predictions [3] but targets [2]", shapes.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> loss.gradient(Tensor.of(1, Double.NaN, 0), Y));
        assertEquals("prediction at index 1 is NaN; must be finite", nan.getMessage());
        IllegalArgumentException weights = assertThrows(IllegalArgumentException.class,
                () -> loss.value(P, Y, Tensor.of(1, 1)));
        assertEquals("sample weights must be a vector of 3 values (one per row); shape is [2]", weights.getMessage());
        assertThrows(IllegalArgumentException.class, () -> loss.perSample(P, Tensor.of(1, 2)));
    }

    @Test
    void theDocumentedBrierScoreExampleWorks() {
        Loss brier = new AbstractGraphLoss("brier_score", ParameterValues.resolve("brier_score", List.of(), Map.of()),
                InputSpace.ELEMENTWISE_PROBABILITIES) {
            @Override
            public Node graph(Node p, Node y) {
                Node d = p.sub(y);
                return d.mul(d);
            }
        };
        assertEquals((0.01 + 0.04) / 2, brier.value(Tensor.of(0.9, 0.2), Tensor.of(1, 0)), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> brier.value(Tensor.of(1.5, 0.2), Tensor.of(1, 0)));
        assertEquals("prediction at index 0 is 1.5; allowed: [0, 1]", e.getMessage());
    }
}
