package dev.xent.losses.multiclass;

import static dev.xent.losses.multiclass.Fixtures.crossEntropy;
import static dev.xent.losses.multiclass.Fixtures.focal;
import static dev.xent.losses.multiclass.Fixtures.oneHot;
import static dev.xent.losses.multiclass.Fixtures.softmaxRows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.xent.autodiff.Graph;
import dev.xent.core.Node;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The class-wise graphs build their target coefficients with {@code oneHot} and {@code where}; before,
 * the constant was filled row by row from {@link TargetCoefficients#fill}. Both expressions must give
 * the same bits (signs of zeros included) for the coefficients, the per-sample values and the
 * gradients, over index and distribution targets, class weights, ignore_index, label smoothing and
 * focal parameters.
 */
class TargetSelectionGraphTest {
    private static final double[] EXTREMES = {1e3, -1e3, 0.0, -0.0, Double.MIN_VALUE, 37, -37, 709, -745};
    private static final double[] SMOOTHING = {0.0, 0.1, 0.37, 0.9};

    /** The constant as the graph built it by hand: {@code -a * factor}, row by row. */
    private static Tensor handBuilt(ClassWiseLoss loss, Tensor targets, int rows, int classes, double factor) {
        TargetCoefficients coefficients = loss.coefficients(targets, classes);
        double[] all = new double[rows * classes];
        double[] a = new double[classes];
        CompensatedSum scratch = new CompensatedSum();
        for (int r = 0; r < rows; r++) {
            coefficients.fill(r, a, scratch);
            for (int c = 0; c < classes; c++) {
                all[r * classes + c] = a[c] * -factor;
            }
        }
        return Tensor.wrap(all, rows, classes);
    }

    private static long[] bits(Tensor t) {
        return Arrays.stream(t.toArray()).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void oneHotAndWhereGiveTheBitsOfTheHandBuiltCoefficients() {
        qt().withFixedSeed(20261203L).withExamples(400).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            int rows = 1 + random.nextInt(6);
            int classes = 1 + random.nextInt(5);
            boolean indices = random.nextBoolean();
            boolean fromLogits = random.nextBoolean();
            boolean isFocal = random.nextBoolean();
            List<Object> params = new ArrayList<>(List.of("from_logits", fromLogits,
                    "label_smoothing", SMOOTHING[random.nextInt(SMOOTHING.length)]));
            if (random.nextBoolean()) {
                double[] weights = new double[classes];
                for (int c = 0; c < classes; c++) {
                    weights[c] = random.nextInt(4) == 0 ? 1.0 : 0.05 + 3 * random.nextDouble();
                }
                params.addAll(List.of("class_weights", Arrays.stream(weights).boxed().toList()));
            }
            Integer ignoreIndex = indices && rows > 1 && random.nextBoolean()
                    ? (classes > 1 && random.nextBoolean() ? classes - 1 : -100) : null;
            if (ignoreIndex != null) {
                params.addAll(List.of("ignore_index", ignoreIndex));
            }
            double factor = 1.0;
            if (isFocal) {
                factor = random.nextBoolean() ? 0.25 : 0.1 + random.nextDouble();
                params.addAll(List.of("alpha", factor, "gamma", random.nextInt(3) == 0 ? 0.0 : 3 * random.nextDouble()));
            }
            if (!fromLogits && random.nextBoolean()) {
                params.addAll(List.of("normalize", true));
            }
            ClassWiseLoss loss = (ClassWiseLoss) (isFocal ? focal(params.toArray()) : crossEntropy(params.toArray()));

            double[] x = new double[rows * classes];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextInt(4) == 0 ? EXTREMES[random.nextInt(EXTREMES.length)] : 8 * (2 * random.nextDouble() - 1);
            }
            Tensor predictions = fromLogits ? Tensor.wrap(x, rows, classes) : softmaxRows(Tensor.wrap(x, rows, classes));
            double[] labels = new double[rows];
            for (int r = 0; r < rows; r++) {
                labels[r] = random.nextInt(classes);
            }
            Tensor targets;
            if (indices) {
                if (ignoreIndex != null) {
                    labels[0] = 0; // never ignored: some row is left to compute
                    labels[1 + random.nextInt(rows - 1)] = ignoreIndex;
                }
                targets = Tensor.wrap(labels, rows);
            } else if (random.nextBoolean()) {
                double[] q = oneHot(Tensor.wrap(labels, rows), classes).toArray();
                for (int i = 0; i < q.length; i++) {
                    q[i] = q[i] == 0 && random.nextBoolean() ? -0.0 : q[i]; // -0 is a valid target
                }
                targets = Tensor.wrap(q, rows, classes);
            } else {
                targets = softmaxRows(Fixtures.logits(random, rows, classes, 4));
            }
            loss.validate(predictions, targets);

            Node selected = Graph.constant(targets);
            Node newX = Graph.variable(predictions);
            Node newGraph = loss.graph(newX, selected);
            Node oldX = Graph.variable(predictions);
            Tensor oldCoefficients = handBuilt(loss, targets, rows, classes, factor);
            Node oldGraph = loss.graphWith(oldX, Graph.constant(oldCoefficients));
            String what = loss + " on " + targets + " and " + predictions;
            assertArrayEquals(bits(oldCoefficients), bits(loss.scaledCoefficients(newX, Graph.constant(targets)).value()), "coefficients of " + what);
            assertArrayEquals(bits(newGraph.value()), bits(oldGraph.value()), "values of " + what);
            newGraph.backward();
            oldGraph.backward();
            assertArrayEquals(bits(newX.gradient()), bits(oldX.gradient()), "gradients of " + what);
        });
    }
}
