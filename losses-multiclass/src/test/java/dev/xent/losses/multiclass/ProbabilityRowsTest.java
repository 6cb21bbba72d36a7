package dev.xent.losses.multiclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The class-wise kernel on probabilities (without {@code normalize}), which reads only the classes a row's
 * targets weigh and checks each row's range and sum as it reads it: per-sample losses and gradients against
 * the formulas written out here (index targets, PyTorch's label smoothing and class weights) within 1e-12,
 * the same bits for 1, 2 and 4 threads, probabilities 0 and 1 (clipped: gradient 0), ignored rows and zero
 * sample weights; and the validation errors, naming the first offender on any thread count.
 */
class ProbabilityRowsTest {
    private static final double[] WEIGHTS = {0.5, 2.0, 0.125, 1.0, 3.0};
    private static final double EPSILON = 1e-7;

    /** 3000 rows of 5 classes (several chunks): softmax rows, every seventh one-hot (0 and 1), one exact zero in every fourth. */
    private static Tensor probabilities(Random random, int rows, int classes) {
        double[] p = Fixtures.softmaxRows(Fixtures.logits(random, rows, classes, 6.0)).toArray();
        for (int r = 0; r < rows; r += 7) {
            Arrays.fill(p, r * classes, (r + 1) * classes, 0.0);
            p[r * classes + random.nextInt(classes)] = 1.0;
        }
        for (int r = 2; r < rows; r += 4) {
            int zero = random.nextInt(classes);
            int other = (zero + 1) % classes;
            p[r * classes + other] += p[r * classes + zero];
            p[r * classes + zero] = 0.0;
        }
        return Tensor.wrap(p, rows, classes);
    }

    @Test
    void perSampleLossesAndGradientsFollowTheFormulasAndHaveTheSameBitsForAnyThreadCount() {
        int original = Parallelism.threads();
        try {
            int rows = 3000;
            int classes = WEIGHTS.length;
            Random random = new Random(20261203L);
            Tensor p = probabilities(random, rows, classes);
            double[] y = Fixtures.labels(random, rows, classes).toArray();
            for (int r = 5; r < rows; r += 11) {
                y[r] = -100;
            }
            Tensor targets = Tensor.wrap(y, rows);
            double[] s = Fixtures.sampleWeights(random, rows).toArray();
            for (int r = 3; r < rows; r += 9) {
                s[r] = 0.0;
            }
            Tensor sampleWeights = Tensor.wrap(s, rows);
            for (double gamma : new double[] {-1, 0.0, 2.0, 1.5}) { // -1: plain cross-entropy
                for (double smoothing : new double[] {0.0, 0.1}) {
                    Object[] options = {"ignore_index", -100, "label_smoothing", smoothing, "reduction", "sum",
                        "class_weights", List.of(WEIGHTS[0], WEIGHTS[1], WEIGHTS[2], WEIGHTS[3], WEIGHTS[4])};
                    Loss loss = gamma < 0 ? Fixtures.crossEntropy(options)
                            : Fixtures.focal(with(options, "gamma", gamma, "alpha", 1.0));
                    String where = "gamma " + gamma + ", smoothing " + smoothing;
                    Parallelism.setThreads(1);
                    double[] losses = loss.perSample(p, targets).toArray();
                    double[] gradient = loss.gradient(p, targets, sampleWeights).toArray();
                    for (int r = 0; r < rows; r++) {
                        double[] expected = expected(p, y[r], r, smoothing, Math.max(gamma, 0.0), s[r]);
                        assertEquals(expected[classes], losses[r], 1e-12 * Math.abs(expected[classes]), where + ", row " + r);
                        for (int c = 0; c < classes; c++) {
                            int i = r * classes + c;
                            assertEquals(expected[c], gradient[i], 1e-12 * Math.abs(expected[c]), where + ", row " + r + ", class " + c);
                        }
                    }
                    for (int threads : new int[] {2, 4}) {
                        Parallelism.setThreads(threads);
                        assertEquals(List.of(bits(losses), bits(gradient)),
                                List.of(bits(loss.perSample(p, targets).toArray()),
                                        bits(loss.gradient(p, targets, sampleWeights).toArray())), where + ", " + threads + " threads");
                    }
                }
            }
        } finally {
            Parallelism.setThreads(original);
        }
    }

    private static Object[] with(Object[] options, Object... more) {
        Object[] all = Arrays.copyOf(options, options.length + more.length);
        System.arraycopy(more, 0, all, options.length, more.length);
        return all;
    }

    private static List<Long> bits(double[] values) {
        return Arrays.stream(values).mapToObj(Double::doubleToRawLongBits).toList();
    }

    /**
     * Row {@code r}'s gradient {@code s dl/dp} then its loss {@code l}: {@code a_c = (1 - ls) w_y [c = y] + (ls / C) w_c},
     * {@code u = clip(p, eps, 1 - eps)}, {@code l = -sum_c a_c (1 - u_c)^gamma log u_c},
     * {@code dl/dp_c = -a_c ((1 - u)^gamma - gamma u (1 - u)^(gamma - 1) log u) / u} inside the clip interval, else 0.
     */
    private static double[] expected(Tensor p, double y, int r, double smoothing, double gamma, double s) {
        int classes = WEIGHTS.length;
        double[] out = new double[classes + 1];
        if (y == -100) {
            return out;
        }
        for (int c = 0; c < classes; c++) {
            double a = (c == (int) y ? (1 - smoothing) * WEIGHTS[c] : 0.0) + smoothing / classes * WEIGHTS[c];
            double q = p.getFlat(r * classes + c);
            double u = Math.min(1 - EPSILON, Math.max(EPSILON, q));
            double focusing = gamma == 0 ? 0.0 : gamma * Math.pow(1 - u, gamma - 1) * u * Math.log(u);
            out[classes] -= a * Math.pow(1 - u, gamma) * Math.log(u);
            boolean inside = q >= EPSILON && q <= 1 - EPSILON;
            out[c] = inside ? -s * a * (Math.pow(1 - u, gamma) - focusing) / u : 0.0;
        }
        return out;
    }

    @Test
    void aBadProbabilityRowGivesValidationsErrorNamingTheFirstOffenderOnAnyThreadCount() {
        int original = Parallelism.threads();
        try {
            Random random = new Random(3L);
            double[] clean = probabilities(random, 4000, 5).toArray();
            double[] y = Fixtures.labels(random, 4000, 5).toArray();
            y[1500] = -100; // ignored rows are checked too
            Tensor targets = Tensor.wrap(y, 4000);
            double[] outOfRange = clean.clone();
            outOfRange[3500 * 5 + 2] = 1.5;
            outOfRange[1500 * 5 + 1] = Double.NaN;
            double[] badSum = clean.clone();
            badSum[3900 * 5] = -0.5;
            badSum[2100 * 5 + 3] += 1e-3;
            Object[][] cases = {{outOfRange, "probability at row 1500, column 1 is NaN; allowed: [0, 1]"},
                {badSum, "probability at row 3900, column 0 is -0.5; allowed: [0, 1]"}};
            for (Object[] bad : cases) {
                Tensor p = Tensor.wrap((double[]) bad[0], 4000, 5);
                for (Loss loss : List.of(Fixtures.crossEntropy("ignore_index", -100), Fixtures.focal("ignore_index", -100))) {
                    String expected = assertThrows(IllegalArgumentException.class, () -> loss.validate(p, targets)).getMessage();
                    assertEquals(bad[1], expected);
                    for (int threads : new int[] {1, 2, 4}) {
                        Parallelism.setThreads(threads);
                        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                                () -> loss.valueAndGradient(p, targets, null, new double[4000 * 5])).getMessage());
                        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                                () -> loss.perSample(p, targets)).getMessage());
                    }
                }
            }
            double[] sumOnly = clean.clone();
            sumOnly[2100 * 5 + 3] += 1e-3;
            Tensor p = Tensor.wrap(sumOnly, 4000, 5);
            Loss loss = Fixtures.crossEntropy("ignore_index", -100);
            String expected = assertThrows(IllegalArgumentException.class, () -> loss.validate(p, targets)).getMessage();
            assertEquals(true, expected.startsWith("probability row 2100 sums to "), expected);
            for (int threads : new int[] {1, 2, 4}) {
                Parallelism.setThreads(threads);
                assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> loss.value(p, targets, null)).getMessage());
            }
        } finally {
            Parallelism.setThreads(original);
        }
    }
}
