package dev.xent.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Node;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.StableMath;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Backward steps that reuse what their forward loop computed (sigmoid, softplus and logSigmoid share
 * one exponential per element, also with a negation of their operand; pow divides {@code x^p} by x;
 * softmax normalises its exponentials) give the derivatives computed from scratch, at extreme inputs too.
 */
class ForwardReuseTest {
    /** Extreme and ordinary logits, both signs: tails where exp(-|x|) underflows, near-ties at 0. */
    private static final double[] LOGITS = {
        0, -0.0, 1e-300, -1e-300, 1e-8, -1e-8, 0.5, -0.5, 1, -1, 20, -20, 36.7, -36.7, 40, -40,
        700, -700, 745, -745, 1e3, -1e3, 1e300, -1e300, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    @Test
    void softplusGradientIsTheSigmoidAtEveryExtremeInput() {
        assertGradientIs(Node::softplus, StableMath::sigmoid);
    }

    @Test
    void logSigmoidGradientIsTheSigmoidOfMinusXAtEveryExtremeInput() {
        assertGradientIs(Node::logSigmoid, x -> StableMath.sigmoid(-x));
    }

    @Test
    void sigmoidGradientIsTheProductOfBothSigmoidsAtEveryExtremeInput() {
        assertGradientIs(Node::sigmoid, x -> StableMath.sigmoid(x) * StableMath.sigmoid(-x));
    }

    /** A negation takes the sigmoids its operand already computed, swapped: the same bits as computing them anew. */
    @Test
    void opsOnANegationGiveTheSameBitsWhetherOrNotTheOperandsSigmoidsWereReused() {
        double[] negated = new double[LOGITS.length];
        for (int i = 0; i < LOGITS.length; i++) {
            negated[i] = -LOGITS[i];
        }
        for (UnaryOperator<Node> op : java.util.List.<UnaryOperator<Node>>of(Node::sigmoid, Node::softplus, Node::logSigmoid)) {
            Node x = Graph.variable(Tensor.of(LOGITS));
            x.softplus(); // computes x's sigmoids, which x.neg() then reuses
            Node reused = op.apply(x.neg());
            reused.backward();
            Node fresh = Graph.variable(Tensor.of(negated));
            op.apply(fresh).backward();
            assertArrayEquals(op.apply(Graph.constant(Tensor.of(negated))).value().toArray(), reused.value().toArray(), 0.0);
            double[] expectedGradient = fresh.gradient().toArray();
            for (int i = 0; i < expectedGradient.length; i++) {
                expectedGradient[i] = -expectedGradient[i];
            }
            assertArrayEquals(expectedGradient, x.gradient().toArray(), 0.0);
        }
    }

    @Test
    void softplusAndLogSigmoidValuesAreTheScalarFunctions() {
        Node x = Graph.variable(Tensor.of(LOGITS));
        double[] softplus = x.softplus().value().toArray();
        double[] logSigmoid = x.logSigmoid().value().toArray();
        for (int i = 0; i < LOGITS.length; i++) {
            double expected = StableMath.softplus(LOGITS[i]);
            assertEquals(expected, softplus[i], 2 * Math.ulp(expected), "softplus(" + LOGITS[i] + ")");
            assertEquals(-StableMath.softplus(-LOGITS[i]), logSigmoid[i], 2 * Math.ulp(expected), "logSigmoid(" + LOGITS[i] + ")");
        }
    }

    @Test
    void softplusAndLogSigmoidGradientsMatchFiniteDifferencesAtFiniteExtremes() {
        for (double logit : LOGITS) {
            if (Double.isInfinite(logit) || Math.abs(logit) == 1e300) {
                continue; // x +- h rounds to x: no finite difference to compare
            }
            for (UnaryOperator<Node> op : java.util.List.<UnaryOperator<Node>>of(Node::softplus, Node::logSigmoid)) {
                // The step is relative to |x|: at |x| = 745 the central difference of e^-x is off by h^2 / 6 = 3e-6,
                // and a subnormal gradient (4.9e-324 at 745) is 0 to finite differences.
                GradientCheck.Report report = GradientCheck.check(op, Tensor.scalar(logit));
                assertTrue(report.within(1e-5) || report.maxAbsoluteError() < 1e-300, "at " + logit + ": " + report);
            }
        }
    }

    /** pow's backward divides y = x^p by x where that is accurate, and falls back to pow elsewhere. */
    @Test
    void powGradientIsPTimesXToThePMinusOneWhereTheQuotientWouldOverflowUnderflowOrDivideByZero() {
        double[][] cases = { // x, p, expected d(x^p)/dx
            {1e200, 2, 2e200},          // x^2 overflows: the quotient would be inf
            {1e-200, 2, 2e-200},        // x^2 underflows to 0: the quotient would be 0
            {1e-160, 2, 2e-160},        // x^2 subnormal: the quotient would lose digits
            {0, 0.5, Double.POSITIVE_INFINITY},
            {0, 2, 0},
            {0, 1, 1},
            {0, 0, 0},                  // 0^0 = 1 with gradient 0
            {-2, 3, 12},
            {-2, 2, -4},
            {3, 2, 6},
            {4, 0.5, 0.25},
            {4, -1.5, -1.5 * Math.pow(4, -2.5)},
            {Double.POSITIVE_INFINITY, 2, Double.POSITIVE_INFINITY}};
        for (double[] c : cases) {
            Node x = Graph.variable(Tensor.scalar(c[0]));
            x.pow(c[1]).backward();
            double gradient = x.gradient().item();
            assertEquals(c[2], gradient, 4 * Math.ulp(c[2]), "d/dx x^" + c[1] + " at " + c[0]);
        }
    }

    @Test
    void softmaxAndLogSoftmaxAgreeWithTheExponentialOfTheLogSoftmax() {
        Tensor logits = Tensor.of(new double[][] {{1000, 0, -1000}, {1e-300, -1e-300, 0}, {3, 1, -2}, {-40, 0, 0}});
        double[] logSoftmax = Graph.constant(logits).logSoftmax(1).value().toArray();
        double[] softmax = Graph.constant(logits).softmax(1).value().toArray();
        double[] expected = new double[softmax.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Math.exp(logSoftmax[i]);
        }
        assertArrayEquals(expected, softmax, 1e-16);
    }

    /** softmax, logSoftmax and logSumExp of one node share their exponentials per axis: the same bits as on separate nodes. */
    @Test
    void softmaxOpsOnOneNodeGiveTheBitsOfSeparateNodesAlongEitherAxis() {
        Tensor logits = Tensor.of(new double[][] {{1000, 0, -1000}, {1e-300, -1e-300, 0}, {3, 1, -2}, {-40, 0, 0}});
        Node shared = Graph.variable(logits);
        for (int axis : new int[] {1, 0, 1}) {
            for (UnaryOperator<Node> op : java.util.List.<UnaryOperator<Node>>of(
                    x -> x.logSoftmax(axis), x -> x.softmax(axis), x -> x.logSumExp(axis))) {
                assertArrayEquals(op.apply(Graph.constant(logits)).value().toArray(), op.apply(shared).value().toArray(), 0.0);
            }
        }
    }

    private static void assertGradientIs(UnaryOperator<Node> op, DoubleUnaryOperator derivative) {
        Node x = Graph.variable(Tensor.of(LOGITS));
        op.apply(x).backward();
        double[] gradient = x.gradient().toArray();
        for (int i = 0; i < LOGITS.length; i++) {
            double expected = derivative.applyAsDouble(LOGITS[i]);
            assertEquals(expected, gradient[i], 2 * Math.ulp(expected), "at " + LOGITS[i]);
        }
    }
}
