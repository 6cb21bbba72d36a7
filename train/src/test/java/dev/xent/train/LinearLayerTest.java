package dev.xent.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.xent.autodiff.Graph;
import dev.xent.core.Node;
import dev.xent.core.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The linear model's loops give the autodiff graph's logits and gradients bit for bit. */
class LinearLayerTest {

    @Test
    void logitsAndGradientsHaveTheGraphsBitsForAnyShape() {
        // Odd and even row counts, output counts below, at and above the blocks of four; zeros and
        // negative zeros in the upstream gradient (the graph skips zero gradients).
        qt().withFixedSeed(20261123L).withExamples(300)
                .forAll(integers().between(1, 9), integers().between(1, 12), integers().between(1, 11),
                        longs().all())
                .checkAssert((rows, inputs, outputs, seed) -> {
                    Random random = new Random(seed);
                    double[] x = values(rows * inputs, random);
                    double[] params = values(inputs * outputs + outputs, random);
                    double[] upstream = values(rows * outputs, random);
                    upstream[random.nextInt(upstream.length)] = 0.0;
                    upstream[random.nextInt(upstream.length)] = -0.0;

                    Network network = new Network(inputs, new int[0], null, outputs);
                    List<Node> leaves = network.leaves(params, true);
                    Node logits = network.logits(Graph.constant(Tensor.wrap(x, rows, inputs)), leaves);
                    logits.mul(logits.constant(Tensor.wrap(upstream, rows, outputs))).sum().backward();
                    double[] graphGradient = new double[params.length];
                    network.gradients(leaves, graphGradient);

                    double[] z = new double[rows * outputs];
                    LinearLayer.logits(x, rows, inputs, params, outputs, z);
                    double[] gradient = new double[params.length];
                    java.util.Arrays.fill(gradient, 7.0); // overwritten
                    LinearLayer.gradient(x, rows, inputs, upstream, outputs, gradient);

                    assertArrayEquals(bits(logits.value().toArray()), bits(z), "logits");
                    assertArrayEquals(bits(graphGradient), bits(gradient), "gradient");
                });
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
