package dev.xent.cli.explain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.BadInputException;
import dev.xent.cli.data.Block;
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
import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.Reduction;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.CompensatedSum;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code "task": "explain"}: for a small CSV of binary or multi-class predictions, a table with one
 * row per data row (id, target, prediction, the probability given to the true class and its log, the
 * row's loss) and the total; optionally as CSV, and a PNG plot of the loss against the predicted
 * probability with the rows marked.
 */
public final class ExplainTask implements Task {
    /** Explain is for reading row by row; larger files are for evaluate. */
    static final int MAX_ROWS = 10_000;

    @Override
    public String name() {
        return "explain";
    }

    @Override
    public String description() {
        return "per-row table of true-class probabilities, and a plot";
    }

    @Override
    public TaskResult run(Job job, TaskContext context) throws IOException {
        JobObject root = job.root().allowOnly("task", "loss", "data", "output");
        Loss loss = context.loss(root);
        JobObject dataSection = root.object("data").allowOnly("path", "prediction", "target", "weight", "classes", "id");
        PredictionData data = PredictionData.read(dataSection);
        Optional<String> idColumn = dataSection.optionalString("id");
        InputSpace space = loss.inputSpace();
        if (!space.isClassWise() && data.prediction().size() != 1) {
            throw new BadInputException(dataSection.pathOf("prediction") + ": explain takes one prediction column for "
                    + "an element-wise loss; got " + data.prediction().size());
        }

        try (OutputFiles outputs = new OutputFiles(); BlockReader reader = data.open(loss)) {
            Map<String, Path> files = outputs.declare(root.optionalObject("output"), "report", "table", "plot");
            idColumn.ifPresent(column -> reader.withIds(column, dataSection.pathOf("id")));
            Block block = reader.next(MAX_ROWS + 1);
            if (block == null) {
                throw new BadInputException(data.file() + " has a header but no data rows");
            }
            if (block.rows() > MAX_ROWS) {
                throw new BadInputException(data.file() + " has more than " + MAX_ROWS
                        + " rows; explain is for small files (use the evaluate task)");
            }
            List<Row> rows = rows(loss, data, block);
            double total = total(loss, block);
            ObjectNode report = report(loss, data, rows, total);
            report.set("outputs", OutputFiles.describe(files));
            if (files.containsKey("table")) {
                try (BufferedWriter out = outputs.writer(files.get("table"))) {
                    writeTable(out, data, rows);
                }
            }
            if (files.containsKey("plot")) {
                try (OutputStream out = outputs.stream(files.get("plot"))) {
                    plot(space, loss, rows).writePng(loss.name() + " on " + data.file().getFileName(), out);
                }
            }
            if (files.containsKey("report")) {
                outputs.json(files.get("report"), report);
            }
            outputs.commit();
            return TaskResult.ok(report, text(loss, data, rows, total, files));
        }
    }

    /**
     * One explained row.
     *
     * @param id             the id column's text, or the row number from 1
     * @param target         the target as in the file (a class label, a number, or numbers joined by ';')
     * @param hardTarget     1 or 0 for binary hard targets, -1 otherwise (marks the plot)
     * @param predictions    the prediction cells
     * @param probability    the probability given to the true class
     * @param logProbability its log
     * @param loss           the row's loss (before sample weights)
     */
    record Row(String id, String target, int hardTarget, double[] predictions, double probability,
               double logProbability, double loss) {
    }

    private static List<Row> rows(Loss loss, PredictionData data, Block block) {
        Tensor p = block.predictions();
        Tensor t = block.targets();
        double[] logs = TrueClassProbability.logs(loss.inputSpace(), p, t);
        Tensor perSample = loss.perSample(p, t);
        int perRow = perSample.size() / block.rows();
        int width = p.size() / block.rows();
        int targetWidth = t.size() / block.rows();
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < block.rows(); r++) {
            CompensatedSum rowLoss = new CompensatedSum();
            for (int j = r * perRow; j < (r + 1) * perRow; j++) {
                rowLoss.add(perSample.getFlat(j));
            }
            double[] predictions = new double[width];
            for (int c = 0; c < width; c++) {
                predictions[c] = p.getFlat(r * width + c);
            }
            String target = targetText(data, t, r, targetWidth);
            double y = t.getFlat(r * targetWidth);
            int hard = loss.inputSpace().isClassWise() ? 1 : y == 1 ? 1 : y == 0 ? 0 : -1;
            String id = block.ids() == null ? Integer.toString(r + 1) : block.ids()[r];
            rows.add(new Row(id, target, hard, predictions, Math.exp(logs[r]), logs[r], rowLoss.value()));
        }
        return rows;
    }

    private static String targetText(PredictionData data, Tensor t, int r, int targetWidth) {
        if (!data.classes().isEmpty()) {
            return data.classes().get((int) t.getFlat(r));
        }
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < targetWidth; c++) {
            cells.add(number(t.getFlat(r * targetWidth + c)));
        }
        return String.join(";", cells);
    }

    /** The loss's reduced value, or the weighted sum for reduction none. */
    private static double total(Loss loss, Block block) {
        if (loss.reduction() != Reduction.NONE) {
            return loss.value(block.predictions(), block.targets(), block.weights());
        }
        Tensor perSample = loss.perSample(block.predictions(), block.targets());
        int perRow = perSample.size() / block.rows();
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < perSample.size(); i++) {
            sum.add(block.weight(i / perRow) * perSample.getFlat(i));
        }
        return sum.value();
    }

    private static ObjectNode report(Loss loss, PredictionData data, List<Row> rows, double total) {
        ObjectNode report = Json.object();
        report.put("task", "explain");
        report.set("loss", Json.tree(JobLoss.describe(loss)));
        report.put("data", Display.path(data.file()));
        report.put("rows", rows.size());
        report.put("reduction", loss.reduction().jsonName());
        report.put("value", total);
        ArrayNode table = report.putArray("table");
        for (Row row : rows) {
            ObjectNode json = table.addObject();
            json.put("id", row.id());
            json.put("target", row.target());
            if (row.predictions().length == 1) {
                json.put("prediction", row.predictions()[0]);
            } else {
                ArrayNode predictions = json.putArray("prediction");
                for (double v : row.predictions()) {
                    predictions.add(v);
                }
            }
            json.put("probability", row.probability());
            json.put("log_probability", row.logProbability());
            json.put("loss", row.loss());
        }
        return report;
    }

    private static void writeTable(BufferedWriter out, PredictionData data, List<Row> rows) throws IOException {
        out.write("id,target," + String.join(",", data.prediction()) + ",probability,log_probability,loss");
        out.newLine();
        for (Row row : rows) {
            StringBuilder line = new StringBuilder();
            line.append(csvCell(row.id())).append(',').append(csvCell(row.target()));
            for (double v : row.predictions()) {
                line.append(',').append(v);
            }
            line.append(',').append(row.probability()).append(',').append(row.logProbability()).append(',')
                    .append(row.loss());
            out.write(line.toString());
            out.newLine();
        }
    }

    private static String csvCell(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static ExplainPlot plot(InputSpace space, Loss loss, List<Row> rows) {
        boolean classWise = space.isClassWise();
        ExplainPlot plot = new ExplainPlot(classWise ? "probability of the true class" : "predicted probability of y = 1");
        for (Row row : rows) {
            if (classWise) {
                plot.positive(row.id(), row.probability(), row.loss());
                continue;
            }
            double p = TrueClassProbability.probability(space, row.predictions()[0]);
            switch (row.hardTarget()) {
                case 1 -> plot.positive(row.id(), p, row.loss());
                case 0 -> plot.negative(row.id(), p, row.loss());
                default -> plot.soft(row.id(), p, row.loss());
            }
        }
        return plot;
    }

    private static List<String> text(Loss loss, PredictionData data, List<Row> rows, double total,
                                     Map<String, Path> files) {
        List<String> lines = new ArrayList<>();
        lines.add("explain: " + loss.name() + " " + loss.parameters() + " on " + data.file().getFileName());
        String predictionHeader = String.join(" ", data.prediction());
        int idWidth = Math.max(2, rows.stream().mapToInt(r -> r.id().length()).max().orElse(2));
        int targetWidth = Math.max(6, rows.stream().mapToInt(r -> r.target().length()).max().orElse(6));
        int predictionWidth = Math.max(10, predictionHeader.length());
        String format = "%-" + idWidth + "s  %-" + targetWidth + "s  %" + predictionWidth + "s  %11s  %15s  %11s";
        lines.add(String.format(Locale.ROOT, format, "id", "target", predictionHeader, "probability",
                "log_probability", "loss"));
        for (Row row : rows) {
            List<String> cells = new ArrayList<>();
            for (double v : row.predictions()) {
                cells.add(String.format(Locale.ROOT, "%.4g", v));
            }
            lines.add(String.format(Locale.ROOT, format, row.id(), row.target(), String.join(" ", cells),
                    String.format(Locale.ROOT, "%.6f", row.probability()),
                    String.format(Locale.ROOT, "%.6f", row.logProbability()),
                    String.format(Locale.ROOT, "%.6f", row.loss())));
        }
        lines.add("total (" + loss.reduction().jsonName() + "): " + total);
        lines.addAll(OutputFiles.wroteLine(files));
        return lines;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
