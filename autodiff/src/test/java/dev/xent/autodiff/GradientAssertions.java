package dev.xent.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Node;
import dev.xent.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Checks backward against central finite differences for every input of an expression at once. */
final class GradientAssertions {
    /** Central differences with the default step are good to about 1e-9 on these well-scaled inputs. */
    static final double RELATIVE_TOLERANCE = 1e-6;
    private static final double ABSOLUTE_TOLERANCE = 1e-9;

    private GradientAssertions() {
    }

    /**
     * Makes every input a variable, runs backward through {@code f} once, and compares each input's
     * gradient with central differences. The output is multiplied by fixed, unequal weights first, so
     * that errors that cancel in a plain sum (e.g. in softmax, whose sum is constant) are caught.
     */
    static void assertGradientsMatch(Function<List<Node>, Node> f, Tensor... inputs) {
        List<Node> variables = new ArrayList<>();
        for (Tensor input : inputs) {
            variables.add(Graph.variable(input));
        }
        weighted(f.apply(variables)).backward();
        for (int k = 0; k < inputs.length; k++) {
            int which = k;
            Tensor numeric = GradientCheck.centralDifferences(t -> {
                List<Node> constants = new ArrayList<>();
                for (int j = 0; j < inputs.length; j++) {
                    constants.add(Graph.constant(j == which ? t : inputs[j]));
                }
                return weighted(f.apply(constants)).value().toArray();
            }, inputs[k], GradientCheck.DEFAULT_STEP);
            GradientCheck.Report report = GradientCheck.compare(numeric, variables.get(k).gradient());
            assertTrue(report.within(RELATIVE_TOLERANCE) || report.maxAbsoluteError() <= ABSOLUTE_TOLERANCE,
                    () -> "input " + which + " of " + List.of(inputs) + ": finite differences " + report.expected()
                            + " but backward " + report.actual() + " (relative error " + report.maxRelativeError() + ")");
        }
    }

    /** The node times {@code cos(1.7 i + 0.3) + 0.1} element by element. */
    private static Node weighted(Node node) {
        int[] shape = node.shape();
        double[] weights = new double[Generators.size(shape)];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.cos(1.7 * i + 0.3) + 0.1;
        }
        return node.mul(node.constant(Tensor.wrap(weights, shape)));
    }
}
