package dev.xent.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Tensor;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

    @Test
    void aCorrectGradientPassesWithATinyError() {
        double[] points = {-2, 0.5, 3};
        GradientCheck.Report report = GradientCheck.check(x -> x.mul(x).mul(x).add(x.tanh()), Tensor.of(points));
        assertTrue(report.within(1e-9), report.toString());
        double[] analytic = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            analytic[i] = 3 * points[i] * points[i] + 1 - Math.tanh(points[i]) * Math.tanh(points[i]);
        }
        assertArrayEquals(analytic, report.actual().toArray(), 1e-12);
        assertArrayEquals(analytic, report.expected().toArray(), 1e-8);
    }

    @Test
    void centralDifferencesOfAScalarFunctionUseARelativeStep() {
        // h = 6e-6 * max(1, |x|): 6e-3 at x = 1000, where an absolute 6e-6 would drown in rounding.
        Tensor gradient = GradientCheck.centralDifferences(
                t -> 1e-6 * Math.pow(t.getFlat(0), 3) + t.getFlat(1) * t.getFlat(1), Tensor.of(1e3, 5));
        assertArrayEquals(new double[] {3, 10}, gradient.toArray(), 1e-6);
    }

    @Test
    void centralDifferencesByRowAgreeWithThoseOfTheWholeSumInTwoCallsPerColumn() {
        // f = sum_r (x_r0^3 + x_r0 x_r1 + sin x_r1): each row's term depends on its own row only.
        Tensor x = Tensor.of(new double[][] {{1, 2}, {-3, 0.5}, {1e3, -4}});
        java.util.function.Function<Tensor, double[]> rows = t -> {
            double[] terms = new double[t.rows()];
            for (int r = 0; r < t.rows(); r++) {
                double a = t.getFlat(2 * r);
                double b = t.getFlat(2 * r + 1);
                terms[r] = a * a * a + a * b + Math.sin(b);
            }
            return terms;
        };
        int[] calls = {0};
        Tensor byRow = GradientCheck.centralDifferencesByRow(t -> {
            calls[0]++;
            return rows.apply(t);
        }, x, new int[] {0, 1}, GradientCheck.DEFAULT_STEP);
        Tensor whole = GradientCheck.centralDifferences(rows, x, GradientCheck.DEFAULT_STEP);
        assertEquals(4, calls[0], "two evaluations per column, whatever the number of rows");
        assertArrayEquals(whole.toArray(), byRow.toArray(), 1e-6 * 3e6);
        assertArrayEquals(new double[] {5, 1 + Math.cos(2), 27.5, -3 + Math.cos(0.5)},
                java.util.Arrays.copyOf(byRow.toArray(), 4), 1e-6);
        Tensor secondColumn = GradientCheck.centralDifferencesByRow(rows, x, new int[] {1}, GradientCheck.DEFAULT_STEP);
        // Row 2's term is about 1e9: rounding limits its difference to about 1e-16 * 1e9 / h.
        assertArrayEquals(new double[] {1 + Math.cos(2), -3 + Math.cos(0.5), 1e3 + Math.cos(-4)},
                secondColumn.toArray(), 1e-3);
    }

    @Test
    void errorsAreMeasuredInTheInfinityNorm() {
        GradientCheck.Report report = GradientCheck.compare(Tensor.of(1, 100), Tensor.of(1.1, 100));
        assertEquals(0.1, report.maxAbsoluteError(), 1e-12);
        assertEquals(0.001, report.maxRelativeError(), 1e-12);
        assertTrue(report.within(2e-3));
        assertFalse(report.within(5e-4));
    }

    @Test
    void zeroAndEqualInfiniteGradientsAgreeButNaNNeverDoes() {
        assertEquals(0.0, GradientCheck.compare(Tensor.zeros(2), Tensor.zeros(2)).maxRelativeError());
        Tensor infinite = Tensor.of(Double.POSITIVE_INFINITY);
        assertTrue(GradientCheck.compare(infinite, infinite).within(0));
        assertFalse(GradientCheck.compare(Tensor.of(1), Tensor.of(Double.NaN)).within(1e300));
        assertFalse(GradientCheck.compare(Tensor.of(1), infinite).within(1e300));
    }

    @Test
    void comparingDifferentShapesIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.compare(Tensor.zeros(2), Tensor.zeros(2, 1)));
        assertEquals("cannot compare shapes [2] and [2, 1]", e.getMessage());
    }
}
