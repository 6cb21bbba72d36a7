package dev.xent.cli.evaluate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.data.BlockReader;
import dev.xent.cli.data.PredictionData;
import dev.xent.cli.io.Display;
import dev.xent.cli.io.Json;
import dev.xent.cli.io.OutputFiles;
import dev.xent.cli.io.TemporaryFiles;
import dev.xent.cli.job.Job;
import dev.xent.cli.job.JobLoss;
import dev.xent.cli.job.JobObject;
import dev.xent.cli.task.Task;
import dev.xent.cli.task.TaskContext;
import dev.xent.cli.task.TaskResult;
import dev.xent.core.Loss;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code "task": "evaluate"}: a loss over a CSV file of predictions, streamed in blocks (see
 * {@link StreamingEvaluation} for the memory bound). Optional outputs: the report (JSON), the gradient
 * (CSV, {@code d_<prediction column>} per prediction column) and the per-row losses (CSV column
 * {@code loss}).
 */
public final class EvaluateTask implements Task {
    private final int blockRows;

    public EvaluateTask() {
        this(StreamingEvaluation.DEFAULT_BLOCK_ROWS);
    }

    /** With a given block size (tests use small blocks to cross many block boundaries). */
    public EvaluateTask(int blockRows) {
        this.blockRows = blockRows;
    }

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String description() {
        return "a loss over a CSV of predictions, streamed in bounded memory";
    }

    @Override
    public TaskResult run(Job job, TaskContext context) throws IOException {
        JobObject root = job.root().allowOnly("task", "loss", "data", "output");
        Loss loss = context.loss(root);
        JobObject dataSection = root.object("data").allowOnly("path", "prediction", "target", "weight", "classes");
        PredictionData data = PredictionData.read(dataSection);

        try (OutputFiles outputs = new OutputFiles(); BlockReader reader = data.open(loss)) {
            Map<String, Path> files = outputs.declare(root.optionalObject("output"), "report", "gradient", "per_sample");
            Optional<Path> reportFile = Optional.ofNullable(files.get("report"));
            Optional<Path> gradientFile = Optional.ofNullable(files.get("gradient"));
            Optional<Path> perSampleFile = Optional.ofNullable(files.get("per_sample"));
            Path scratch = gradientFile.isPresent() ? TemporaryFiles.scratch("xent-gradient-", ".bin") : null;
            try {
                StreamingEvaluation.Result result;
                try (BufferedWriter perSample = perSampleFile.map(outputs::writer).orElse(null);
                     OutputStream gradient = scratch == null ? null : Files.newOutputStream(scratch)) {
                    if (perSample != null) {
                        perSample.write("loss");
                        perSample.newLine();
                    }
                    result = new StreamingEvaluation(loss, blockRows).run(reader,
                            perSample == null ? null : rowLosses -> writeColumn(perSample, rowLosses), gradient);
                }
                if (scratch != null) {
                    try (InputStream in = Files.newInputStream(scratch);
                         BufferedWriter out = outputs.writer(gradientFile.get())) {
                        result.writeGradient(in, out, data.gradientHeader());
                    }
                }
                ObjectNode report = report(loss, data, result, files);
                if (reportFile.isPresent()) {
                    outputs.json(reportFile.get(), report);
                }
                outputs.commit();
                return TaskResult.ok(report, summary(loss, data, result, files));
            } finally {
                if (scratch != null) {
                    TemporaryFiles.delete(scratch);
                }
            }
        }
    }

    private static void writeColumn(BufferedWriter out, double[] values) throws IOException {
        for (double v : values) {
            out.write(Double.toString(v));
            out.newLine();
        }
    }

    private static ObjectNode report(Loss loss, PredictionData data, StreamingEvaluation.Result result,
                                     Map<String, Path> files) {
        ObjectNode report = Json.object();
        report.put("task", "evaluate");
        report.set("loss", Json.tree(JobLoss.describe(loss)));
        report.put("data", Display.path(data.file()));
        report.put("rows", result.rows());
        report.put("reduction", loss.reduction().jsonName());
        if (result.value() == null) {
            report.putNull("value");
        } else {
            report.put("value", result.value());
        }
        report.put("weighted_sum", result.weightedSum());
        report.put("total_weight", result.totalWeight());
        if (result.firstInfiniteLine() > 0) {
            report.put("first_infinite_loss_line", result.firstInfiniteLine());
        }
        report.set("outputs", OutputFiles.describe(files));
        return report;
    }

    private static List<String> summary(Loss loss, PredictionData data, StreamingEvaluation.Result result,
                                        Map<String, Path> files) {
        List<String> lines = new ArrayList<>();
        lines.add("evaluate: " + loss.name() + " " + loss.parameters() + " over " + result.rows() + " rows of "
                + data.file().getFileName());
        lines.add(result.value() == null ? "value: none (reduction none; see the per-sample losses)"
                : "value (" + loss.reduction().jsonName() + "): " + result.value());
        if (result.firstInfiniteLine() > 0) {
            lines.add("+Infinity as the formula defines it: first infinite loss at " + data.file().getFileName()
                    + " line " + result.firstInfiniteLine() + " (a prediction on the edge of the input space: a "
                    + "probability of 0 or 1, or an infinite logit)");
        }
        lines.addAll(OutputFiles.wroteLine(files));
        return lines;
    }
}
