package dev.xent.autodiff;

import static dev.xent.autodiff.GradientAssertions.assertGradientsMatch;
import static dev.xent.autodiff.Generators.SEED;
import static dev.xent.autodiff.Generators.gridValues;
import static dev.xent.autodiff.Generators.shapes;
import static dev.xent.autodiff.Generators.tensors;
import static dev.xent.autodiff.Generators.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.xent.core.Node;
import dev.xent.core.Tensor;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

/**
 * Every op's backward rule against central finite differences, as properties over random shapes
 * (rank 0..2, dimensions 1..4) and values inside the op's domain, away from its kinks.
 */
class OpGradientTest {
    private static final int EXAMPLES = 100;
    private static final double FORWARD_TOLERANCE = 1e-12;

    /** An element-wise op, the scalar function it must compute, and where its inputs are drawn from. */
    record Unary(String name, UnaryOperator<Node> op, DoubleUnaryOperator reference, Gen<Double> domain) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Unary> elementwiseOps() {
        return Stream.of(
                new Unary("neg", Node::neg, x -> -x, values(-5, 5)),
                new Unary("exp", Node::exp, Math::exp, values(-5, 5)),
                new Unary("log", Node::log, Math::log, values(0.1, 5)),
                new Unary("log1p", Node::log1p, Math::log1p, values(-0.9, 5)),
                new Unary("expm1", Node::expm1, Math::expm1, values(-5, 5)),
                new Unary("sqrt", Node::sqrt, Math::sqrt, values(0.1, 5)),
                new Unary("square", Node::square, x -> x * x, values(-3, 3)),
                new Unary("sigmoid", Node::sigmoid, x -> 1 / (1 + Math.exp(-x)), values(-8, 8)),
                new Unary("softplus", Node::softplus, x -> Math.log1p(Math.exp(x)), values(-8, 8)),
                new Unary("logSigmoid", Node::logSigmoid, x -> -Math.log1p(Math.exp(-x)), values(-8, 8)),
                new Unary("tanh", Node::tanh, Math::tanh, values(-4, 4)),
                new Unary("relu", Node::relu, x -> Math.max(x, 0), values(-3, 3, 0)),
                new Unary("abs", Node::abs, Math::abs, values(-3, 3, 0)),
                new Unary("clamp", x -> x.clamp(-1, 1.5), x -> Math.min(1.5, Math.max(-1, x)), values(-3, 3, -1, 1.5)),
                new Unary("pow(2)", x -> x.pow(2), x -> x * x, values(-3, 3)),
                new Unary("pow(3)", x -> x.pow(3), x -> x * x * x, values(-3, 3)),
                new Unary("pow(0.5)", x -> x.pow(0.5), Math::sqrt, values(0.2, 4)),
                new Unary("pow(-1.5)", x -> x.pow(-1.5), x -> Math.pow(x, -1.5), values(0.2, 4)),
                new Unary("pow(0)", x -> x.pow(0), x -> 1, values(-3, 3)),
                new Unary("add(c)", x -> x.add(0.7), x -> x + 0.7, values(-5, 5)),
                new Unary("sub(c)", x -> x.sub(0.7), x -> x - 0.7, values(-5, 5)),
                new Unary("rsub(c)", x -> x.rsub(0.7), x -> 0.7 - x, values(-5, 5)),
                new Unary("mul(c)", x -> x.mul(-2.5), x -> -2.5 * x, values(-5, 5)),
                new Unary("add(constant(c))", x -> x.add(Graph.constant(0.7)), x -> x + 0.7, values(-5, 5)),
                new Unary("sigmoid.log (composition)", x -> x.sigmoid().log(), x -> -Math.log1p(Math.exp(-x)),
                        values(-8, 8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementwiseOps")
    void elementwiseGradientsMatchFiniteDifferences(Unary op) {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(tensors(shapes(0, 2), op.domain()))
                .checkAssert(x -> assertGradientsMatch(nodes -> op.op().apply(nodes.get(0)), x));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementwiseOps")
    void elementwiseValuesMatchTheScalarFunction(Unary op) {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(tensors(shapes(0, 2), op.domain()))
                .checkAssert(x -> {
                    Tensor y = op.op().apply(Graph.constant(x)).value();
                    assertArrayEquals(x.shape(), y.shape());
                    for (int i = 0; i < x.size(); i++) {
                        double expected = op.reference().applyAsDouble(x.getFlat(i));
                        assertEquals(expected, y.getFlat(i), FORWARD_TOLERANCE * Math.max(1, Math.abs(expected)));
                    }
                });
    }

    /** An op along an axis. */
    record AxisOp(String name, BiFunction<Node, Integer, Node> op) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<AxisOp> axisOps() {
        return Stream.of(new AxisOp("sum(axis)", Node::sum), new AxisOp("mean(axis)", Node::mean),
                new AxisOp("logSumExp(axis)", Node::logSumExp), new AxisOp("logSoftmax(axis)", Node::logSoftmax),
                new AxisOp("softmax(axis)", Node::softmax));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("axisOps")
    void axisGradientsMatchFiniteDifferencesAlongEveryAxisOfRanksOneToThree(AxisOp op) {
        Gen<Tensor> inputs = tensors(shapes(1, 3), values(-5, 5)); // rank 3: axis 1 has outer and inner slices
        qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(inputs.flatMap(x -> integers().between(0, x.rank() - 1).map(axis -> new Object[] {x, axis})))
                .checkAssert(pair -> assertGradientsMatch(nodes -> op.op().apply(nodes.get(0), (Integer) pair[1]),
                        (Tensor) pair[0]));
    }

    @Test
    void sumAndMeanOfEverythingMatchFiniteDifferences() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(tensors(shapes(0, 2), values(-5, 5)))
                .checkAssert(x -> {
                    assertGradientsMatch(nodes -> nodes.get(0).sum(), x);
                    assertGradientsMatch(nodes -> nodes.get(0).mean(), x);
                });
    }

    /** An element-wise binary op with broadcasting, its scalar function, and its operands' domains. */
    record Binary(String name, BinaryOperator<Node> op, DoubleBinaryOperator reference, Gen<Double> left,
                  Gen<Double> right) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Binary> binaryOps() {
        Gen<Double> awayFromZero = values(0.5, 3).zip(booleans().all(), (magnitude, negative) -> negative ? -magnitude : magnitude);
        return Stream.of(
                new Binary("add", Node::add, Double::sum, values(-3, 3), values(-3, 3)),
                new Binary("sub", Node::sub, (a, b) -> a - b, values(-3, 3), values(-3, 3)),
                new Binary("mul", Node::mul, (a, b) -> a * b, values(-3, 3), values(-3, 3)),
                new Binary("div", Node::div, (a, b) -> a / b, values(-3, 3), awayFromZero),
                // Operands on interleaved grids never tie, so max has no kink within a step.
                new Binary("max", Node::max, Math::max, gridValues(0), gridValues(0.5)),
                new Binary("min", Node::min, Math::min, gridValues(0), gridValues(0.5)),
                new Binary("xlogy", Node::xlogy, (a, b) -> a == 0 ? 0 : a * Math.log(b), values(-3, 3), values(0.2, 3)));
    }

    /**
     * Operand shapes: equal (rank 0..2), or an N x C matrix with a scalar, a length-C vector, a 1 x C
     * row, an N x 1 column, or a length-1 vector, on either side.
     */
    static Gen<int[][]> broadcastPairs() {
        Gen<int[][]> equal = shapes(0, 2).map(s -> new int[][] {s, s});
        Gen<int[][]> stretched = integers().between(1, 4).zip(integers().between(1, 4), integers().between(0, 4),
                booleans().all(), (n, c, pattern, swap) -> {
                    int[] matrix = {n, c};
                    int[] other = switch (pattern) {
                        case 0 -> new int[0];
                        case 1 -> new int[] {c};
                        case 2 -> new int[] {1, c};
                        case 3 -> new int[] {n, 1};
                        default -> new int[] {1};
                    };
                    return swap ? new int[][] {other, matrix} : new int[][] {matrix, other};
                });
        return equal.mix(stretched);
    }

    /** Both operands of {@code op}, drawn from its domains with shapes from {@link #broadcastPairs()}. */
    private static Gen<Tensor[]> operands(Binary op) {
        return broadcastPairs().flatMap(shapes -> tensors(shapes[0], op.left())
                .zip(tensors(shapes[1], op.right()), (a, b) -> new Tensor[] {a, b}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryOps")
    void binaryGradientsMatchFiniteDifferencesWithBroadcasting(Binary op) {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(operands(op))
                .checkAssert(ab -> assertGradientsMatch(nodes -> op.op().apply(nodes.get(0), nodes.get(1)), ab));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryOps")
    void binaryValuesFollowNumPyBroadcasting(Binary op) {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(operands(op))
                .checkAssert(ab -> {
                    Tensor y = op.op().apply(Graph.constant(ab[0]), Graph.constant(ab[1])).value();
                    int[] shape = y.shape();
                    for (int i = 0; i < y.size(); i++) {
                        double expected = op.reference().applyAsDouble(broadcastRead(ab[0], shape, i),
                                broadcastRead(ab[1], shape, i));
                        assertEquals(expected, y.getFlat(i), 0.0);
                    }
                });
    }

    /** The element of {@code t} that NumPy reads for flat index {@code i} of a result of {@code shape} (rank <= 2). */
    private static double broadcastRead(Tensor t, int[] shape, int i) {
        int columns = shape.length == 0 ? 1 : shape[shape.length - 1];
        int row = i / columns;
        int column = i % columns;
        int[] own = t.shape();
        return switch (own.length) {
            case 0 -> t.item();
            case 1 -> t.get(own[0] == 1 ? 0 : column);
            default -> t.get(own[0] == 1 ? 0 : row, own[1] == 1 ? 0 : column);
        };
    }

    @Test
    void matmulGradientsMatchFiniteDifferencesForBothOperands() {
        Gen<int[]> dims = integers().between(1, 4).zip(integers().between(1, 4), integers().between(1, 4),
                (n, k, m) -> new int[] {n, k, m});
        qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(dims.flatMap(d -> tensors(new int[] {d[0], d[1]}, values(-3, 3))
                        .zip(tensors(new int[] {d[1], d[2]}, values(-3, 3)), (a, b) -> new Tensor[] {a, b})))
                .checkAssert(ab -> assertGradientsMatch(nodes -> nodes.get(0).matmul(nodes.get(1)), ab));
    }

    @Test
    void aNodeUsedAsBothOperandsGetsBothContributions() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(tensors(shapes(0, 2), values(0.5, 3)))
                .checkAssert(x -> {
                    assertGradientsMatch(nodes -> nodes.get(0).mul(nodes.get(0)), x);
                    assertGradientsMatch(nodes -> nodes.get(0).div(nodes.get(0).exp()), x);
                    assertGradientsMatch(nodes -> nodes.get(0).sub(nodes.get(0).log()).max(nodes.get(0).neg()), x);
                });
    }

    @Test
    void aSmallLossExpressionMatchesFiniteDifferencesThroughEveryLayer() {
        // Softmax cross-entropy of a linear model: matmul, broadcasting add, logSoftmax, mul, sum(axis), mean.
        Tensor targets = Tensor.of(new double[][] {{1, 0, 0}, {0, 0.3, 0.7}});
        qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(tensors(new int[] {2, 4}, values(-2, 2)).zip(tensors(new int[] {4, 3}, values(-2, 2)),
                        tensors(new int[] {3}, values(-1, 1)), (x, w, b) -> new Tensor[] {x, w, b}))
                .checkAssert(xwb -> assertGradientsMatch(nodes -> nodes.get(0).matmul(nodes.get(1)).add(nodes.get(2))
                        .logSoftmax(1).mul(Graph.constant(targets)).sum(1).neg().mean(), xwb));
    }
}
