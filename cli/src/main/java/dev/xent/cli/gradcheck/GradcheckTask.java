package dev.xent.cli.gradcheck;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.autodiff.GradientCheck;
import dev.xent.autodiff.Graph;
import dev.xent.autodiff.GraphEvaluation;
import dev.xent.cli.BadInputException;
import dev.xent.cli.data.NonFiniteLosses;
import dev.xent.cli.io.Json;
import dev.xent.cli.io.OutputFiles;
import dev.xent.cli.job.Job;
import dev.xent.cli.job.JobLoss;
import dev.xent.cli.job.JobObject;
import dev.xent.cli.task.Task;
import dev.xent.cli.task.TaskContext;
import dev.xent.cli.task.TaskResult;
import dev.xent.core.Loss;
import dev.xent.core.Reduction;
import dev.xent.core.ReductionRules;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.SampleWeights;
import dev.xent.core.spi.NumberRange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code "task": "gradcheck"}: on random inputs in the loss's valid domain ({@link RandomInputs}:
 * predictions in its input space, targets in its target domain) or on the rows of a {@code data}
 * section ({@link GradcheckInputs}),
 * compares three gradients of the reduced, weighted value: the loss's own ({@link Loss#gradient}),
 * the autodiff graph's ({@link GraphEvaluation#gradient}) and central finite differences
 * ({@link GradientCheck#centralDifferencesByRow}) of the graph's forward value. It also compares the
 * loss's value with the graph's.
 *
 * <p>Cost: a perturbed element changes only its own row's loss, so the finite differences perturb one
 * column of every row at once and read each row's own loss: {@code 2 C} forward passes for N rows of
 * C columns, about {@code 2 N C^2} element evaluations (linear in rows). When that exceeds
 * {@value #FINITE_DIFFERENCE_BUDGET}, the differences are taken on evenly spaced rows only, at least
 * one (and, when one row of C columns is over that budget, on evenly spaced columns of it); the
 * report says how many elements they checked. The analytic and autodiff gradients are always
 * compared on every element. Errors are infinity-norm absolute and relative errors as
 * {@link GradientCheck#compare} defines; a relative error above the tolerance makes the exit code 1.
 * This is how a plugin author checks a custom loss.
 */
public final class GradcheckTask implements Task {
    private static final double DEFAULT_TOLERANCE = 1e-6;
    /** Element evaluations the finite differences may take (a few seconds on the graph). */
    static final long FINITE_DIFFERENCE_BUDGET = 20_000_000L;

    @Override
    public String name() {
        return "gradcheck";
    }

    @Override
    public String description() {
        return "analytic vs autodiff vs finite-difference gradients";
    }

    @Override
    public TaskResult run(Job job, TaskContext context) throws IOException {
        JobObject root = job.root().allowOnly("task", "loss", "rows", "classes", "targets", "sample_weights", "seed",
                "data", "tolerance", "output");
        Loss loss = context.loss(root);
        double tolerance = root.number("tolerance", DEFAULT_TOLERANCE, NumberRange.positive());

        try (OutputFiles outputs = new OutputFiles()) {
            Map<String, Path> files = outputs.declare(root.optionalObject("output"), "report");
            GradcheckInputs inputs = GradcheckInputs.read(root, loss);
            Tensor p = inputs.predictions();
            Tensor t = inputs.targets();
            Tensor w = inputs.weights();

            Tensor analytic = loss.gradient(p, t, w);
            Tensor autodiff = GraphEvaluation.gradient(loss, p, t, w);
            requireFinite(loss, "loss", loss.perSample(p, t), p, inputs);
            requireFinite(loss, "gradient", analytic, p, inputs);
            requireFinite(loss, "autodiff gradient", autodiff, p, inputs);
            double scale = loss.reduction() == Reduction.MEAN ? ReductionRules.meanDenominator(loss, p, t,
                    SampleWeights.unscaled(w), loss.perSample(p, t).shape()) : 1.0;
            int[] checkedRows = checkedRows(p.rows(), p.rowLength());
            int[] checkedColumns = checkedColumns(checkedRows.length, p.rowLength());
            Tensor pChecked = RowSelection.rows(p, checkedRows);
            Tensor tChecked = RowSelection.rows(t, checkedRows);
            Tensor wChecked = w == null ? null : RowSelection.rows(w, checkedRows);
            Tensor numeric = GradientCheck.centralDifferencesByRow(
                    x -> weightedRowLosses(loss, x, tChecked, wChecked, scale), pChecked, checkedColumns,
                    GradientCheck.DEFAULT_STEP);

            Map<String, GradientCheck.Report> pairs = new LinkedHashMap<>();
            pairs.put("analytic_vs_autodiff", GradientCheck.compare(autodiff, analytic));
            pairs.put("analytic_vs_finite_differences",
                    GradientCheck.compare(numeric, RowSelection.elements(analytic, checkedRows, checkedColumns)));
            pairs.put("autodiff_vs_finite_differences",
                    GradientCheck.compare(numeric, RowSelection.elements(autodiff, checkedRows, checkedColumns)));

            ObjectNode report = Json.object();
            report.put("task", "gradcheck");
            report.set("loss", Json.tree(JobLoss.describe(loss)));
            report.put("input_space", loss.inputSpace().name().toLowerCase(Locale.ROOT));
            report.set("shape", Json.tree(p.shape()));
            report.put("target_domain", loss.targetDomain().jsonName());
            if (inputs.seed() == null) {
                report.put("data", inputs.description());
            } else {
                report.put("targets", inputs.description());
                report.put("seed", inputs.seed());
            }
            report.put("sample_weights", w != null);
            report.put("tolerance", tolerance);
            ObjectNode differences = report.putObject("finite_differences");
            differences.put("rows_checked", checkedRows.length);
            differences.put("elements_checked", numeric.size());
            differences.put("elements", p.size());
            List<String> failures = new ArrayList<>();
            if (loss.reduction() != Reduction.NONE) {
                double analyticValue = loss.value(p, t, w);
                double graphValue = GraphEvaluation.value(loss, p, t, w);
                GradientCheck.Report values = GradientCheck.compare(Tensor.scalar(graphValue), Tensor.scalar(analyticValue));
                ObjectNode value = report.putObject("value");
                value.put("analytic", analyticValue);
                value.put("autodiff", graphValue);
                value.put("abs_error", values.maxAbsoluteError());
                value.put("rel_error", values.maxRelativeError());
                if (!values.within(tolerance)) {
                    failures.add("value: analytic vs autodiff relative error " + values.maxRelativeError());
                }
            }
            ObjectNode pairsJson = report.putObject("pairs");
            pairs.forEach((name, result) -> {
                ObjectNode pair = pairsJson.putObject(name);
                pair.put("max_abs_error", result.maxAbsoluteError());
                pair.put("max_rel_error", result.maxRelativeError());
                if (!result.within(tolerance)) {
                    failures.add(name + " max relative error " + result.maxRelativeError());
                }
            });
            report.put("passed", failures.isEmpty());
            report.set("outputs", OutputFiles.describe(files));
            if (files.containsKey("report")) {
                outputs.json(files.get("report"), report);
            }
            outputs.commit();
            String failure = failures.isEmpty() ? null : "gradcheck of " + loss.name() + " failed: "
                    + String.join("; ", failures) + " (tolerance " + tolerance + ")";
            List<String> summary = summary(loss, p, numeric.size(), tolerance, pairs, failures.isEmpty());
            summary.addAll(OutputFiles.wroteLine(files));
            return new TaskResult(report, summary, failure);
        }
    }

    /**
     * A loss or gradient that is not finite, where the prediction is not on the edge of the input space
     * (random inputs never are), fails the run, naming the first row.
     */
    private static void requireFinite(Loss loss, String what, Tensor values, Tensor p, GradcheckInputs inputs) {
        int perRow = values.size() / p.rows();
        for (int i = 0; i < values.size(); i++) {
            double v = values.getFlat(i);
            boolean justified = what.equals("loss") ? NonFiniteLosses.justifiedLoss(loss.inputSpace(), v, p, i / perRow)
                    : NonFiniteLosses.justifiedGradient(loss.inputSpace(), v, p, i / perRow);
            if (!justified) {
                throw NonFiniteLosses.unjustified(loss, what, v, inputs.rowName(i / perRow));
            }
        }
    }

    /**
     * The rows the finite differences check: all when {@code 2 N C^2} element evaluations fit the
     * budget, else evenly spaced rows (at least one, starting with the first).
     */
    static int[] checkedRows(int rows, int columns) {
        long perRow = 2L * columns * columns;
        return RowSelection.evenlySpaced(rows, (int) Math.max(1, Math.min(rows, FINITE_DIFFERENCE_BUDGET / perRow)));
    }

    /**
     * The columns checked in those rows: all, unless even one row of C columns is over the budget
     * ({@code 2 C^2}); then evenly spaced columns, {@code 2 C} evaluations each.
     */
    static int[] checkedColumns(int checkedRows, int columns) {
        long perColumn = 2L * checkedRows * columns;
        return RowSelection.evenlySpaced(columns,
                (int) Math.max(1, Math.min(columns, FINITE_DIFFERENCE_BUDGET / perColumn)));
    }

    /** {@code sum_j s_r l_rj / scale} for every row r, from the graph's forward pass (no validation). */
    private static double[] weightedRowLosses(Loss loss, Tensor x, Tensor t, Tensor w, double scale) {
        double[] losses = loss.graph(Graph.constant(x), Graph.constant(t)).value().toArray();
        int perRow = losses.length / x.rows();
        double[] rows = new double[x.rows()];
        for (int r = 0; r < rows.length; r++) {
            double s = w == null ? 1.0 : w.getFlat(r);
            CompensatedSum row = new CompensatedSum();
            for (int j = r * perRow; j < (r + 1) * perRow; j++) {
                row.add(s * losses[j] / scale);
            }
            rows[r] = row.value();
        }
        return rows;
    }

    private static List<String> summary(Loss loss, Tensor p, int elementsChecked, double tolerance,
                                        Map<String, GradientCheck.Report> pairs, boolean passed) {
        List<String> lines = new ArrayList<>();
        lines.add("gradcheck: " + loss.name() + " " + loss.parameters() + " on " + p.shapeString() + " "
                + loss.inputSpace().name().toLowerCase(Locale.ROOT) + (elementsChecked == p.size() ? ""
                : " (finite differences on " + elementsChecked + " of " + p.size() + " elements)"));
        lines.add(String.format(Locale.ROOT, "  %-32s %14s %14s", "pair", "max abs error", "max rel error"));
        pairs.forEach((name, r) -> lines.add(String.format(Locale.ROOT, "  %-32s %14.3e %14.3e", name,
                r.maxAbsoluteError(), r.maxRelativeError())));
        lines.add((passed ? "passed" : "FAILED") + " (tolerance " + tolerance + " on the relative error)");
        return lines;
    }
}
