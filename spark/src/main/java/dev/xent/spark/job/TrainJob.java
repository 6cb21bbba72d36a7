package dev.xent.spark.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.core.Loss;
import dev.xent.spark.LossSpec;
import dev.xent.spark.train.LinearModel;
import dev.xent.spark.train.LinearTraining;
import dev.xent.spark.train.TrainingLoss;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * {@code "task": "train"} on Spark for linear models: the CLI's job keys and report keys, trained full
 * batch by {@link LinearTraining}. Differences from the CLI: the model is linear only, the optimizer is
 * {@code lbfgs} (default) or {@code conjugate_gradient}, {@code batch_size} must be 0 (full batch),
 * there is no early stopping or plot, the validation rows are drawn by Spark's {@code randomSplit}
 * (so not the CLI's rows), and the history has no per-iteration validation loss.
 */
final class TrainJob {
    private static final String FEATURES = "__xent_features";
    private static final String LABEL = "__xent_label";

    private TrainJob() {
    }

    static EvaluateJob.Result run(Section root, JobContext context) {
        root.allowOnly("task", "loss", "data", "model", "optimizer", "training", "output", "spark");
        LossSpec spec = context.loss(root.object("loss"), TrainingLoss::onLogits);
        Loss loss = spec.loss();
        Section data = root.object("data").allowOnly("path", "format", "target", "features", "standardize",
                "validation_fraction", "classes");
        Section model = root.optionalObject("model").allowOnly("type");
        String type = model.optionalString("type", "linear");
        if (!type.equals("linear")) {
            throw new JobException(model.pathOf("type") + ": '" + type + "' is not supported on Spark; allowed: linear");
        }
        Section optimizer = root.optionalObject("optimizer").allowOnly("name", "tolerance");
        String optimizerName = optimizer.optionalString("name", "lbfgs");
        LinearTraining.Optimizer method = switch (optimizerName) {
            case "lbfgs" -> LinearTraining.Optimizer.LBFGS;
            case "conjugate_gradient" -> LinearTraining.Optimizer.CONJUGATE_GRADIENT;
            default -> throw new JobException(optimizer.pathOf("name") + ": '" + optimizerName
                    + "' is not supported on Spark, which trains full batch; allowed: lbfgs, conjugate_gradient");
        };
        double tolerance = optimizer.number("tolerance", 1e-10);
        Section training = root.optionalObject("training").allowOnly("epochs", "batch_size", "l2", "seed");
        int epochs = training.integer("epochs", 100);
        int batchSize = training.integer("batch_size", 0);
        if (batchSize != 0) {
            throw new JobException(training.pathOf("batch_size") + ": " + batchSize
                    + " is not supported on Spark, which trains full batch; leave it out or set 0");
        }
        double l2 = training.number("l2", 0);
        int seed = training.integer("seed", 0);
        Section output = root.optionalObject("output").allowOnly("report", "model");
        Path reportFile = context.output(output, "report");
        Path modelFile = context.output(output, "model");

        Dataset<Row> frame = context.read(data);
        String target = data.string("target");
        JobContext.requireColumn(frame.schema(), target, data, "target");
        List<String> features = data.has("features") ? data.strings("features") : numericColumns(frame, target);
        for (String f : features) {
            JobContext.requireColumn(frame.schema(), f, data, "features");
        }
        List<String> classes = data.has("classes") ? data.strings("classes") : sortedLabels(frame, target);
        frame = frame.withColumn(LABEL, ClassLabels.index(functions.col(target), classes, target));
        double fraction = data.number("validation_fraction", 0);
        if (!(fraction >= 0 && fraction < 1)) {
            throw new JobException(data.pathOf("validation_fraction") + ": " + fraction + " is out of range; allowed: [0, 1)");
        }
        Dataset<Row> trainRows = frame;
        Dataset<Row> validationRows = null;
        if (fraction > 0) {
            Dataset<Row>[] parts = frame.randomSplit(new double[] {1 - fraction, fraction}, seed);
            trainRows = parts[0];
            validationRows = parts[1];
        }
        boolean standardize = data.bool("standardize", true);
        double[][] scaling = scaling(trainRows, features, standardize);
        Column featureArray = functions.array(java.util.stream.IntStream.range(0, features.size())
                .mapToObj(j -> functions.col(features.get(j)).cast("double").minus(scaling[0][j]).divide(scaling[1][j]))
                .toArray(Column[]::new));
        trainRows = trainRows.withColumn(FEATURES, featureArray).cache();
        LinearTraining trainer = LinearTraining.of(spec).l2(l2).maxIterations(epochs).tolerance(tolerance).optimizer(method);
        LinearModel fitted;
        double[] validation = null;
        long validationCount = 0;
        try {
            fitted = trainer.fit(trainRows, FEATURES, LABEL, null, classes.size());
            if (validationRows != null) {
                Dataset<Row> v = validationRows.withColumn(FEATURES, featureArray);
                validationCount = v.count();
                validation = validationCount == 0 ? null : trainer.evaluate(fitted, v, FEATURES, LABEL, null, classes.size());
            }
        } catch (IllegalArgumentException e) {
            throw new JobException(data.path() + ": " + e.getMessage(), e);
        } finally {
            trainRows.unpersist();
        }
        ObjectNode report = report(context, spec, loss, data, features, classes, standardize, fitted, validation,
                validationCount, optimizerName, tolerance, epochs, l2, seed);
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("report", reportFile);
        files.put("model", modelFile);
        report.set("outputs", JobContext.outputs(files));
        List<Path> written = new ArrayList<>();
        if (modelFile != null) {
            JobContext.writeJson(modelFile, modelJson(fitted, features, classes, scaling));
            written.add(modelFile);
        }
        if (reportFile != null) {
            JobContext.writeJson(reportFile, report);
            written.add(0, reportFile);
        }
        List<String> lines = new ArrayList<>();
        lines.add("train: linear model, " + fitted.parameters().length + " parameters, " + optimizerName + ", "
                + fitted.iterations() + " iterations on Spark");
        lines.add(String.format(java.util.Locale.ROOT, "  train_loss %g  objective %g  accuracy %.4f",
                fitted.meanLoss(), fitted.objective(), fitted.accuracy()));
        if (validation != null) {
            lines.add(String.format(java.util.Locale.ROOT, "  validation_loss %g  validation_accuracy %.4f",
                    validation[0], validation[1]));
        }
        if (!written.isEmpty()) {
            lines.add(JobContext.wrote(written));
        }
        return new EvaluateJob.Result(report, lines);
    }

    /** Every numeric column but the target, in the data's order. */
    private static List<String> numericColumns(Dataset<Row> frame, String target) {
        List<String> out = new ArrayList<>();
        for (StructField f : frame.schema().fields()) {
            if (!f.name().equals(target) && f.dataType() instanceof NumericType) {
                out.add(f.name());
            }
        }
        return out;
    }

    /** The distinct target labels, sorted numerically when they are all numbers, else as text. */
    private static List<String> sortedLabels(Dataset<Row> frame, String target) {
        List<String> labels = new ArrayList<>(frame.select(functions.col(target).cast("string")).distinct()
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        if (labels.contains(null)) {
            throw new JobException("column '" + target + "' (target) has nulls");
        }
        boolean numeric = labels.stream().allMatch(l -> l.matches("[-+]?\\d*\\.?\\d+([eE][-+]?\\d+)?"));
        labels.sort(numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder());
        return labels;
    }

    /** {mean, scale} per feature on the training rows (population standard deviation; 1 for a constant column). */
    private static double[][] scaling(Dataset<Row> rows, List<String> features, boolean standardize) {
        int k = features.size();
        double[] mean = new double[k];
        double[] scale = new double[k];
        Arrays.fill(scale, 1.0);
        if (!standardize) {
            return new double[][] {mean, scale};
        }
        List<Column> aggregates = new ArrayList<>();
        for (String f : features) {
            aggregates.add(functions.avg(functions.col(f).cast("double")));
            aggregates.add(functions.stddev_pop(functions.col(f).cast("double")));
        }
        Row r = rows.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
        for (int j = 0; j < k; j++) {
            mean[j] = r.getDouble(2 * j);
            double std = r.getDouble(2 * j + 1);
            scale[j] = std > 0 ? std : 1.0;
        }
        return new double[][] {mean, scale};
    }

    private static ObjectNode report(JobContext context, LossSpec spec, Loss loss, Section data, List<String> features,
                                     List<String> classes, boolean standardize, LinearModel fitted, double[] validation,
                                     long validationCount, String optimizerName, double tolerance, int epochs,
                                     double l2, int seed) {
        ObjectNode json = JobContext.JSON.createObjectNode();
        json.put("task", "train");
        json.set("loss", EvaluateJob.describe(loss));
        ObjectNode d = json.putObject("data");
        d.put("path", context.dataPath(data.string("path")));
        d.put("rows", fitted.rows() + validationCount);
        d.put("training_rows", fitted.rows());
        d.put("validation_rows", validationCount);
        d.set("features", JobContext.JSON.valueToTree(features));
        d.set("classes", JobContext.JSON.valueToTree(classes));
        d.put("standardize", standardize);
        ObjectNode m = json.putObject("model");
        m.put("type", "linear");
        m.put("outputs", fitted.outputs());
        m.put("parameters", fitted.parameters().length);
        ObjectNode o = json.putObject("optimizer");
        o.put("name", optimizerName);
        o.putObject("params").put("tolerance", tolerance);
        ObjectNode t = json.putObject("training");
        t.put("epochs", epochs);
        t.put("batch_size", 0);
        t.put("l2", l2);
        t.put("seed", seed);
        json.put("train_loss", fitted.meanLoss());
        json.put("objective", fitted.objective());
        if (validation == null) {
            json.putNull("validation_loss");
        } else {
            json.put("validation_loss", validation[0]);
        }
        json.put("accuracy", fitted.accuracy());
        if (validation == null) {
            json.putNull("validation_accuracy");
        } else {
            json.put("validation_accuracy", validation[1]);
        }
        json.put("epochs", fitted.iterations());
        json.put("stopped_early", false);
        json.put("gradient_norm", fitted.gradientNorm());
        ArrayNode history = json.putArray("history");
        for (LinearModel.Step step : fitted.history()) {
            ObjectNode h = history.addObject();
            h.put("epoch", step.iteration());
            h.put("train_loss", step.meanLoss());
            h.put("objective", step.objective());
            h.putNull("validation_loss");
        }
        return json;
    }

    /** The CLI's model file format {@code xent-model/1}. */
    private static ObjectNode modelJson(LinearModel fitted, List<String> features, List<String> classes, double[][] scaling) {
        ObjectNode json = JobContext.JSON.createObjectNode();
        json.put("format", "xent-model/1");
        json.put("type", "linear");
        json.set("features", JobContext.JSON.valueToTree(features));
        json.set("classes", JobContext.JSON.valueToTree(classes));
        json.put("output", fitted.outputs() == 1 ? "logit of classes[1]" : "logits of classes");
        ObjectNode standardization = json.putObject("standardization");
        standardization.set("mean", JobContext.JSON.valueToTree(scaling[0]));
        standardization.set("scale", JobContext.JSON.valueToTree(scaling[1]));
        ObjectNode layer = json.putArray("layers").addObject();
        ArrayNode weights = layer.putArray("weights");
        for (int p = 0; p < fitted.inputs(); p++) {
            ArrayNode row = weights.addArray();
            for (int j = 0; j < fitted.outputs(); j++) {
                row.add(fitted.weight(p, j));
            }
        }
        ArrayNode bias = layer.putArray("bias");
        for (int j = 0; j < fitted.outputs(); j++) {
            bias.add(fitted.intercept(j));
        }
        return json;
    }
}
