package dev.xent.losses.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xent.core.GradientAndHessian;
import dev.xent.core.Losses;
import dev.xent.core.SecondOrderLoss;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;
import dev.xent.core.numeric.VectorSupport;
import dev.xent.testkit.VectorSwitch;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BCE's diagonal Hessian on vector lanes ({@link BinaryHessianVectorKernel}) against the scalar formula:
 * within 1e-12 relative on logits (the vector {@code exp}), the same bits on probabilities (the same
 * operations), extreme logits and probabilities included, with weights (some 0); the same bits on 1 and
 * 2 threads. (The gradient beside it is the vector kernels' own, tested in their tests.)
 */
class BinaryHessianVectorKernelTest {
    private static final int SIZE = 3 * ElementwiseReduction.GRAIN + 999;
    private static final double[] EXTREME_LOGITS = {0.0, 708, -708, 708.5, -745, 746, 1e3, -1e300,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300, -36.7, 40};
    private static final double[] EXTREME_PROBABILITIES = {0.0, 1.0, Double.MIN_VALUE, 1e-300, 1e-7, 0.9999999,
        1 - 1e-16, 0.5, 1e-3};

    @BeforeEach
    void needsTheIncubatorModule() {
        assumeTrue(VectorSupport.modulePresent(), "jdk.incubator.vector is not in the boot layer");
    }

    private static Tensor[] inputs(boolean logits, long seed) {
        Random random = new Random(seed);
        double[] x = new double[SIZE];
        double[] y = new double[SIZE];
        double[] w = new double[SIZE];
        double[] extremes = logits ? EXTREME_LOGITS : EXTREME_PROBABILITIES;
        for (int i = 0; i < SIZE; i++) {
            x[i] = i % 53 == 0 ? extremes[(i / 53) % extremes.length]
                    : logits ? random.nextGaussian() * 10 : random.nextDouble();
            y[i] = i % 4 == 0 ? random.nextDouble() : random.nextInt(2);
            w[i] = i % 17 == 0 ? 0.0 : random.nextDouble() * 2;
        }
        return new Tensor[] {Tensor.wrap(x, SIZE), Tensor.wrap(y, SIZE), Tensor.wrap(w, SIZE)};
    }

    @Test
    void agreesWithTheScalarFormula() {
        for (boolean logits : new boolean[] {true, false}) {
            Tensor[] in = inputs(logits, logits ? 1 : 2);
            for (double posWeight : new double[] {1.0, 2.5}) {
                for (double smoothing : new double[] {0.0, 0.2}) {
                    for (double epsilon : new double[] {1e-7, 0.0}) {
                        for (String reduction : new String[] {"mean", "sum"}) {
                            Map<String, Object> parameters = Map.of("from_logits", logits, "pos_weight", posWeight,
                                    "label_smoothing", smoothing, "epsilon", epsilon, "reduction", reduction);
                            for (Tensor weights : new Tensor[] {null, in[2]}) {
                                assertAgree(parameters, in[0], in[1], weights, logits);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void assertAgree(Map<String, Object> parameters, Tensor x, Tensor y, Tensor w, boolean logits) {
        SecondOrderLoss scalar = VectorSwitch.off(() -> (SecondOrderLoss) Losses.create("binary_cross_entropy",
                parameters));
        SecondOrderLoss vector = VectorSwitch.on(() -> (SecondOrderLoss) Losses.create("binary_cross_entropy",
                parameters));
        GradientAndHessian expected = scalar.gradientAndHessian(x, y, w);
        GradientAndHessian actual = VectorSwitch.on(() -> vector.gradientAndHessian(x, y, w));
        double[] e = expected.hessianDiagonal().toArray();
        double[] a = actual.hessianDiagonal().toArray();
        String what = parameters + (w == null ? "" : " weighted");
        if (!logits) {
            assertArrayEquals(e, a, 0.0, what);
        } else {
            for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], a[i], 1e-12 * Math.abs(e[i]), what + " at " + i + ", x = " + x.getFlat(i));
            }
        }
    }

    @Test
    void givesTheSameBitsForOneAndTwoThreads() {
        int original = Parallelism.threads();
        try {
            for (boolean logits : new boolean[] {true, false}) {
                Tensor[] in = inputs(logits, 3);
                SecondOrderLoss vector = VectorSwitch.on(() -> (SecondOrderLoss) Losses.create("binary_cross_entropy",
                        Map.of("from_logits", logits, "pos_weight", 2.5)));
                Parallelism.setThreads(1);
                double[] one = VectorSwitch.on(() -> vector.gradientAndHessian(in[0], in[1], in[2])).hessianDiagonal()
                        .toArray();
                Parallelism.setThreads(2);
                double[] two = VectorSwitch.on(() -> vector.gradientAndHessian(in[0], in[1], in[2])).hessianDiagonal()
                        .toArray();
                assertArrayEquals(one, two, 0.0);
            }
        } finally {
            Parallelism.setThreads(original);
        }
    }
}
