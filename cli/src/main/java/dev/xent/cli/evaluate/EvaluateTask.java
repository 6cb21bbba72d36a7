package dev.xent.cli.evaluate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.data.BlockReader;
import dev.xent.cli.data.PredictionData;
import dev.xent.cli.io.Display;
import dev.xent.cli.io.Json;
import dev.xent.cli.io.OutputFiles;
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
        return "a loss over a CSV file of predictions, streamed in bounded memory";
    }

    @Override
    public TaskResult run(Job job, TaskContext context) throws IOException {
        JobObject root = job.root().allowOnly("task", "loss", "data", "output");
        Loss loss = context.loss(root);
        JobObject dataSection = root.object("data").allowOnly("path", "prediction", "target", "weight", "classes");
        PredictionData data = PredictionData.read(dataSection);
        JobObject output = root.optionalObject("output").allowOnly("report", "gradient", "per_sample");
        Optional<Path> reportFile = output.outputFile("report");
        Optional<Path> gradientFile = output.outputFile("gradient");
        Optional<Path> perSampleFile = output.outputFile("per_sample");

        try (OutputFiles outputs = new OutputFiles(); BlockReader reader = data.open(loss)) {
            reportFile.ifPresent(outputs::check);
            gradientFile.ifPresent(outputs::check);
            perSampleFile.ifPresent(outputs::check);
            Path scratch = gradientFile.isPresent() ? Files.createTempFile("xent-gradient-", ".bin") : null;
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
                ObjectNode report = report(loss, data, result, reportFile, gradientFile, perSampleFile);
                if (reportFile.isPresent()) {
                    outputs.json(reportFile.get(), report);
                }
                outputs.commit();
                return TaskResult.ok(report, summary(loss, data, result, reportFile, gradientFile, perSampleFile));
            } finally {
                if (scratch != null) {
                    Files.deleteIfExists(scratch);
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
                                     Optional<Path> reportFile, Optional<Path> gradientFile,
                                     Optional<Path> perSampleFile) {
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
        ObjectNode outputs = report.putObject("outputs");
        reportFile.ifPresent(f -> outputs.put("report", Display.path(f)));
        gradientFile.ifPresent(f -> outputs.put("gradient", Display.path(f)));
        perSampleFile.ifPresent(f -> outputs.put("per_sample", Display.path(f)));
        return report;
    }

    private static List<String> summary(Loss loss, PredictionData data, StreamingEvaluation.Result result,
                                        Optional<Path> reportFile, Optional<Path> gradientFile,
                                        Optional<Path> perSampleFile) {
        List<String> lines = new ArrayList<>();
        lines.add("evaluate: " + loss.name() + " " + loss.parameters() + " over " + result.rows() + " rows of "
                + data.file().getFileName());
        lines.add(result.value() == null ? "value: none (reduction none; see the per-sample losses)"
                : "value (" + loss.reduction().jsonName() + "): " + result.value());
        List<String> written = new ArrayList<>();
        reportFile.ifPresent(f -> written.add(Display.path(f)));
        gradientFile.ifPresent(f -> written.add(Display.path(f)));
        perSampleFile.ifPresent(f -> written.add(Display.path(f)));
        if (!written.isEmpty()) {
            lines.add("wrote " + String.join(", ", written));
        }
        return lines;
    }
}
