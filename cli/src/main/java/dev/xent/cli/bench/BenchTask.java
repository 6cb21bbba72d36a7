package dev.xent.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.autodiff.GraphEvaluation;
import dev.xent.cli.BadInputException;
import dev.xent.cli.Memory;
import dev.xent.cli.gradcheck.RandomInputs;
import dev.xent.cli.io.Json;
import dev.xent.cli.job.Job;
import dev.xent.cli.job.JobLoss;
import dev.xent.cli.job.JobObject;
import dev.xent.cli.task.Task;
import dev.xent.cli.task.TaskContext;
import dev.xent.cli.task.TaskResult;
import dev.xent.core.Loss;
import dev.xent.core.Reduction;
import dev.xent.core.TargetDomain;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.Parallelism;
import dev.xent.core.numeric.VectorSupport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * {@code "task": "bench"}: the throughput of one loss on random inputs in its domain
 * ({@link RandomInputs}, without sample weights), in millions of elements per second (elements =
 * rows x classes) for the analytic value, the analytic value+gradient into a reused buffer, and the
 * autodiff value+gradient ({@link GraphEvaluation}: graph built per call, backward included). The analytic
 * figures are given for the kernels the loss runs by default and, when the JVM has
 * {@code jdk.incubator.vector}, for the other kind too (scalar or vector, {@link VectorSupport}); a loss
 * without a vector kernel shows its scalar kernel twice. Each is
 * warmed up, then timed call by call for about a second; the median call counts. A quick check on
 * the machine at hand; for careful numbers use the JMH suite (BENCHMARKS.md).
 */
public final class BenchTask implements Task {
    /** The autodiff path keeps a dozen arrays of the input's size alive; this keeps it within a default heap. */
    private static final int MAX_ELEMENTS = 20_000_000;
    /** Inputs, the gradient buffer and the autodiff graph's values and gradients: about this many arrays of the input's size. */
    private static final int ARRAYS_OF_INPUT_SIZE = 16;
    private static final long WARM_UP_NANOS = 300_000_000L;
    private static final long MEASURE_NANOS = 1_000_000_000L;
    private static final int MIN_CALLS = 5;

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String description() {
        return "throughput of a loss: analytic vs autodiff, M elements/s";
    }

    @Override
    public TaskResult run(Job job, TaskContext context) {
        JobObject root = job.root().allowOnly("task", "loss", "rows", "classes", "threads");
        Loss loss = context.loss(root);
        if (loss.reduction() == Reduction.NONE) {
            throw new BadInputException(root.pathOf("loss") + ": bench times the reduced value; "
                    + "reduction 'none' gives none (use 'mean' or 'sum')");
        }
        boolean classWise = loss.inputSpace().isClassWise();
        if (!classWise && root.has("classes")) {
            throw new BadInputException(root.pathOf("classes") + ": " + loss.name()
                    + " is element-wise; 'classes' applies to multi-class losses only");
        }
        int rows = root.integer("rows", 1_000_000, 1, MAX_ELEMENTS);
        int classes = classWise ? root.integer("classes", 10, 2, 10_000) : 1;
        if ((long) rows * classes > MAX_ELEMENTS) {
            throw new BadInputException(root.pathOf("rows") + ": rows x classes = " + (long) rows * classes
                    + " elements; bench takes at most " + MAX_ELEMENTS);
        }
        Memory.require(ARRAYS_OF_INPUT_SIZE * 8.0 * rows * classes, "a bench of " + rows + " x " + classes + " elements",
                root.pathOf("rows"));
        int threads = root.integer("threads", Parallelism.threads(), 1, 1024);

        RandomInputs inputs = RandomInputs.generate(loss.inputSpace(), loss.targetDomain(), rows, classes,
                loss.targetDomain() == TargetDomain.DISTRIBUTIONS, false, 1);
        Tensor p = inputs.predictions();
        Tensor t = inputs.targets();
        double[] gradient = new double[p.size()];
        int elements = p.size();
        // The loss as configured runs the default kernels (vector only on calls of minElements or more); the
        // other kind is timed on a second instance, created with the switch flipped and no size limit, when
        // this JVM has the module, so both appear side by side.
        boolean vectorEnabled = VectorSupport.enabled();
        boolean vectorByDefault = vectorEnabled && elements >= VectorSupport.minElements();
        Loss other = VectorSupport.modulePresent()
                ? VectorSupport.with(!vectorByDefault, 0, () -> context.loss(root)) : null;
        int previousThreads = Parallelism.threads();
        Parallelism.setThreads(threads);
        double[] defaultKernels;
        double[] otherKernels = null;
        double autodiff;
        try {
            defaultKernels = analytic(loss, p, t, gradient);
            if (other != null) {
                otherKernels = analytic(other, p, t, gradient);
            }
            autodiff = throughput(elements, () -> GraphEvaluation.valueAndGradient(loss, p, t, null, gradient));
        } finally {
            Parallelism.setThreads(previousThreads);
        }
        double[] vector = vectorByDefault ? defaultKernels : otherKernels;
        double[] scalar = vectorByDefault ? otherKernels : defaultKernels;

        ObjectNode report = Json.object();
        report.put("task", "bench");
        report.set("loss", Json.tree(JobLoss.describe(loss)));
        report.put("rows", rows);
        report.put("classes", classes);
        report.put("threads", threads);
        report.put("kernels", vectorByDefault ? "vector" : "scalar");
        report.put("analytic_value", defaultKernels[0]);
        report.put("analytic_value_and_gradient", defaultKernels[1]);
        report.put("autodiff_value_and_gradient", autodiff);
        for (String kind : List.of("scalar", "vector")) {
            double[] figures = kind.equals("scalar") ? scalar : vector;
            if (figures != null) {
                report.put(kind + "_analytic_value", figures[0]);
                report.put(kind + "_analytic_value_and_gradient", figures[1]);
            }
        }
        List<String> summary = new ArrayList<>();
        summary.add("bench: " + loss.name() + " " + loss.parameters() + " on " + p.shapeString() + ", "
                + threads + (threads == 1 ? " thread" : " threads") + " (M elements/s, median call)");
        summary.add("  kernels: " + (vectorByDefault ? "vector (the default here)"
                : vectorEnabled ? "scalar (the default here: calls under " + VectorSupport.minElements()
                        + " elements run the scalar kernels, -D" + VectorSupport.MIN_ELEMENTS_PROPERTY + ")"
                : VectorSupport.modulePresent() ? "scalar (the default here: -D" + VectorSupport.PROPERTY + "=false)"
                : "scalar (the default here: the JVM has no jdk.incubator.vector, so no vector kernels)"));
        addKernelLines(summary, "scalar", scalar, !vectorByDefault);
        addKernelLines(summary, "vector", vector, vectorByDefault);
        summary.add(String.format(Locale.ROOT, "  %-40s %10.1f", "autodiff value+gradient", autodiff));
        return TaskResult.ok(report, summary);
    }

    /** Value and value+gradient of {@code loss}, M elements/s. */
    private static double[] analytic(Loss loss, Tensor p, Tensor t, double[] gradient) {
        int elements = p.size();
        return new double[] {throughput(elements, () -> loss.value(p, t)),
            throughput(elements, () -> loss.valueAndGradient(p, t, null, gradient))};
    }

    /** The two analytic lines of one kind of kernel, if it was timed. */
    private static void addKernelLines(List<String> summary, String kind, double[] figures, boolean isDefault) {
        if (figures == null) {
            return;
        }
        String label = " (" + kind + (isDefault ? ", default)" : ")");
        summary.add(String.format(Locale.ROOT, "  %-40s %10.1f", "analytic value" + label, figures[0]));
        summary.add(String.format(Locale.ROOT, "  %-40s %10.1f", "analytic value+gradient" + label, figures[1]));
    }

    /** Millions of elements per second of the median call, after a warm-up. */
    private static double throughput(int elements, DoubleSupplier call) {
        double sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < MIN_CALLS || System.nanoTime() - start < WARM_UP_NANOS; i++) {
            sink += call.getAsDouble();
        }
        long[] times = new long[16];
        int calls = 0;
        start = System.nanoTime();
        while (calls < MIN_CALLS || System.nanoTime() - start < MEASURE_NANOS) {
            long before = System.nanoTime();
            sink += call.getAsDouble();
            if (calls == times.length) {
                times = Arrays.copyOf(times, 2 * calls);
            }
            times[calls++] = System.nanoTime() - before;
        }
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("a timed call returned NaN"); // also keeps the calls from being optimised away
        }
        Arrays.sort(times, 0, calls);
        double seconds = Math.max(1, times[calls / 2]) * 1e-9;
        return elements / seconds / 1e6;
    }
}
