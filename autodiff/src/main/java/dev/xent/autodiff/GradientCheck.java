package dev.xent.autodiff;

import dev.xent.core.Node;
import dev.xent.core.Tensor;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Checks gradients against central finite differences:
 * {@code (f(x + h e_i) - f(x - h e_i)) / 2h} with {@code h = step * max(1, |x_i|)}.
 *
 * <p>Errors are reported in the infinity norm: the absolute error is {@code max_i |a_i - b_i|}; the
 * relative error divides it by {@code max(max_i |a_i|, max_i |b_i|)}, so entries that are nearly
 * zero next to large ones do not inflate it (0 when both gradients are 0).
 */
public final class GradientCheck {
    /** {@code cbrt(machine epsilon)}: balances truncation error h^2 against rounding error eps/h. */
    public static final double DEFAULT_STEP = 6.0554544523933395e-6;

    private GradientCheck() {
    }

    /** How far two gradients are apart, and the gradients themselves. */
    public record Report(double maxAbsoluteError, double maxRelativeError, Tensor expected, Tensor actual) {
        /** Whether the relative error is at most {@code tolerance}. */
        public boolean within(double tolerance) {
            return maxRelativeError <= tolerance;
        }
    }

    /**
     * Compares the backward gradient of {@code sum(f(x))} with central differences of the same function.
     */
    public static Report check(Function<Node, Node> f, Tensor x) {
        Node input = Graph.variable(x);
        f.apply(input).backward();
        Tensor numeric = centralDifferences(t -> f.apply(Graph.constant(t)).value().toArray(), x, DEFAULT_STEP);
        return compare(numeric, input.gradient());
    }

    /** Central differences of a scalar function. */
    public static Tensor centralDifferences(ToDoubleFunction<Tensor> f, Tensor x) {
        return centralDifferences(t -> new double[] {f.applyAsDouble(t)}, x, DEFAULT_STEP);
    }

    /** Central differences of the (compensated) sum of a vector-valued function, with a relative step. */
    public static Tensor centralDifferences(Function<Tensor, double[]> f, Tensor x, double step) {
        double[] point = x.toArray();
        double[] gradient = new double[point.length];
        for (int i = 0; i < point.length; i++) {
            double original = point[i];
            double h = step * Math.max(1.0, Math.abs(original));
            point[i] = original + h;
            double up = sum(f.apply(Tensor.wrap(point.clone(), x.shape())));
            point[i] = original - h;
            double down = sum(f.apply(Tensor.wrap(point.clone(), x.shape())));
            point[i] = original;
            gradient[i] = (up - down) / (2 * h);
        }
        return Tensor.wrap(gradient, x.shape());
    }

    /**
     * Central differences of {@code sum_r f_r(x)} for a function whose value is a sum of row terms, the
     * term of row r depending only on row r of {@code x} (a vector's rows are its elements), with
     * respect to the elements in the given columns of every row. {@code rowValues} returns one term per
     * row of its argument. One column is perturbed in every row at once, with each element's own
     * relative step, and each row's difference is read from its own term: {@code 2 columns.length}
     * evaluations of {@code rowValues}, each over all rows, instead of two per element of the whole
     * sum; and no row's difference is rounded against the other rows' total.
     *
     * @return a {@code rows x columns.length} matrix
     */
    public static Tensor centralDifferencesByRow(Function<Tensor, double[]> rowValues, Tensor x, int[] columns,
                                                 double step) {
        double[] point = x.toArray();
        int rows = x.rows();
        int width = x.rowLength();
        double[] gradient = new double[rows * columns.length];
        double[] steps = new double[rows];
        for (int j = 0; j < columns.length; j++) {
            int c = columns[j];
            for (int r = 0; r < rows; r++) {
                steps[r] = step * Math.max(1.0, Math.abs(point[r * width + c]));
            }
            double[] up = rowValues.apply(shifted(point, x, r -> r * width + c, steps, 1));
            double[] down = rowValues.apply(shifted(point, x, r -> r * width + c, steps, -1));
            for (int r = 0; r < rows; r++) {
                gradient[r * columns.length + j] = (up[r] - down[r]) / (2 * steps[r]);
            }
        }
        return Tensor.wrap(gradient, rows, columns.length);
    }

    /** {@code point} with {@code sign * steps[r]} added to the element {@code index(r)} of every row r. */
    private static Tensor shifted(double[] point, Tensor x, java.util.function.IntUnaryOperator index, double[] steps,
                                  int sign) {
        double[] moved = point.clone();
        for (int r = 0; r < steps.length; r++) {
            int i = index.applyAsInt(r);
            moved[i] = point[i] + sign * steps[r];
        }
        return Tensor.wrap(moved, x.shape());
    }

    private static double sum(double[] values) {
        return dev.xent.core.numeric.CompensatedSum.of(values);
    }

    /** Infinity-norm absolute and relative differences between two tensors of the same shape. */
    public static Report compare(Tensor expected, Tensor actual) {
        if (!expected.sameShape(actual)) {
            throw new IllegalArgumentException("cannot compare shapes " + expected.shapeString() + " and " + actual.shapeString());
        }
        double maxDifference = 0;
        double scale = 0;
        for (int i = 0; i < expected.size(); i++) {
            double a = expected.getFlat(i);
            double b = actual.getFlat(i);
            double difference = a == b ? 0 : Math.abs(a - b); // equal infinities agree
            maxDifference = Math.max(maxDifference, Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference);
            scale = Math.max(scale, Math.max(Math.abs(a), Math.abs(b)));
        }
        double relative = maxDifference == 0 ? 0 : maxDifference / scale;
        return new Report(maxDifference, relative, expected, actual);
    }
}
