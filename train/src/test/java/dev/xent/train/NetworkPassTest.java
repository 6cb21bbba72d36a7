package dev.xent.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.xent.autodiff.Graph;
import dev.xent.core.Node;
import dev.xent.core.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The network's array passes give the autodiff graph's logits and gradients bit for bit. */
class NetworkPassTest {

    @Test
    void linearLogitsAndGradientsHaveTheGraphsBitsForAnyShape() {
        // Odd and even row counts, output counts below, at and above the kernel's tiles; zeros and
        // negative zeros in the upstream gradient (the graph skips zero gradients).
        qt().withFixedSeed(20261123L).withExamples(300)
                .forAll(integers().between(1, 9), integers().between(1, 12), integers().between(1, 11), longs().all())
                .checkAssert((rows, inputs, outputs, seed) ->
                        assertSameBits(new Network(inputs, new int[0], null, outputs), rows, new Random(seed)));
    }

    @Test
    void mlpLogitsAndGradientsHaveTheGraphsBitsForBothActivationsAndDepths() {
        qt().withFixedSeed(20261203L).withExamples(200)
                .forAll(integers().between(1, 40), integers().between(1, 9), integers().between(1, 70), longs().all())
                .checkAssert((rows, inputs, width, seed) -> {
                    Random random = new Random(seed);
                    Activation activation = random.nextBoolean() ? Activation.TANH : Activation.RELU;
                    int[] hidden = random.nextBoolean() ? new int[] {width} : new int[] {width, 1 + random.nextInt(9)};
                    assertSameBits(new Network(inputs, hidden, activation, 1 + random.nextInt(11)), rows, random);
                });
    }

    @Test
    void aLargeBatchRunsTheParallelProductsWithTheGraphsBits() {
        // 300 x 50 x 128: above the kernel's parallel threshold, and more rows than a forward-only chunk holds
        assertSameBits(new Network(50, new int[] {128}, Activation.TANH, 10), 300, new Random(19));
        Network network = new Network(7, new int[] {5}, Activation.RELU, 3);
        Random random = new Random(5);
        double[] params = values(network.parameterCount(), random);
        double[] x = values(9000 * 7, random);
        Node graph = GraphNetwork.logits(network, Graph.constant(Tensor.wrap(x, 9000, 7)),
                GraphNetwork.leaves(network, params));
        assertArrayEquals(bits(graph.value().toArray()), bits(network.logits(params, Tensor.wrap(x, 9000, 7)).toArray()),
                "forward-only logits in chunks of rows");
    }

    private static void assertSameBits(Network network, int rows, Random random) {
        int inputs = network.inputs();
        int outputs = network.outputs();
        double[] x = values(rows * inputs, random);
        double[] params = values(network.parameterCount(), random);
        double[] upstream = values(rows * outputs, random);
        upstream[random.nextInt(upstream.length)] = 0.0;
        upstream[random.nextInt(upstream.length)] = -0.0;

        List<Node> leaves = GraphNetwork.leaves(network, params);
        Node logits = GraphNetwork.logits(network, Graph.constant(Tensor.wrap(x, rows, inputs)), leaves);
        logits.mul(logits.constant(Tensor.wrap(upstream, rows, outputs))).sum().backward();
        double[] graphGradient = GraphNetwork.gradients(network, leaves);

        NetworkPass pass = new NetworkPass(network);
        double[] z = new double[rows * outputs];
        double[] gradient = new double[params.length];
        for (int repeat = 0; repeat < 2; repeat++) { // the second time on reused buffers
            Arrays.fill(z, 7.0);
            Arrays.fill(gradient, 7.0); // overwritten
            pass.forward(params, x, rows, z);
            pass.backward(params, x, rows, upstream, gradient);
            assertArrayEquals(bits(logits.value().toArray()), bits(z), "logits");
            assertArrayEquals(bits(graphGradient), bits(gradient), "gradient");
        }
        assertArrayEquals(bits(logits.value().toArray()), bits(pass.logits(params, x, rows)), "forward-only logits");
    }

    /** Gaussian values with an occasional exact zero, wide magnitudes, so that rounding order shows. */
    private static double[] values(int n, Random random) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(10) == 0 ? 0.0 : random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4);
        }
        return v;
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
