package dev.xent.spark.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.core.Loss;
import dev.xent.spark.LossAggregates;
import dev.xent.spark.LossInputs;
import dev.xent.spark.LossSpec;
import dev.xent.spark.LossSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * {@code "task": "evaluate"} on Spark: the CLI's job and report ({@code value}, {@code weighted_sum},
 * {@code total_weight}, {@code rows}, ...), computed by {@link LossAggregates#evaluate} (one Spark job). The
 * gradient and per-sample outputs of the CLI are not written (they are as large as the data).
 */
final class EvaluateJob {
    private static final String PREDICTION = "__xent_prediction";
    private static final String TARGET = "__xent_target";

    private EvaluateJob() {
    }

    static Result run(Section root, JobContext context) {
        root.allowOnly("task", "loss", "data", "output", "spark");
        LossSpec spec = context.loss(root.object("loss"), Function.identity());
        Loss loss = spec.loss();
        Section data = root.object("data").allowOnly("path", "format", "prediction", "target", "weight", "classes");
        Section output = root.optionalObject("output").allowOnly("report");
        Path report = context.output(output, "report");
        Dataset<Row> frame = context.read(data);
        List<String> predictions = required(data, "prediction");
        List<String> targets = required(data, "target");
        String weight = data.optionalString("weight", null);
        for (String c : predictions) {
            JobContext.requireColumn(frame.schema(), c, data, "prediction");
        }
        for (String c : targets) {
            JobContext.requireColumn(frame.schema(), c, data, "target");
        }
        if (weight != null) {
            JobContext.requireColumn(frame.schema(), weight, data, "weight");
        }
        String prediction = predictions.get(0);
        if (predictions.size() > 1) {
            frame = frame.withColumn(PREDICTION, functions.array(predictions.stream().map(functions::col).toArray(Column[]::new)));
            prediction = PREDICTION;
        }
        String target = targets.get(0);
        List<String> classes = data.has("classes") ? data.strings("classes") : List.of();
        if (!classes.isEmpty()) {
            frame = frame.withColumn(TARGET, ClassLabels.index(functions.col(target), classes, target));
            target = TARGET;
        } else if (targets.size() > 1) {
            frame = frame.withColumn(TARGET, functions.array(targets.stream().map(functions::col).toArray(Column[]::new)));
            target = TARGET;
        }
        LossInputs inputs;
        try {
            inputs = LossInputs.of(frame.schema(), spec, prediction, target, weight);
        } catch (IllegalArgumentException e) {
            throw new JobException(data.path() + ": " + e.getMessage(), e);
        }
        LossSummary s = LossAggregates.evaluate(frame, spec, inputs);
        double value = s.getValue();
        ObjectNode json = JobContext.JSON.createObjectNode();
        json.put("task", "evaluate");
        json.set("loss", describe(loss));
        json.put("data", context.dataPath(data.string("path")));
        json.put("rows", s.getRows());
        json.put("reduction", loss.reduction().jsonName());
        json.put("value", value);
        json.put("weighted_sum", s.getWeightedSum());
        json.put("total_weight", s.getTotalWeight());
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("report", report);
        json.set("outputs", JobContext.outputs(files));
        List<String> lines = new ArrayList<>();
        lines.add("evaluate: " + loss.name() + " " + loss.parameters() + " over " + json.get("rows").asLong()
                + " rows of " + json.get("data").asText());
        lines.add("value (" + loss.reduction().jsonName() + "): " + value);
        if (report != null) {
            JobContext.writeJson(report, json);
            lines.add(JobContext.wrote(List.of(report)));
        }
        return new Result(json, lines);
    }

    static ObjectNode describe(Loss loss) {
        ObjectNode node = JobContext.JSON.createObjectNode();
        node.put("name", loss.name());
        node.set("params", JobContext.JSON.valueToTree(loss.parameters()));
        return node;
    }

    private static List<String> required(Section data, String key) {
        if (!data.has(key)) {
            throw new JobException(data.pathOf(key) + ": missing (required)");
        }
        return data.strings(key);
    }

    /** A task's report and its summary lines. */
    record Result(ObjectNode report, List<String> lines) {
    }
}
