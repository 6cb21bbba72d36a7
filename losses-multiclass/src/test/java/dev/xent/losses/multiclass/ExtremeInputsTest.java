package dev.xent.losses.multiclass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import org.junit.jupiter.api.Test;

/** Explicit tables of extreme inputs: huge and infinite logits, clipped probabilities, subnormals. */
class ExtremeInputsTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double LOG2 = Math.log(2);
    private static final double LOG3 = Math.log(3);

    private static final Loss NONE = Fixtures.crossEntropy("from_logits", true, "reduction", "none");

    /** logits (one row of three), label, expected loss (exact limits), expected gradient. */
    private static final Object[][] TABLE = {
        {new double[] {1e300, -1e300, 0}, 0, 0.0, new double[] {0, 0, 0}},
        {new double[] {1e300, -1e300, 0}, 1, 2e300, new double[] {1, -1, 0}},
        {new double[] {1e300, -1e300, 0}, 2, 1e300, new double[] {1, 0, -1}},
        {new double[] {-1e300, 1e300, 0}, 1, 0.0, new double[] {0, 0, 0}},
        {new double[] {1e3, 0, -1e3}, 1, 1e3, new double[] {1, -1, 0}},
        {new double[] {1e3, 0, -1e3}, 2, 2e3, new double[] {1, 0, -1}},
        {new double[] {-1e3, -1e3, -1e3}, 0, LOG3, new double[] {1 / 3.0 - 1, 1 / 3.0, 1 / 3.0}},
        {new double[] {1e300, 1e300, 1e300}, 1, LOG3, new double[] {1 / 3.0, 1 / 3.0 - 1, 1 / 3.0}},
        {new double[] {-1e300, -1e300, -1e300}, 2, LOG3, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0 - 1}},
        {new double[] {1e308, -1e308, 0}, 1, INF, new double[] {1, -1, 0}}, // 2e308 overflows: the rounded value
        {new double[] {INF, 0, 0}, 0, 0.0, new double[] {0, 0, 0}},
        {new double[] {INF, 0, 0}, 1, INF, new double[] {1, -1, 0}},
        {new double[] {INF, INF, 0}, 0, LOG2, new double[] {-0.5, 0.5, 0}},
        {new double[] {INF, INF, 0}, 2, INF, new double[] {0.5, 0.5, -1}},
        {new double[] {-INF, 0, 0}, 1, LOG2, new double[] {0, -0.5, 0.5}},
        {new double[] {-INF, 0, 0}, 0, INF, new double[] {-1, 0.5, 0.5}},
        {new double[] {-INF, -INF, 5}, 2, 0.0, new double[] {0, 0, 0}},
        {new double[] {INF, -INF, 1e300}, 0, 0.0, new double[] {0, 0, 0}},
        {new double[] {INF, -INF, 1e300}, 2, INF, new double[] {1, 0, -1}},
        {new double[] {INF, INF, INF}, 1, LOG3, new double[] {1 / 3.0, 1 / 3.0 - 1, 1 / 3.0}},
        {new double[] {-INF, -INF, -INF}, 0, LOG3, new double[] {1 / 3.0 - 1, 1 / 3.0, 1 / 3.0}},
    };

    @Test
    void extremeLogitsGiveTheirLimitsAndFiniteGradients() {
        for (Object[] row : TABLE) {
            double[] x = (double[]) row[0];
            Tensor logits = Tensor.wrap(x, 1, 3);
            Tensor label = Tensor.of((int) row[1]);
            String where = java.util.Arrays.toString(x) + " label " + row[1];
            assertEquals((double) row[2], NONE.perSample(logits, label).getFlat(0), 1e-15 * Math.max(1, (double) row[2]), where);
            assertArrayEquals((double[]) row[3], NONE.gradient(logits, label).toArray(), 1e-15, where);
            // The same row as a one-hot distribution target gives the same limits.
            Tensor oneHot = Fixtures.oneHot(label, 3);
            assertEquals((double) row[2], NONE.perSample(logits, oneHot).getFlat(0), 1e-15 * Math.max(1, (double) row[2]), where);
            assertArrayEquals((double[]) row[3], NONE.gradient(logits, oneHot).toArray(), 1e-15, where);
        }
    }

    @Test
    void classesTheTargetDoesNotWantContributeNothingEvenAtMinusInfinity() {
        Tensor logits = Tensor.of(new double[][] {{-INF, 0, 0}});
        Tensor q = Tensor.of(new double[][] {{0, 0.5, 0.5}});
        assertEquals(LOG2, NONE.perSample(logits, q).getFlat(0), 1e-16);
        assertArrayEquals(new double[] {0, 0, 0}, NONE.gradient(logits, q).toArray(), 1e-16);
    }

    @Test
    void allEqualLogitsCostLogC() {
        for (int classes : new int[] {1, 2, 3, 10, 1000}) {
            for (double v : new double[] {0, -7.5, 1e3, -1e3, 1e300, -1e300}) {
                Tensor logits = Tensor.filled(v, 2, classes);
                Tensor labels = Tensor.of(0, classes - 1);
                double expected = Math.log(classes);
                assertEquals(expected, Fixtures.crossEntropy("from_logits", true).value(logits, labels),
                        4 * Math.ulp(Math.max(expected, 1)), classes + " classes at " + v);
            }
        }
    }

    @Test
    void confidentRowsKeepTheirRelativePrecision() {
        // log1p(2 e^-40) and the focal term 0.25 (s / (1 + s))^2 log1p(s) with s = 2 e^-40: a plain
        // 1 - p or log(1 + s) would round both to 0.
        Tensor logits = Tensor.of(new double[][] {{40, 0, 0}});
        double s = 2 * Math.exp(-40);
        double crossEntropy = Math.log1p(s);
        assertEquals(crossEntropy, NONE.perSample(logits, Tensor.of(0)).getFlat(0), 1e-15 * crossEntropy);
        double complement = s / (1 + s);
        double focal = 0.25 * complement * complement * Math.log1p(s);
        assertEquals(focal, Fixtures.focal("from_logits", true).perSample(logits, Tensor.of(0)).getFlat(0), 1e-14 * focal);
        // The gradient of the labelled class is -(1 - p) to full relative precision.
        double g = NONE.gradient(logits, Tensor.of(0)).getFlat(0);
        assertEquals(-complement, g, 1e-15 * complement);
    }

    @Test
    void focalLossOfHugeLogitsStaysFinite() {
        Loss focal = Fixtures.focal("from_logits", true, "reduction", "none");
        Tensor logits = Tensor.of(new double[][] {{1e300, -1e300, 0}});
        assertEquals(0.0, focal.perSample(logits, Tensor.of(0)).getFlat(0), 0.0);
        assertEquals(0.25 * 2e300, focal.perSample(logits, Tensor.of(1)).getFlat(0), 1e285);
        Tensor g = focal.gradient(logits, Tensor.of(1));
        for (double v : g.toArray()) {
            assertTrue(Double.isFinite(v), g::toString);
        }
    }

    @Test
    void clippedProbabilitiesHaveZeroGradientAndCostTheClip() {
        // p = [1, 0, 0] and label 1: p_1 = 0 is clipped to eps, so the loss is -log(eps) and the
        // gradient at the clipped points is 0 (the clamp convention); inside the clip it is -1/p.
        Loss loss = Fixtures.crossEntropy("reduction", "none");
        Tensor p = Tensor.of(new double[][] {{1, 0, 0}, {0.5, 0.5, 0}});
        Tensor y = Tensor.of(1, 1);
        assertArrayEquals(new double[] {-Math.log(1e-7), Math.log(2)}, loss.perSample(p, y).toArray(), 1e-15);
        assertArrayEquals(new double[] {0, 0, 0, 0, -2, 0}, loss.gradient(p, y).toArray(), 1e-15);
    }

    @Test
    void subnormalProbabilitiesAreClippedLikeZeros() {
        Loss loss = Fixtures.crossEntropy("reduction", "none");
        Tensor p = Tensor.of(new double[][] {{Double.MIN_VALUE, 1 - Double.MIN_VALUE, 0}});
        assertEquals(-Math.log(1e-7), loss.perSample(p, Tensor.of(0)).getFlat(0), 1e-14);
        assertEquals(-Math.log(1 - 1e-7), loss.perSample(p, Tensor.of(1)).getFlat(0), 1e-22);
    }
}
