package dev.xent.losses.multiclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The value-only kernel for cross-entropy on probabilities with class indices against the general
 * class-wise kernel, which focal cross-entropy with gamma 0 and alpha 1 runs (its term is then
 * {@code log p} exactly): the same formula in the same order, so the same bits are required (not a
 * tolerance). And its fused probability checks give validation's errors.
 */
class IndexProbabilitiesKernelTest {
    private static final int IGNORED = -100;

    /**
     * Random probability rows over {@code classes}: an eighth one-hot (exact 0s and a 1), an eighth with a
     * 1 - 1e-9 and tiny values, the rest normalized random values with about a quarter of them exactly 0;
     * indices with an eighth ignored; sample weights with a fifth 0.
     */
    private static Tensor[] inputs(long seed, int rows, int classes) {
        Random random = new Random(seed);
        double[] p = new double[rows * classes];
        double[] y = new double[rows];
        double[] s = new double[rows];
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            int kind = random.nextInt(8);
            int hot = random.nextInt(classes);
            if (kind == 0) {
                p[base + hot] = 1.0;
            } else if (kind == 1 && classes > 1) {
                for (int c = 0; c < classes; c++) {
                    p[base + c] = c == hot ? 1 - 1e-9 : 1e-9 / (classes - 1);
                }
            } else {
                double total = 0;
                for (int c = 0; c < classes; c++) {
                    p[base + c] = random.nextInt(4) == 0 ? 0.0 : random.nextDouble();
                    total += p[base + c];
                }
                if (total == 0) {
                    p[base + hot] = total = 1.0;
                }
                for (int c = 0; c < classes; c++) {
                    p[base + c] /= total;
                }
            }
            y[r] = random.nextInt(8) == 0 ? IGNORED : random.nextInt(4) == 0 ? hot : random.nextInt(classes);
            s[r] = random.nextInt(5) == 0 ? 0.0 : random.nextDouble() * 3;
        }
        s[0] = 1.0;
        y[0] = classes - 1; // a weighted row, so that the mean always has something to average
        return new Tensor[] {Tensor.wrap(p, rows, classes), Tensor.wrap(y, rows), Tensor.wrap(s, rows)};
    }

    /** Per-sample losses, then mean and sum with and without sample weights (the value paths only). */
    private static double[] values(Loss mean, Loss sum, Tensor[] in) {
        List<Double> all = new ArrayList<>();
        for (double v : mean.perSample(in[0], in[1]).toArray()) {
            all.add(v);
        }
        for (Loss loss : List.of(mean, sum)) {
            all.add(loss.value(in[0], in[1]));
            all.add(loss.value(in[0], in[1], in[2]));
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Cross-entropy (or, with {@code general}, focal cross-entropy with gamma 0 and alpha 1) with a reduction. */
    private static Loss loss(boolean general, String reduction, Map<String, Object> options) {
        Map<String, Object> parameters = new HashMap<>(options);
        parameters.put("reduction", reduction);
        if (!general) {
            return new CategoricalCrossEntropyProvider().create(parameters);
        }
        parameters.put("gamma", 0.0);
        parameters.put("alpha", 1.0);
        return new CategoricalFocalCrossEntropyProvider().create(parameters);
    }

    /** {@link #values} of cross-entropy against the general kernel's, bit for bit. */
    private static void assertSameBitsAsTheGeneralKernel(Tensor[] in, Map<String, Object> options, String where) {
        double[] expected = values(loss(true, "mean", options), loss(true, "sum", options), in);
        double[] actual = values(loss(false, "mean", options), loss(false, "sum", options), in);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    where + ", result " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    private static final List<Map<String, Object>> OPTIONS = List.of(
            Map.of("ignore_index", IGNORED),
            Map.of("ignore_index", IGNORED, "epsilon", 1e-3, "class_weights", List.of(0.5, 2.0, 0.25, 1.0, 3.0)));

    @Test
    void theValueOnlyPathGivesTheGeneralKernelsBitsForEveryOptionAndThreadCount() {
        int original = Parallelism.threads();
        try {
            // Up to 4000 rows of 5 classes: several chunks of the kernels' reduction (3276 rows each).
            qt().withFixedSeed(20261203L).withExamples(40)
                    .forAll(longs().all(), integers().between(1, 4000), integers().between(1, 2))
                    .checkAssert((seed, rows, threads) -> {
                        Parallelism.setThreads(threads);
                        Tensor[] in = inputs(seed, rows, 5);
                        for (Map<String, Object> options : OPTIONS) {
                            assertSameBitsAsTheGeneralKernel(in, options, options + ", " + threads + " threads");
                        }
                    });
        } finally {
            Parallelism.setThreads(original);
        }
    }

    @Test
    void withoutIgnoreIndexOrClassWeightsAndWithOneClassTheBitsAreTheSameToo() {
        for (int classes : new int[] {1, 2, 10}) {
            Tensor[] in = inputs(5L + classes, 700, classes);
            double[] y = in[1].toArray();
            for (int r = 0; r < y.length; r++) {
                y[r] = y[r] == IGNORED ? 0 : y[r];
            }
            assertSameBitsAsTheGeneralKernel(new Tensor[] {in[0], Tensor.wrap(y, y.length), in[2]}, Map.of(),
                    classes + " classes");
        }
    }

    /** The message of the error that {@code call} throws. */
    private static String errorOf(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    /** Every value path's error, on 1, 2 and 4 threads, is validation's (which names the first offender). */
    private static void assertEveryPathSays(String expected, Loss loss, Tensor p, Tensor y, Tensor s) {
        assertEquals(expected, errorOf(() -> loss.validate(p, y)));
        int original = Parallelism.threads();
        try {
            for (int threads : new int[] {1, 2, 4}) {
                Parallelism.setThreads(threads);
                String where = threads + " threads";
                assertEquals(expected, errorOf(() -> loss.value(p, y)), where);
                assertEquals(expected, errorOf(() -> loss.value(p, y, s)), where);
                assertEquals(expected, errorOf(() -> loss.perSample(p, y)), where);
                assertEquals(expected, errorOf(() -> loss.valueAndGradient(p, y, s, new double[p.size()])), where);
            }
        } finally {
            Parallelism.setThreads(original);
        }
    }

    @Test
    void aBadProbabilityFoundByTheKernelGivesValidationsErrorNamingTheFirstOneOnEveryPathAndThreadCount() {
        // 8000 rows of 10 classes: several chunks. Bad values in a late chunk, an ignored row and an early chunk.
        Tensor[] in = inputs(11L, 8000, 10);
        Loss loss = Fixtures.crossEntropy("ignore_index", IGNORED);
        double[][] bad = {{1.5, Double.NaN, -0.25}, {Double.NaN, 2.0, 1.5}};
        String[] expected = {"probability at row 1700, column 4 is -0.25; allowed: [0, 1]",
            "probability at row 1700, column 4 is 1.5; allowed: [0, 1]"};
        for (int k = 0; k < bad.length; k++) {
            double[] p = in[0].toArray();
            double[] y = in[1].toArray();
            p[7500 * 10 + 2] = bad[k][0];
            y[2000] = IGNORED;
            p[2000 * 10 + 9] = bad[k][1];
            p[1700 * 10 + 4] = bad[k][2];
            assertEveryPathSays(expected[k], loss, Tensor.wrap(p, 8000, 10), Tensor.wrap(y, 8000), in[2]);
        }
        // In range, but rows that do not sum to 1: the first is named.
        double[] p = in[0].toArray();
        p[6000 * 10] += 0.01;
        p[3000 * 10 + 3] += 2e-6;
        double sum = 0;
        for (int c = 0; c < 10; c++) {
            sum += p[3000 * 10 + c];
        }
        assertEveryPathSays("probability row 3000 sums to " + sum + "; rows must sum to 1 (within 1.0E-6)", loss,
                Tensor.wrap(p, 8000, 10), in[1], in[2]);
    }

    @Test
    void aBadProbabilityIsNamedBeforeEveryRowIgnoredOrNothingToAverage() {
        Tensor p = Tensor.of(new double[][] {{0.5, 0.5}, {0.25, 1.25}});
        Loss loss = Fixtures.crossEntropy("ignore_index", IGNORED);
        String expected = "probability at row 1, column 1 is 1.25; allowed: [0, 1]";
        assertEveryPathSays(expected, loss, p, Tensor.of(IGNORED, IGNORED), Tensor.of(1.0, 1.0));
        assertEveryPathSays(expected, loss, p, Tensor.of(0.0, IGNORED), Tensor.of(0.0, 1.0));
        // Sample weights all zero: the mean has nothing to average, but the probability is named first.
        assertEquals(expected, errorOf(() -> loss.value(p, Tensor.of(0.0, 1.0), Tensor.of(0.0, 0.0))));
    }
}
