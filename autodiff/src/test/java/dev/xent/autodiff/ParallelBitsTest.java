package dev.xent.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Node;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Above {@link ParallelLoops#GRAIN} elements the ops run in parallel chunks; their values and
 * gradients must have the same bits on 1, 2 and 3 threads, for every op that runs in chunks (inputs
 * of 6,001 x 9 = 54,009 elements: four chunks, the last one partial; rows that do not divide a chunk).
 */
class ParallelBitsTest {
    private static final int ROWS = 6001;
    private static final int COLUMNS = 9;
    private static final int[] THREADS = {1, 2, 3};
    private final int threadsBefore = Parallelism.threads();

    @AfterEach
    void restoreThreads() {
        Parallelism.setThreads(threadsBefore);
    }

    /** Ops on x (logits-like, with extremes) and y (positive), both ROWS x COLUMNS. */
    private static Map<String, BinaryOperator<Node>> ops() {
        Map<String, BinaryOperator<Node>> ops = new LinkedHashMap<>();
        ops.put("add", Node::add);
        ops.put("sub", Node::sub);
        ops.put("mul", Node::mul);
        ops.put("div", Node::div);
        ops.put("max", Node::max);
        ops.put("min", Node::min);
        ops.put("xlogy", (x, y) -> y.xlogy(y.add(x.square())));
        ops.put("where", (x, y) -> x.where(x.greaterThan(y), y));
        ops.put("where(lessThan(c), equalTo(c))", (x, y) -> x.where(y.lessThan(1.0), x.where(x.equalTo(0.0), y)));
        ops.put("constant ops", (x, y) -> x.add(0.5).sub(0.25).rsub(2).mul(-1.5).neg());
        ops.put("powers", (x, y) -> y.pow(3).add(y.pow(0.5)).add(y.pow(-1.5)).add(x.square()).add(x.pow(0)));
        ops.put("exp, log", (x, y) -> x.exp().add(y.log()).add(y.log1p()).add(x.expm1()).add(y.sqrt()).add(x.tanh()));
        ops.put("sigmoid family", (x, y) -> x.sigmoid().add(x.softplus()).add(x.logSigmoid()).add(x.neg().sigmoid()));
        ops.put("piecewise", (x, y) -> x.relu().add(x.abs()).add(x.clamp(-1, 1.5)));
        ops.put("sum", (x, y) -> x.mul(y).sum());
        ops.put("mean", (x, y) -> x.mul(y).mean());
        ops.put("sum(1), mean(1)", (x, y) -> x.sum(1).add(y.mean(1)));
        ops.put("sum(0), mean(0)", (x, y) -> x.sum(0).add(y.mean(0)));
        ops.put("softmax family(1)", (x, y) -> x.softmax(1).mul(y).add(x.logSoftmax(1)).sum(1).add(x.logSumExp(1)));
        ops.put("softmax family(0)", (x, y) -> x.softmax(0).mul(y).add(x.logSoftmax(0)).sum(0).add(x.logSumExp(0)));
        return ops;
    }

    @Test
    void everyParallelOpGivesTheSameBitsOnOneTwoAndThreeThreads() {
        assertTrue(ROWS * COLUMNS > 3 * ParallelLoops.GRAIN, "the inputs must span several chunks");
        Tensor x = withExtremes(random(-8, 8, 11));
        Tensor y = random(0.05, 5, 12);
        ops().forEach((name, op) -> {
            long[] expected = null;
            for (int threads : THREADS) {
                Parallelism.setThreads(threads);
                long[] bits = bits(op, x, y);
                if (expected == null) {
                    expected = bits;
                } else {
                    assertArrayEquals(expected, bits, name + " on " + threads + " threads");
                }
            }
        });
    }

    /** The op's value and both inputs' gradients (seeded by fixed weights), bit for bit. */
    private static long[] bits(BinaryOperator<Node> op, Tensor xValue, Tensor yValue) {
        Node x = Graph.variable(xValue);
        Node y = Graph.variable(yValue);
        Node out = op.apply(x, y);
        Tensor weights = random(0.5, 1.5, 13);
        out.mul(Graph.constant(Tensor.wrap(Arrays.copyOf(weights.toArray(), out.value().size()), out.shape())))
                .sum().backward();
        List<Double> all = new ArrayList<>();
        for (Tensor t : new Tensor[] {out.value(), x.gradient(), y.gradient()}) {
            for (double d : t.toArray()) {
                all.add(d);
            }
        }
        return all.stream().mapToLong(Double::doubleToRawLongBits).toArray();
    }

    private static Tensor random(double low, double high, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[ROWS * COLUMNS];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(low, high);
        }
        return Tensor.wrap(values, ROWS, COLUMNS);
    }

    /** Some elements replaced by extremes (0, -0, +-1e300, +-745, +-inf), so the edge branches run in parallel too. */
    private static Tensor withExtremes(Tensor t) {
        double[] values = t.toArray();
        double[] extremes = {0.0, -0.0, 1e300, -1e300, 745.5, -745.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < values.length; i += 997) {
            values[i] = extremes[(i / 997) % extremes.length];
        }
        return Tensor.wrap(values, t.shape());
    }
}
