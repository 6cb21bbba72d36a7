package dev.xent.losses.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.autodiff.GradientCheck;
import dev.xent.core.GradientAndHessian;
import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.SecondOrderLoss;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryCrossEntropyTest {
    private static final Tensor WORKED_LOGITS = Tensor.of(3, -2, 0.5, -40);
    private static final Tensor WORKED_TARGETS = Tensor.of(1, 0, 1, 1);

    // Fixed inputs for the PyTorch / scikit-learn comparisons.
    private static final Tensor MATRIX_LOGITS = Tensor.of(new double[][] {{0.3, -1.2}, {2.5, -0.7}, {-3.1, 4.2}});
    private static final Tensor MATRIX_TARGETS = Tensor.of(new double[][] {{1, 0}, {0.3, 1}, {0, 0.8}});
    private static final Tensor ROW_WEIGHTS = Tensor.of(0.5, 2.0, 1.25);
    private static final Tensor PROBABILITIES = Tensor.of(0.12, 0.5, 0.93, 0.71, 0.004);
    private static final Tensor SOFT_TARGETS = Tensor.of(0, 1, 1, 0, 0.6);
    private static final Tensor WEIGHTS = Tensor.of(1, 2, 0.5, 3, 1);

    private static SecondOrderLoss bce(Map<String, ?> parameters) {
        return assertInstanceOf(SecondOrderLoss.class, Losses.create("binary_cross_entropy", parameters));
    }

    private static void assertClose(double[] expected, double[] actual, double relative) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * Math.max(1e-300, Math.abs(expected[i])), "element " + i);
        }
    }

    @Test
    void workedExampleFromTheIssueGivesTheHandCheckedNumbers() {
        Loss loss = bce(Map.of("from_logits", true, "pos_weight", 2.0, "reduction", "none"));
        double[] perSample = loss.perSample(WORKED_LOGITS, WORKED_TARGETS).toArray();
        double[] rounded = new double[4];
        for (int i = 0; i < 4; i++) {
            rounded[i] = Math.round(perSample[i] * 1e6) / 1e6;
        }
        assertArrayEquals(new double[] {0.097175, 0.126928, 0.948154, 80.0}, rounded);
        // PyTorch 1.13: binary_cross_entropy_with_logits(x, y, pos_weight=2., reduction='none'), float64.
        // PyTorch forms log(exp(-m) + exp(-x - m)) where we use log1p, so the first element differs in the
        // 15th digit (ours is the correctly rounded 2 log1p(e^-3), checked with mpmath at 40 digits).
        assertClose(new double[] {0.09717470314748393, 0.1269280110429727, 0.9481539683602134, 80.0}, perSample, 1e-12);
        assertEquals(0.09717470314748412, perSample[0]);
        // Its mean and gradient, from .mean().backward() in PyTorch.
        Loss mean = bce(Map.of("from_logits", true, "pos_weight", 2.0));
        assertEquals(20.293064170637667, mean.value(WORKED_LOGITS, WORKED_TARGETS), 1e-15 * 20.3);
        assertClose(new double[] {-0.023712936588783318, 0.029800730505529387, -0.1887703343990727, -0.5},
                mean.gradient(WORKED_LOGITS, WORKED_TARGETS).toArray(), 1e-14);
    }

    @Test
    void matchesPyTorchWithLogitsPosWeightAndRowWeights() {
        // PyTorch 1.13, float64: binary_cross_entropy_with_logits(x, y, weight=w[:, None], pos_weight=1.7,
        // reduction='sum') and its gradient by backward().
        Loss sum = bce(Map.of("from_logits", true, "pos_weight", 1.7, "reduction", "sum"));
        assertEquals(9.178693171199248, sum.value(MATRIX_LOGITS, MATRIX_TARGETS, ROW_WEIGHTS), 1e-12 * 9.18);
        assertClose(new double[] {-0.3617238607100898, 0.11573760825049119, 1.2164232043485907, -2.2718384253717643,
                0.053884068676357644, 0.22119063819811768},
                sum.gradient(MATRIX_LOGITS, MATRIX_TARGETS, ROW_WEIGHTS).toArray(), 1e-12);
        // reduction='mean' without weight: the mean over all 6 elements.
        Loss mean = bce(Map.of("from_logits", true, "pos_weight", 1.7));
        assertEquals(0.972307108293426, mean.value(MATRIX_LOGITS, MATRIX_TARGETS), 1e-12);
        assertClose(new double[] {-0.12057462023669659, 0.03857920275016373, 0.10136860036238256, -0.18931986878098037,
                0.007184542490181019, 0.02949208509308236}, mean.gradient(MATRIX_LOGITS, MATRIX_TARGETS).toArray(), 1e-12);
        // reduction='none', pos_weight 1.
        assertClose(new double[] {0.554355244468527, 0.2632824673380313, 1.8288897342925496, 1.103186048885458,
                0.04406396793857386, 0.854884254671918},
                bce(Map.of("from_logits", true, "reduction", "none")).perSample(MATRIX_LOGITS, MATRIX_TARGETS).toArray(), 1e-12);
    }

    @Test
    void matchesPyTorchOnProbabilities() {
        // PyTorch 1.13, float64: binary_cross_entropy(p, y) (mean) and with weight=w, reduction='sum'.
        Loss mean = bce(Map.of());
        assertEquals(1.0891810720365291, mean.value(PROBABILITIES, SOFT_TARGETS), 1e-12);
        assertClose(new double[] {0.22727272727272724, -0.4, -0.2150537634408602, 0.6896551724137929, -29.91967871485944},
                mean.gradient(PROBABILITIES, SOFT_TARGETS).toArray(), 1e-12);
        Loss sum = bce(Map.of("reduction", "sum"));
        assertEquals(8.578515906328409, sum.value(PROBABILITIES, SOFT_TARGETS, WEIGHTS), 1e-12 * 8.6);
        assertClose(new double[] {1.1363636363636362, -4.0, -0.5376344086021505, 10.344827586206895, -149.5983935742972},
                sum.gradient(PROBABILITIES, SOFT_TARGETS, WEIGHTS).toArray(), 1e-12);
    }

    @Test
    void matchesScikitLearnLogLossWithAndWithoutSampleWeights() {
        // scikit-learn 1.2.1: log_loss([0,1,1,0,1], p) and log_loss(..., sample_weight=[1,2,0.5,3,1]).
        Tensor labels = Tensor.of(0, 1, 1, 0, 1);
        Loss logLoss = Losses.create("log_loss");
        assertEquals(1.5305773037537058, logLoss.value(PROBABILITIES, labels), 1e-12 * 1.53);
        assertEquals(1.4380662753219056, logLoss.value(PROBABILITIES, labels, WEIGHTS), 1e-12 * 1.44);
    }

    @Test
    void extremeLogitsGiveFiniteGradientsAndExactLimits() {
        double[] logits = {1e3, -1e3, 1e300, -1e300, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-12, -1e-12, 0.0};
        for (LossCases.Config config : LossCases.all()) {
            if (!config.fromLogits() || !"none".equals(config.parameters().get("reduction"))) {
                continue;
            }
            Loss loss = config.create();
            for (double y : new double[] {0, 1, 0.3}) {
                double[] targets = new double[logits.length];
                java.util.Arrays.fill(targets, y);
                Tensor x = Tensor.of(logits);
                double[] values = loss.perSample(x, Tensor.of(targets)).toArray();
                double[] gradient = loss.gradient(x, Tensor.of(targets)).toArray();
                for (int i = 0; i < logits.length; i++) {
                    String where = config + " at x = " + logits[i] + ", y = " + y;
                    assertTrue(Double.isFinite(gradient[i]), where + ": gradient " + gradient[i]);
                    assertTrue(values[i] >= 0, where + ": value " + values[i]);
                    if (Double.isFinite(logits[i])) {
                        assertTrue(Double.isFinite(values[i]), where + ": value " + values[i]);
                    } else {
                        // The limit: 0 when the infinite logit agrees with a hard (unsmoothed) label, else +inf.
                        boolean agrees = (Double) config.parameters().get("label_smoothing") == 0.0
                                && (logits[i] > 0 ? y == 1 : y == 0);
                        assertEquals(agrees ? 0.0 : Double.POSITIVE_INFINITY, values[i], where);
                    }
                }
            }
        }
        Loss plain = bce(Map.of("from_logits", true, "pos_weight", 2.0, "reduction", "none"));
        double[] extremes = plain.perSample(Tensor.of(1e300, -1e300, 1e-12), Tensor.of(0, 1, 0.5)).toArray();
        assertEquals(1e300, extremes[0]);
        assertEquals(2e300, extremes[1]);
        // 0.5 softplus(x) + softplus(-x) = 1.5 log 2 - x / 4 + O(x^2): 1.039720770839667964... (mpmath, 40 digits)
        assertEquals(1.039720770839667964, extremes[2], Math.ulp(1.04));
        assertArrayEquals(new double[] {1.0, -2.0, 0.0, 0.0},
                plain.gradient(Tensor.of(1e300, -1e300, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY),
                        Tensor.of(0, 1, 1, 0)).toArray());
    }

    @Test
    void clippedProbabilitiesGetZeroGradientAndEpsilonZeroGivesInfinity() {
        Loss clipped = bce(Map.of("reduction", "none"));
        Tensor p = Tensor.of(0.0, 1e-9, 1e-7, 1.0);
        Tensor y = Tensor.of(1, 1, 1, 0);
        double log = -Math.log(1e-7);
        assertClose(new double[] {log, log, log, -Math.log1p(-(1 - 1e-7))}, clipped.perSample(p, y).toArray(), 1e-15);
        // Outside [eps, 1 - eps] the clip passes no gradient; at the bound itself it does.
        assertArrayEquals(new double[] {0, 0, -1 / 1e-7, 0}, clipped.gradient(p, y).toArray());

        Loss unclipped = bce(Map.of("epsilon", 0.0, "reduction", "none"));
        Tensor edges = Tensor.of(0, 1, 0, 1);
        Tensor labels = Tensor.of(1, 0, 0, 1);
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 0},
                unclipped.perSample(edges, labels).toArray());
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1, -1},
                unclipped.gradient(edges, labels).toArray());
    }

    @Test
    void hessianMatchesClosedFormAndFiniteDifferencesOfTheGradient() {
        // (1 + (pw - 1) y) sigmoid(x) (1 - sigmoid(x)) / 4 with pw = 2, computed in PyTorch 1.13 (float64).
        GradientAndHessian worked = bce(Map.of("from_logits", true, "pos_weight", 2.0))
                .gradientAndHessian(WORKED_LOGITS, WORKED_TARGETS, null);
        assertClose(new double[] {0.022588329865456, 0.026248396350876627, 0.11750185610079725, 2.1241771276457944e-18},
                worked.hessianDiagonal().toArray(), 1e-14);
        for (LossCases.Config config : LossCases.all()) {
            if (!config.name().equals("binary_cross_entropy")) {
                continue;
            }
            SecondOrderLoss loss = (SecondOrderLoss) config.create();
            for (long seed = 0; seed < 10; seed++) {
                LossCases.Inputs in = LossCases.inputs(LossCases.SEED + seed, config.fromLogits());
                GradientAndHessian both = loss.gradientAndHessian(in.predictions(), in.targets(), in.weights());
                assertArrayEquals(loss.gradient(in.predictions(), in.targets(), in.weights()).toArray(),
                        both.gradient().toArray());
                double[] numeric = secondDerivativeByDifferences(loss, in);
                // Central differences of the analytic gradient: same error analysis as for the gradient.
                var report = GradientCheck.compare(Tensor.wrap(numeric, in.predictions().shape()), both.hessianDiagonal());
                assertTrue(report.within(1e-6), () -> config + " " + in + ": " + report);
            }
        }
    }

    private static double[] secondDerivativeByDifferences(Loss loss, LossCases.Inputs in) {
        double[] point = in.predictions().toArray();
        double[] result = new double[point.length];
        int[] shape = in.predictions().shape();
        for (int i = 0; i < point.length; i++) {
            double original = point[i];
            double h = GradientCheck.DEFAULT_STEP * Math.max(1, Math.abs(original));
            point[i] = original + h;
            double up = loss.gradient(Tensor.wrap(point.clone(), shape), in.targets(), in.weights()).getFlat(i);
            point[i] = original - h;
            double down = loss.gradient(Tensor.wrap(point.clone(), shape), in.targets(), in.weights()).getFlat(i);
            point[i] = original;
            result[i] = (up - down) / (2 * h);
        }
        return result;
    }

    @Test
    void higherRankInputsAreElementWiseWithOneWeightPerRow() {
        Loss none = bce(Map.of("from_logits", true, "reduction", "none"));
        Loss mean = bce(Map.of("from_logits", true));
        double[] x = {0.5, -1, 2, 3, -0.25, 4, -2, 1};
        double[] y = {1, 0, 0.5, 1, 0, 1, 1, 0};
        Tensor cube = Tensor.wrap(x.clone(), 2, 2, 2);
        Tensor cubeTargets = Tensor.wrap(y.clone(), 2, 2, 2);
        double[] flat = none.perSample(Tensor.of(x), Tensor.of(y)).toArray();
        Tensor perSample = none.perSample(cube, cubeTargets);
        assertArrayEquals(new int[] {2, 2, 2}, perSample.shape());
        assertArrayEquals(flat, perSample.toArray());
        double weighted = 0.25 * (flat[0] + flat[1] + flat[2] + flat[3]) + 3 * (flat[4] + flat[5] + flat[6] + flat[7]);
        // The mean's denominator is the total weight of the 8 elements: 4 * (0.25 + 3).
        assertEquals(weighted / 13, mean.value(cube, cubeTargets, Tensor.of(0.25, 3)), 1e-15);
    }

    @Test
    void threadCountDoesNotChangeTheBits() {
        Random random = new Random(LossCases.SEED);
        int n = 7 * 12_345; // five chunks and a ragged end
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 10 * random.nextGaussian();
            y[i] = random.nextDouble();
        }
        Tensor logits = Tensor.wrap(x, n / 7, 7);
        Tensor targets = Tensor.wrap(y, n / 7, 7);
        double[] w = new double[n / 7];
        for (int r = 0; r < w.length; r++) {
            w[r] = random.nextDouble();
        }
        Tensor weights = Tensor.wrap(w, w.length);
        int original = Parallelism.threads();
        try {
            for (String name : new String[] {"bce", "focal"}) {
                Loss loss = Losses.create(name, Map.of("from_logits", true));
                Parallelism.setThreads(1);
                var single = loss.valueAndGradient(logits, targets, weights);
                Parallelism.setThreads(2);
                var parallel = loss.valueAndGradient(logits, targets, weights);
                assertEquals(Double.doubleToRawLongBits(single.value()), Double.doubleToRawLongBits(parallel.value()), name);
                assertArrayEquals(single.gradient().toArray(), parallel.gradient().toArray(), name);
            }
        } finally {
            Parallelism.setThreads(original);
        }
    }

    @Test
    void reductionNoneGivesNoValueButEachElementsWeightedGradient() {
        Loss none = bce(Map.of("from_logits", true, "reduction", "none"));
        assertThrows(IllegalStateException.class, () -> none.value(WORKED_LOGITS, WORKED_TARGETS));
        assertThrows(IllegalStateException.class,
                () -> none.valueAndGradient(WORKED_LOGITS, WORKED_TARGETS, null, new double[4]));
        Tensor weights = Tensor.of(2, 0, 1, 0.5);
        double[] unweighted = none.gradient(WORKED_LOGITS, WORKED_TARGETS).toArray();
        double[] weighted = none.gradient(WORKED_LOGITS, WORKED_TARGETS, weights).toArray();
        for (int i = 0; i < 4; i++) {
            assertEquals(weights.getFlat(i) * unweighted[i], weighted[i]);
        }
    }
}
