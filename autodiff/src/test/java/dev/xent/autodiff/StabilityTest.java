package dev.xent.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Node;
import dev.xent.core.Tensor;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Extreme inputs: ±1e3, ±1e4, ±1e-300, 0 and ±inf. Expected values and gradients are the
 * mathematical limits; where PyTorch 1.13 (float64) is finite they equal its output
 * ({@code torch.sigmoid}, {@code F.logsigmoid}, {@code torch.logsumexp}, {@code torch.log_softmax},
 * then {@code .sum().backward()}). PyTorch's own softplus overflows to inf (gradient NaN) at 1e3 when
 * its threshold is disabled, and its log_softmax gives NaN at +inf: xent gives the limits instead.
 */
class StabilityTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double LN2 = Math.log(2);

    /** One op at one input, with the value and gradient it must give. */
    record Case(String name, UnaryOperator<Node> op, double input, double value, double gradient) {
        @Override
        public String toString() {
            return name + "(" + input + ")";
        }
    }

    static Stream<Case> scalarCases() {
        UnaryOperator<Node> sigmoid = Node::sigmoid;
        UnaryOperator<Node> softplus = Node::softplus;
        UnaryOperator<Node> logSigmoid = Node::logSigmoid;
        return Stream.of(
                new Case("sigmoid", sigmoid, 1e3, 1, 0),
                new Case("sigmoid", sigmoid, -1e3, 0, 0),
                new Case("sigmoid", sigmoid, 1e-300, 0.5, 0.25),
                new Case("sigmoid", sigmoid, -1e-300, 0.5, 0.25),
                new Case("sigmoid", sigmoid, 0, 0.5, 0.25),
                new Case("sigmoid", sigmoid, INF, 1, 0),
                new Case("sigmoid", sigmoid, -INF, 0, 0),
                new Case("softplus", softplus, 1e4, 1e4, 1),
                new Case("softplus", softplus, -1e4, 0, 0),
                new Case("softplus", softplus, 1e3, 1e3, 1),
                new Case("softplus", softplus, -1e3, 0, 0),
                new Case("softplus", softplus, 1e-300, LN2, 0.5),
                new Case("softplus", softplus, -1e-300, LN2, 0.5),
                new Case("softplus", softplus, 0, LN2, 0.5),
                new Case("softplus", softplus, INF, INF, 1),
                new Case("softplus", softplus, -INF, 0, 0),
                new Case("logSigmoid", logSigmoid, 1e4, 0, 0),
                new Case("logSigmoid", logSigmoid, -1e4, -1e4, 1),
                new Case("logSigmoid", logSigmoid, 1e3, 0, 0),
                new Case("logSigmoid", logSigmoid, -1e3, -1e3, 1),
                new Case("logSigmoid", logSigmoid, 1e-300, -LN2, 0.5),
                new Case("logSigmoid", logSigmoid, 0, -LN2, 0.5),
                new Case("logSigmoid", logSigmoid, INF, 0, 0),
                new Case("logSigmoid", logSigmoid, -INF, -INF, 1),
                new Case("tanh", Node::tanh, 1e3, 1, 0),
                new Case("tanh", Node::tanh, -1e3, -1, 0),
                new Case("tanh", Node::tanh, 1e-300, 1e-300, 1),
                new Case("exp", Node::exp, -1e3, 0, 0),
                new Case("exp", Node::exp, 1e-300, 1, 1),
                new Case("exp", Node::exp, 0, 1, 1),
                new Case("log", Node::log, 1e-300, -690.7755278982137, 1e300),
                new Case("log", Node::log, 1e3, 6.907755278982137, 1e-3),
                new Case("log", Node::log, 0, -INF, INF),
                new Case("log1p", Node::log1p, 1e-300, 1e-300, 1),
                new Case("log1p", Node::log1p, -1e-300, -1e-300, 1),
                new Case("relu", Node::relu, 0, 0, 0),
                new Case("relu", Node::relu, 1e-300, 1e-300, 1),
                new Case("relu", Node::relu, -1e-300, 0, 0),
                new Case("abs", Node::abs, 0, 0, 0),
                new Case("abs", Node::abs, -1e-300, 1e-300, -1),
                new Case("clamp(0, 1) at a bound", x -> x.clamp(0, 1), 0, 0, 1),
                new Case("clamp(0, 1) at a bound", x -> x.clamp(0, 1), 1, 1, 1),
                new Case("clamp(0, 1)", x -> x.clamp(0, 1), 1e3, 1, 0),
                new Case("clamp(0, 1)", x -> x.clamp(0, 1), -1e3, 0, 0),
                new Case("pow(0.5)", x -> x.pow(0.5), 1e-300, 1e-150, 5e149),
                new Case("pow(0)", x -> x.pow(0), 0, 1, 0),
                new Case("pow(2)", x -> x.pow(2), 0, 0, 0),
                new Case("1 / x", x -> x.constant(Tensor.scalar(1)).div(x), 1e-300, 1e300, -INF),
                new Case("max(x, 0)", x -> x.max(x.constant(Tensor.scalar(0))), 0, 0, 1),
                new Case("neg", Node::neg, -1e3, 1e3, -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scalarCases")
    void extremeInputsGiveTheLimitingValueAndGradient(Case c) {
        Node x = Graph.variable(Tensor.scalar(c.input()));
        Node y = c.op().apply(x);
        y.backward();
        assertClose(c.value(), y.value().item(), "value");
        assertClose(c.gradient(), x.gradient().item(), "gradient");
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(expected, actual, 1e-15 * Math.max(1e-300, Math.abs(expected)), what);
        }
    }

    @Test
    void logSumExpSubtractsTheMaximum() {
        assertAxisOp(x -> x.logSumExp(0), new double[] {1000, 1000}, new double[] {1000 + LN2}, new double[] {0.5, 0.5});
        assertAxisOp(x -> x.logSumExp(0), new double[] {-1000, -1000}, new double[] {-1000 + LN2}, new double[] {0.5, 0.5});
        assertAxisOp(x -> x.logSumExp(0), new double[] {1000, 0}, new double[] {1000}, new double[] {1, 0});
        assertAxisOp(x -> x.logSumExp(0), new double[] {INF, 0}, new double[] {INF}, new double[] {1, 0});
        assertAxisOp(x -> x.logSumExp(0), new double[] {-INF, -INF}, new double[] {-INF}, new double[] {0.5, 0.5});
        assertAxisOp(x -> x.logSumExp(0), new double[] {1e-300, -1e-300}, new double[] {LN2}, new double[] {0.5, 0.5});
    }

    @Test
    void logSumExpKeepsAMillionTermsEachBelowHalfAnUlpOfTheMaximumsOne() {
        double[] logits = new double[1_000_001];
        java.util.Arrays.fill(logits, -40);
        logits[0] = 0;
        // Exact: log1p(1e6 e^-40) = 4.248354255282565e-12; PyTorch 1.13 gives 4.246381024577283e-12,
        // and a plain sum of the exponentials gives 0.
        double expected = Math.log1p(1e6 * Math.exp(-40));
        assertEquals(expected, Graph.constant(Tensor.of(logits)).logSumExp(0).value().item(), 2e-16);
        assertEquals(-expected, Graph.constant(Tensor.of(logits)).logSoftmax(0).value().getFlat(0), 2e-16);
    }

    @Test
    void logSoftmaxGivesLimitsForHugeAndInfiniteLogits() {
        assertAxisOp(x -> x.logSoftmax(0), new double[] {1000, 0}, new double[] {0, -1000}, new double[] {-1, 1});
        assertAxisOp(x -> x.logSoftmax(0), new double[] {-1000, 0}, new double[] {-1000, 0}, new double[] {1, -1});
        assertAxisOp(x -> x.logSoftmax(0), new double[] {-INF, 0}, new double[] {-INF, 0}, new double[] {1, -1});
        // PyTorch gives NaN here (inf - inf); the limit puts all mass on the infinite logit.
        assertAxisOp(x -> x.logSoftmax(0), new double[] {INF, 0}, new double[] {0, -INF}, new double[] {-1, 1});
        assertAxisOp(x -> x.logSoftmax(0), new double[] {INF, INF}, new double[] {-LN2, -LN2}, new double[] {0, 0});
    }

    @Test
    void softmaxOfExtremeLogitsIsOneHotWithoutNaN() {
        assertAxisOp(x -> x.softmax(0), new double[] {1000, -1000}, new double[] {1, 0}, new double[] {0, 0});
        assertAxisOp(x -> x.softmax(0), new double[] {INF, 0}, new double[] {1, 0}, new double[] {0, 0});
        assertAxisOp(x -> x.softmax(0), new double[] {0, 0}, new double[] {0.5, 0.5}, new double[] {0, 0});
    }

    /** Runs {@code op} on a vector, backward through its sum, and checks value and gradient exactly. */
    private static void assertAxisOp(UnaryOperator<Node> op, double[] input, double[] value, double[] gradient) {
        Node x = Graph.variable(Tensor.of(input));
        Node y = op.apply(x);
        y.backward();
        assertArrayEquals(value, y.value().toArray(), 1e-12, "value");
        assertArrayEquals(gradient, x.gradient().toArray(), 1e-12, "gradient");
    }
}
