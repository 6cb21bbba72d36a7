package dev.xent.losses.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.xent.core.GradientAndHessian;
import dev.xent.core.Losses;
import dev.xent.core.SecondOrderLoss;
import dev.xent.core.Tensor;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryFocalHessianTest {
    private static final long SEED = 20261203L;

    private static SecondOrderLoss focal(Map<String, Object> parameters) {
        return (SecondOrderLoss) Losses.create("binary_focal_cross_entropy", parameters);
    }

    /**
     * Central differences of the analytic gradient with step {@code h = 1e-5 max(1, |x|)}: truncation
     * {@code h^2 |l''''| / 6}, a few 1e-9 for logits of moderate size and probabilities inside
     * [0.02, 0.98]; rounding {@code eps |l'| / h}, about 1e-11. 1e-5 (relative to max(1, |l''|)) is far
     * below any wrong term.
     */
    private static void assertHessianMatchesFiniteDifferences(SecondOrderLoss loss, double[] x, double[] y,
                                                              double[] w) {
        Tensor targets = Tensor.of(y);
        Tensor weights = w == null ? null : Tensor.of(w);
        GradientAndHessian both = loss.gradientAndHessian(Tensor.of(x), targets, weights);
        assertArrayEquals(loss.gradient(Tensor.of(x), targets, weights).toArray(), both.gradient().toArray(), 0.0);
        for (int i = 0; i < x.length; i++) {
            double h = 1e-5 * Math.max(1, Math.abs(x[i]));
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            double difference = (loss.gradient(Tensor.of(plus), targets, weights).getFlat(i)
                    - loss.gradient(Tensor.of(minus), targets, weights).getFlat(i)) / (2 * h);
            double analytic = both.hessianDiagonal().getFlat(i);
            int index = i;
            assertEquals(difference, analytic, 1e-5 * Math.max(1, Math.abs(difference)),
                    () -> loss + " at x = " + x[index] + ", y = " + y[index]);
        }
    }

    @Test
    void hessianOnLogitsMatchesFiniteDifferencesOfTheGradientForHardAndSoftLabels() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(doubles().between(0, 5), longs().all())
                .checkAssert((gamma, seed) -> {
                    Random random = new Random(seed);
                    Map<String, Object> parameters = new HashMap<>(Map.of("from_logits", true, "gamma", gamma,
                            "reduction", random.nextBoolean() ? "sum" : "mean"));
                    parameters.put("alpha", random.nextBoolean() ? null : random.nextDouble());
                    parameters.put("label_smoothing", random.nextInt(4) == 0 ? 0.2 * random.nextDouble() : 0.0);
                    int n = 8;
                    double[] x = new double[n];
                    double[] y = new double[n];
                    double[] w = new double[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = 16 * random.nextDouble() - 8;
                        y[i] = random.nextInt(3) == 0 ? random.nextDouble() : random.nextInt(2);
                        w[i] = 0.1 + 2 * random.nextDouble();
                    }
                    assertHessianMatchesFiniteDifferences(focal(parameters), x, y, random.nextBoolean() ? w : null);
                });
    }

    @Test
    void hessianOnProbabilitiesMatchesFiniteDifferencesOfTheGradient() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(doubles().between(0, 5), longs().all())
                .checkAssert((gamma, seed) -> {
                    Random random = new Random(seed);
                    Map<String, Object> parameters = new HashMap<>(Map.of("gamma", gamma, "reduction", "sum"));
                    parameters.put("alpha", random.nextBoolean() ? null : random.nextDouble());
                    int n = 8;
                    double[] p = new double[n];
                    double[] y = new double[n];
                    for (int i = 0; i < n; i++) {
                        p[i] = 0.02 + 0.96 * random.nextDouble();
                        y[i] = random.nextInt(3) == 0 ? random.nextDouble() : random.nextInt(2);
                    }
                    assertHessianMatchesFiniteDifferences(focal(parameters), p, y, null);
                });
    }

    @Test
    void withGammaZeroAndNoAlphaTheHessianIsBinaryCrossEntropys() {
        double[] x = {-30, -3, -0.5, 0, 0.7, 4, 25};
        double[] y = {1, 0, 1, 0.3, 0, 1, 0};
        Map<String, Object> parameters = Map.of("from_logits", true, "gamma", 0.0, "reduction", "sum");
        SecondOrderLoss bce = (SecondOrderLoss) Losses.create("binary_cross_entropy",
                Map.of("from_logits", true, "reduction", "sum"));
        assertArrayEquals(bce.gradientAndHessian(Tensor.of(x), Tensor.of(y), null).hessianDiagonal().toArray(),
                focal(parameters).gradientAndHessian(Tensor.of(x), Tensor.of(y), null).hessianDiagonal().toArray(),
                1e-16);
    }

    @Test
    void hessianIsFiniteAtInfiniteAndHugeLogitsAndNegativeOnlyForBadlyMisclassifiedElements() {
        double inf = Double.POSITIVE_INFINITY;
        double[] x = {inf, -inf, inf, -inf, 1e300, -1e300, 40, -40, 2, 0.5};
        double[] y = {1, 1, 0, 0, 0.3, 0.7, 1, 1, 1, 0};
        for (double gamma : new double[] {0, 0.5, 1, 2, 4}) {
            double[] hessian = focal(Map.of("from_logits", true, "gamma", gamma, "reduction", "none"))
                    .gradientAndHessian(Tensor.of(x), Tensor.of(y), null).hessianDiagonal().toArray();
            for (int i = 0; i < x.length; i++) {
                assertTrue(Double.isFinite(hessian[i]), "gamma " + gamma + ", x = " + x[i] + ": " + hessian[i]);
            }
            // Correct or mildly wrong predictions (z = (1 - 2y) x < 2 here): convex.
            assertTrue(hessian[8] > 0 && hessian[9] > 0, "gamma " + gamma);
        }
        // y = 1 at x = -8 (z = 8 > 2 + 1/gamma): the focal loss bends down there.
        double misclassified = focal(Map.of("from_logits", true, "gamma", 2.0, "reduction", "none"))
                .gradientAndHessian(Tensor.of(-8.0), Tensor.of(1.0), null).hessianDiagonal().getFlat(0);
        assertTrue(misclassified < 0, "hessian " + misclassified);
    }
}
