package dev.xent.core;

import dev.xent.core.numeric.FirstIndex;
import java.util.function.DoublePredicate;

/**
 * Input checks shared by the built-in losses and available to plugin authors. Every check throws
 * {@link IllegalArgumentException} whose message names the offending position (index, or row and
 * column) and value, and what is allowed.
 */
public final class Validate {
    /** How far a row of probabilities or target distribution may sum from 1. */
    public static final double ROW_SUM_TOLERANCE = 1e-6;
    /** Elements per chunk of the element checks, which run in parallel on large tensors (first offender wins). */
    private static final int GRAIN = 1 << 16;

    private Validate() {
    }

    /** Predictions and targets must have the same shape (no broadcasting, no silent reshape). */
    public static void sameShape(Tensor predictions, Tensor targets) {
        if (!predictions.sameShape(targets)) {
            throw new IllegalArgumentException("shape mismatch: predictions " + predictions.shapeString()
                    + " but targets " + targets.shapeString());
        }
    }

    /** Every element is not NaN (infinities allowed). */
    public static void notNaN(String what, Tensor t) {
        int i = FirstIndex.find(t.size(), GRAIN, (from, to) -> {
            for (int j = from; j < to; j++) {
                if (Double.isNaN(t.getFlat(j))) {
                    return j;
                }
            }
            return -1;
        });
        if (i >= 0) {
            throw new IllegalArgumentException(what + " " + position(t, i) + " is NaN");
        }
    }

    /** Every element is finite. */
    public static void finite(String what, Tensor t) {
        int i = FirstIndex.find(t.size(), GRAIN, (from, to) -> {
            for (int j = from; j < to; j++) {
                if (!Double.isFinite(t.getFlat(j))) {
                    return j;
                }
            }
            return -1;
        });
        if (i >= 0) {
            throw new IllegalArgumentException(what + " " + position(t, i) + " is " + t.getFlat(i) + "; must be finite");
        }
    }

    /**
     * Every element lies in {@code [low, high]}; NaN is always rejected. With {@code high =
     * Double.MAX_VALUE} (finite values only) the message shows {@code [low, inf)}.
     */
    public static void inClosedRange(String what, Tensor t, double low, double high) {
        int i = FirstIndex.find(t.size(), GRAIN, (from, to) -> {
            for (int j = from; j < to; j++) {
                double v = t.getFlat(j);
                if (!(v >= low && v <= high)) {
                    return j;
                }
            }
            return -1;
        });
        if (i >= 0) {
            // A bound of Double.MAX_VALUE means "every finite number": open at infinity, as TargetDomain says.
            String upper = high == Double.MAX_VALUE ? "inf)" : format(high) + "]";
            throw new IllegalArgumentException(what + " " + position(t, i) + " is " + t.getFlat(i) + "; allowed: ["
                    + format(low) + ", " + upper);
        }
    }

    /**
     * Every element satisfies {@code allowed}, described to users as {@code allowedText} (e.g.
     * {@code "0 or 1"}); the message names the first element that does not.
     */
    public static void every(String what, Tensor t, DoublePredicate allowed, String allowedText) {
        int i = FirstIndex.find(t.size(), GRAIN, (from, to) -> {
            for (int j = from; j < to; j++) {
                if (!allowed.test(t.getFlat(j))) {
                    return j;
                }
            }
            return -1;
        });
        if (i >= 0) {
            throw new IllegalArgumentException(what + " " + position(t, i) + " is " + t.getFlat(i) + "; allowed: "
                    + allowedText);
        }
    }

    /** Each row of the matrix sums to 1 within {@code tolerance}. */
    public static void rowsSumToOne(String what, Tensor matrix, double tolerance) {
        int columns = matrix.rowLength();
        for (int r = 0; r < matrix.rows(); r++) {
            double sum = 0;
            for (int c = 0; c < columns; c++) {
                sum += matrix.getFlat(r * columns + c);
            }
            if (!(Math.abs(sum - 1.0) <= tolerance)) {
                throw new IllegalArgumentException(what + " row " + r + " sums to " + sum
                        + "; rows must sum to 1 (within " + tolerance + ")");
            }
        }
    }

    /**
     * Class-wise inputs: predictions are an N x C matrix; targets are either N class indices in
     * {@code [0, C)} or an N x C matrix of distributions (non-negative rows summing to 1).
     */
    public static void classTargets(Tensor predictions, Tensor targets) {
        classTargets(predictions, targets, null);
    }

    /**
     * As {@link #classTargets(Tensor, Tensor)}, where an index target equal to {@code ignoreIndex}
     * (if not null) is also allowed.
     */
    public static void classTargets(Tensor predictions, Tensor targets, Integer ignoreIndex) {
        classTargetShapes(predictions, targets);
        if (targets.rank() == 2) {
            inClosedRange("target", targets, 0.0, Double.MAX_VALUE);
            rowsSumToOne("target", targets, ROW_SUM_TOLERANCE);
            return;
        }
        int classes = predictions.dim(1);
        for (int r = 0; r < targets.dim(0); r++) {
            double v = targets.getFlat(r);
            boolean ignored = ignoreIndex != null && v == ignoreIndex;
            if (!ignored && !(v >= 0 && v < classes && v == Math.rint(v))) {
                throw new IllegalArgumentException("class index at row " + r + " is " + v
                        + "; allowed: an integer in [0, " + classes + ")"
                        + (ignoreIndex == null ? "" : " or the ignore_index " + ignoreIndex));
            }
        }
    }

    /**
     * {@link #classTargets(Tensor, Tensor, Integer)}'s checks of shapes only, not of the targets' values
     * (class indices; distributions in {@code [0, inf)} with rows summing to 1 within
     * {@link #ROW_SUM_TOLERANCE}): for kernels that check those as they read them, and on a failure call
     * {@code classTargets} for its error.
     */
    public static void classTargetShapes(Tensor predictions, Tensor targets) {
        if (predictions.rank() != 2) {
            throw new IllegalArgumentException("predictions must be an N x C matrix; shape is "
                    + predictions.shapeString());
        }
        int rows = predictions.dim(0);
        if (targets.rank() == 1) {
            if (targets.dim(0) != rows) {
                throw new IllegalArgumentException("shape mismatch: predictions " + predictions.shapeString()
                        + " need " + rows + " class indices but targets have shape " + targets.shapeString());
            }
        } else if (targets.rank() == 2) {
            if (!predictions.sameShape(targets)) {
                throw new IllegalArgumentException("shape mismatch: predictions " + predictions.shapeString()
                        + " but target distributions " + targets.shapeString());
            }
        } else {
            throw new IllegalArgumentException("targets must be a vector of " + rows
                    + " class indices or an N x C matrix of distributions; shape is " + targets.shapeString());
        }
    }

    /**
     * Sample weights: {@code rows} finite, non-negative values, not all zero. Null means no weights and
     * passes.
     */
    public static void sampleWeights(Tensor weights, int rows) {
        if (weights == null) {
            return;
        }
        if (weights.rank() > 1 || weights.size() != rows) {
            throw new IllegalArgumentException("sample weights must be a vector of " + rows
                    + " values (one per row); shape is " + weights.shapeString());
        }
        boolean anyPositive = false;
        for (int i = 0; i < weights.size(); i++) {
            double w = weights.getFlat(i);
            if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("sample weight at row " + i + " is " + w
                        + "; must be finite and >= 0");
            }
            anyPositive |= w > 0;
        }
        if (!anyPositive) {
            throw new IllegalArgumentException("all " + rows + " sample weights are zero");
        }
    }

    /** "at index 4" for vectors, "at row 2, column 1" for matrices, "at [1, 0, 2]" for higher ranks. */
    public static String position(Tensor t, int flatIndex) {
        int[] shape = t.shape();
        if (shape.length == 0) {
            return "(scalar)";
        }
        if (shape.length == 1) {
            return "at index " + flatIndex;
        }
        if (shape.length == 2) {
            return "at row " + flatIndex / shape[1] + ", column " + flatIndex % shape[1];
        }
        int[] index = new int[shape.length];
        int rest = flatIndex;
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            index[axis] = rest % shape[axis];
            rest /= shape[axis];
        }
        return "at " + java.util.Arrays.toString(index);
    }

    private static String format(double v) {
        if (v == Double.MAX_VALUE || v == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
