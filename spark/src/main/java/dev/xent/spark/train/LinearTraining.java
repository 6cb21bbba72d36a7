package dev.xent.spark.train;

import dev.xent.core.LogitTraining;
import dev.xent.spark.LossSpec;
import dev.xent.spark.ValueKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.math3.optim.ConvergenceChecker;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * Full-batch training of a linear model (logistic regression with one logit, softmax regression with
 * one logit per class) on a DataFrame, with any registered loss on logits, minimising
 * <pre>  objective = mean loss(X W + b, y) + l2 / 2 ||W||^2      (intercepts not penalised)</pre>
 * as the CLI's {@code train} task does. The rows are cached as blocks of a few thousand; every
 * evaluation of the objective and its gradient is one {@code treeAggregate} over the partitions, and
 * the driver runs the optimizer from W = 0, b = 0: {@link Optimizer#LBFGS} (the default: about one
 * distributed pass per iteration) or {@link Optimizer#CONJUGATE_GRADIENT} (commons-math3's
 * Polak-Ribiere with a Brent line search of tolerances 1e-10 relative and 1e-12 absolute and initial
 * bracket 1, the CLI's {@code conjugate_gradient}; about twenty passes per iteration).
 * <pre>{@code
 * LinearModel model = LinearTraining.of(LossSpec.of("focal", Map.of("gamma", 2.0)))
 *         .l2(0.01).fit(df, "features", "label", null, 2);
 * }</pre>
 */
public final class LinearTraining {
    private static final double LINE_SEARCH_RELATIVE_TOLERANCE = 1e-10;
    private static final double LINE_SEARCH_ABSOLUTE_TOLERANCE = 1e-12;
    private static final double LINE_SEARCH_BRACKET = 1.0;
    /** Rows per cached block. */
    public static final int BLOCK_ROWS = 4096;

    /** The driver-side optimizer; its JSON name is the lower-case name. */
    public enum Optimizer {
        LBFGS, CONJUGATE_GRADIENT;

        /** The JSON name: {@code lbfgs} or {@code conjugate_gradient}. */
        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final LossSpec loss;
    private Optimizer optimizer = Optimizer.LBFGS;
    private double l2;
    private int maxIterations = 100;
    private double tolerance = 1e-12;

    private LinearTraining(LossSpec loss) {
        this.loss = TrainingLoss.onLogits(loss);
    }

    /** Training with {@code loss} ({@code from_logits} is set for you where the loss has it). */
    public static LinearTraining of(LossSpec loss) {
        return new LinearTraining(loss);
    }

    /** The penalty strength (default 0). */
    public LinearTraining l2(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("l2 must be finite and >= 0, not " + value);
        }
        this.l2 = value;
        return this;
    }

    /** The optimizer (default {@link Optimizer#LBFGS}). */
    public LinearTraining optimizer(Optimizer value) {
        this.optimizer = java.util.Objects.requireNonNull(value, "optimizer");
        return this;
    }

    /** At most this many iterations (default 100). */
    public LinearTraining maxIterations(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("maxIterations must be >= 0, not " + value);
        }
        this.maxIterations = value;
        return this;
    }

    /** Stop when the objective's relative change in an iteration is at most this (default 1e-12). */
    public LinearTraining tolerance(double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0, not " + value);
        }
        this.tolerance = value;
        return this;
    }

    /** The loss as training uses it (on logits). */
    public LossSpec loss() {
        return loss;
    }

    /**
     * Fits on {@code data}: {@code features} an {@code array<double>} or ML Vector column, {@code label}
     * the class index in {@code [0, classes)}, {@code weight} an optional column of sample weights.
     */
    public LinearModel fit(Dataset<Row> data, String features, String label, String weight, int classes) {
        int outputs = LogitTraining.outputs(loss.loss(), classes);
        JavaRDD<FeatureBlock> blocks = blocks(data, features, label, weight, classes);
        try {
            return optimize(new LinearObjective(blocks, loss, inputs(blocks, features), outputs, l2));
        } finally {
            blocks.unpersist(false);
        }
    }

    /**
     * The mean loss (without the penalty) and the accuracy of {@code model} on other rows (e.g. a
     * validation set), as {@code {meanLoss, accuracy}}.
     */
    public double[] evaluate(LinearModel model, Dataset<Row> data, String features, String label, String weight,
                             int classes) {
        JavaRDD<FeatureBlock> blocks = blocks(data, features, label, weight, classes);
        try {
            int inputs = inputs(blocks, features);
            if (inputs != model.inputs()) {
                throw new IllegalArgumentException("column '" + features + "' (features) has " + inputs
                        + " values per row; the model has " + model.inputs());
            }
            LinearObjective.Point p = new LinearObjective(blocks, loss, inputs, model.outputs(), l2)
                    .evaluate(model.parameters(), false);
            return new double[] {p.meanLoss(), p.accuracy()};
        } finally {
            blocks.unpersist(false);
        }
    }

    private static JavaRDD<FeatureBlock> blocks(Dataset<Row> data, String features, String label, String weight,
                                                int classes) {
        ValueKind featureKind = ValueKind.of(features, ValueKind.field(data.schema(), features).dataType(), "features");
        if (featureKind == ValueKind.NUMBER) {
            throw new IllegalArgumentException("column '" + features + "' (features) must be an array<double> or an ML Vector");
        }
        if (ValueKind.of(label, ValueKind.field(data.schema(), label).dataType(), "label") != ValueKind.NUMBER) {
            throw new IllegalArgumentException("column '" + label + "' (label) must hold class indices (numbers)");
        }
        if (weight != null) {
            ValueKind.field(data.schema(), weight);
        }
        Column weightColumn = weight == null ? functions.lit(1.0) : functions.col(weight).cast("double");
        Dataset<Row> selected = data.select(functions.col(features), functions.col(label).cast("double"), weightColumn);
        return selected.toJavaRDD()
                .mapPartitions(rows -> toBlocks(rows, features, label, weight, classes))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** The common row length of the blocks (an error when rows differ or there are none). */
    private static int inputs(JavaRDD<FeatureBlock> blocks, String features) {
        List<Integer> widths = blocks.map(FeatureBlock::inputs).distinct().collect();
        if (widths.isEmpty()) {
            throw new IllegalArgumentException("no training rows");
        }
        if (widths.size() > 1) {
            throw new IllegalArgumentException("column '" + features + "' (features) has rows of different lengths: "
                    + widths);
        }
        return widths.get(0);
    }

    private static Iterator<FeatureBlock> toBlocks(Iterator<Row> rows, String features, String label, String weight,
                                                   int classes) {
        List<FeatureBlock> out = new ArrayList<>();
        int inputs = -1;
        double[] x = null;
        double[] y = new double[BLOCK_ROWS];
        double[] s = new double[BLOCK_ROWS];
        int n = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            for (int i = 0; i < 3; i++) {
                if (row.isNullAt(i)) {
                    String column = i == 0 ? features : i == 1 ? label : weight;
                    throw new IllegalArgumentException("column '" + column + "' is null in a row");
                }
            }
            double[] values = ValueKind.values(row, 0, features);
            if (inputs < 0) {
                inputs = values.length;
                x = new double[BLOCK_ROWS * inputs];
            }
            if (values.length != inputs) {
                throw new IllegalArgumentException("column '" + features + "' (features) has " + values.length
                        + " values in a row and " + inputs + " in an earlier row");
            }
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("column '" + features + "' (features) holds " + v
                            + " in a row; features must be finite");
                }
            }
            double target = row.getDouble(1);
            if (!(target >= 0 && target < classes && target == Math.rint(target))) {
                throw new IllegalArgumentException("column '" + label + "' (label) is " + target
                        + " in a row; allowed: class indices 0 to " + (classes - 1));
            }
            double w = row.getDouble(2);
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("column '" + weight + "' (weight) is " + w + "; allowed: finite and >= 0");
            }
            System.arraycopy(values, 0, x, n * inputs, inputs);
            y[n] = target;
            s[n] = w;
            n++;
            if (n == BLOCK_ROWS) {
                out.add(new FeatureBlock(x.clone(), y.clone(), s.clone(), n, inputs));
                n = 0;
            }
        }
        if (n > 0) {
            out.add(new FeatureBlock(Arrays.copyOf(x, n * inputs), Arrays.copyOf(y, n), Arrays.copyOf(s, n), n, inputs));
        }
        return out.iterator();
    }

    private LinearModel optimize(LinearObjective objective) {
        double[] start = new double[objective.parameterCount()];
        CachedObjective cached = new CachedObjective(objective);
        List<LinearModel.Step> history = new ArrayList<>();
        double[] finalPoint = start;
        if (maxIterations > 0) {
            finalPoint = optimizer == Optimizer.LBFGS
                    ? Lbfgs.minimize(new Lbfgs.Function() {
                        @Override
                        public double value(double[] x) {
                            return cached.value(x);
                        }

                        @Override
                        public double[] gradient(double[] x) {
                            return cached.gradient(x);
                        }
                    }, start, (before, after, point) -> finished(cached, history, before, after, point))
                    : conjugateGradient(cached, history, start);
        }
        LinearObjective.Point end = cached.at(finalPoint);
        double norm = 0;
        for (double g : end.gradient()) {
            norm += g * g;
        }
        return new LinearModel(objective.inputs(), objective.outputs(), finalPoint.clone(), end.meanLoss(),
                end.objective(), Math.sqrt(norm), end.accuracy(), end.rows(), history.size(), List.copyOf(history));
    }

    /** Records an iteration; whether to stop (iteration limit, or relative change at most the tolerance). */
    private boolean finished(CachedObjective cached, List<LinearModel.Step> history, double before, double after,
                             double[] point) {
        LinearObjective.Point p = cached.at(point);
        history.add(new LinearModel.Step(history.size() + 1, p.meanLoss(), p.objective()));
        return history.size() >= maxIterations
                || Math.abs(before - after) <= tolerance * Math.max(Math.abs(before), Math.abs(after));
    }

    private double[] conjugateGradient(CachedObjective cached, List<LinearModel.Step> history, double[] start) {
        ConvergenceChecker<PointValuePair> checker = (iteration, previous, current) ->
                finished(cached, history, previous.getValue(), current.getValue(), current.getPoint());
        NonLinearConjugateGradientOptimizer cg = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, checker, LINE_SEARCH_RELATIVE_TOLERANCE,
                LINE_SEARCH_ABSOLUTE_TOLERANCE, LINE_SEARCH_BRACKET,
                new NonLinearConjugateGradientOptimizer.IdentityPreconditioner());
        return cg.optimize(MaxEval.unlimited(), MaxIter.unlimited(), GoalType.MINIMIZE, new InitialGuess(start),
                new ObjectiveFunction(cached::value), new ObjectiveFunctionGradient(cached::gradient)).getPoint();
    }

    /** The objective and gradient at the last point asked for (one distributed pass per new point). */
    private static final class CachedObjective {
        private final LinearObjective objective;
        private double[] point;
        private LinearObjective.Point value;

        CachedObjective(LinearObjective objective) {
            this.objective = objective;
        }

        LinearObjective.Point at(double[] x) {
            if (point == null || !Arrays.equals(point, x)) {
                value = objective.evaluate(x, true);
                point = x.clone();
                if (!Double.isFinite(value.objective())) {
                    throw new IllegalStateException("training diverged: the objective is " + value.objective());
                }
            }
            return value;
        }

        double value(double[] x) {
            return at(x).objective();
        }

        double[] gradient(double[] x) {
            return at(x).gradient().clone();
        }
    }
}
