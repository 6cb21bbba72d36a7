package dev.xent.cli.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.BadInputException;
import dev.xent.cli.Memory;
import dev.xent.cli.RunFailedException;
import dev.xent.cli.io.Display;
import dev.xent.cli.io.Json;
import dev.xent.cli.io.OutputFiles;
import dev.xent.cli.job.Job;
import dev.xent.cli.job.JobLoss;
import dev.xent.cli.job.JobObject;
import dev.xent.cli.task.Task;
import dev.xent.cli.task.TaskContext;
import dev.xent.cli.task.TaskResult;
import dev.xent.core.LogitTraining;
import dev.xent.core.Loss;
import dev.xent.core.numeric.VectorSupport;
import dev.xent.core.spi.NumberRange;
import dev.xent.core.spi.ParameterException;
import dev.xent.core.spi.ParameterValues;
import dev.xent.train.Dataset;
import dev.xent.train.EarlyStopping;
import dev.xent.train.EpochRecord;
import dev.xent.train.FittedModel;
import dev.xent.train.Metrics;
import dev.xent.train.NonFiniteLossException;
import dev.xent.train.Optimizer;
import dev.xent.train.TrainableLoss;
import dev.xent.train.Trainer;
import dev.xent.train.TrainingDivergedException;
import dev.xent.train.TrainingOptions;
import dev.xent.train.TrainingResult;
import dev.xent.train.TrainingRun;
import dev.xent.train.TrainingSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code "task": "train"}: fits a linear model or an mlp on a CSV file by minimising
 * {@code mean loss + l2 / 2 * ||W||^2}; writes a report, optionally the model (JSON) and a loss
 * curve (PNG). The job format is documented in docs/training.md. An adapter: the job's sections
 * become an xent-train {@link TrainingSpec} and {@link dev.xent.train.Dataset}, {@link Trainer} trains,
 * and this class writes what it returns.
 */
public final class TrainTask implements Task {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String description() {
        return "fit a linear model or an mlp (gradient descent on the autodiff graph) or gradient-boosted trees (gbdt, XGBoost) on a CSV file";
    }

    @Override
    public TaskResult run(Job job, TaskContext context) throws IOException {
        JobObject root = job.root().allowOnly("task", "loss", "data", "model", "optimizer", "training", "output");
        boolean gbdt = GbdtTraining.requested(root);
        Loss loss = readLoss(root.object("loss"), context, gbdt);
        DataSection data = DataSection.read(root.object("data"), TrainableLoss.takesRealPredictions(loss)
                ? DataSection.Targets.NUMBERS : DataSection.Targets.CLASSES);
        if (gbdt) {
            return GbdtTraining.run(root, loss, data, context);
        }
        ModelSection model = ModelSection.read(root.optionalObject("model"));
        JobObject optimizerSection = root.optionalObject("optimizer");
        Optimizer optimizer = Optimizer.named(optimizerSection.choice("name", "adam", Optimizer.names()));
        ParameterValues hyperParameters = hyperParameters(optimizerSection, optimizer);
        TrainingSpec.Builder builder = readTraining(root.optionalObject("training"), TrainingSpec.builder(loss))
                .optimizer(optimizer, hyperParameters)
                .standardize(data.standardize())
                .validationFraction(data.validationFraction());
        if (model.hidden().length > 0) {
            builder.mlp(model.activation(), model.hidden());
        }
        TrainingSpec spec = builder.build();
        TrainingOptions options = spec.options();
        requireMemory(data, model, options, loss, root.pathOf("model"));
        TrainingRun run = prepare(data, spec, root.object("loss").path());
        JobObject output = root.optionalObject("output");
        if (output.has("plot") && options.epochs() == 0) {
            throw new BadInputException(output.pathOf("plot") + ": there is no loss curve with 0 epochs");
        }
        try (OutputFiles outputs = new OutputFiles()) {
            Map<String, Path> files = outputs.declare(output, "report", "model", "plot");
            long start = System.nanoTime();
            FittedModel fitted = Memory.during("training the model", () -> fit(run, context, data));
            double seconds = (System.nanoTime() - start) / 1e9;
            ObjectNode report = report(loss, data, model.type(), fitted, optimizer, hyperParameters, options);
            report.set("outputs", OutputFiles.describe(files));
            if (files.containsKey("report")) {
                outputs.json(files.get("report"), report);
            }
            if (files.containsKey("model")) {
                outputs.json(files.get("model"), Json.tree(fitted.toJson()));
            }
            if (files.containsKey("plot")) {
                try (OutputStream out = outputs.stream(files.get("plot"))) {
                    LossCurvePlot.write(fitted.result().history(), fitted.result().bestEpoch(), loss.name() + ", " + optimizer.jsonName(), out);
                }
            }
            outputs.commit();
            return TaskResult.ok(report, summary(fitted, model.type(), optimizer, seconds, files));
        }
    }

    /**
     * The loss, with from_logits = true added where the loss has it (the model outputs logits); a
     * loss on real predictions is allowed except for gbdt models, whose margins are logits.
     */
    private static Loss readLoss(JobObject section, TaskContext context, boolean gbdt) {
        JobObject params = section.optionalObject("params");
        Map<String, Object> given = asMap(params);
        Map<String, Object> added = context.registry().find(section.string("name"))
                .map(provider -> {
                    try {
                        return LogitTraining.trainingParameters(provider, given);
                    } catch (IllegalArgumentException e) {
                        throw new BadInputException(params.pathOf("from_logits") + ": " + e.getMessage(), e);
                    }
                })
                .orElse(Map.of());
        // The loss runs its scalar kernels (docs/training.md, "Speed"): a mini-batch is below the vector
        // kernels' size anyway, and the loss over all training rows after each epoch repeats too rarely to
        // repay the Vector API's warm-up (its first call on 200,000 x 10 logits: 5.6 s against 0.5 s).
        Loss loss = gbdt ? JobLoss.create(section, context.registry(), added)
                : VectorSupport.with(false, () -> JobLoss.create(section, context.registry(), added));
        try {
            return gbdt ? LogitTraining.check(loss) : TrainableLoss.check(loss);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(section.path() + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(JobObject object) {
        return (Map<String, Object>) Json.plain(object.json());
    }

    private static ParameterValues hyperParameters(JobObject section, Optimizer optimizer) {
        Map<String, Object> given = asMap(section);
        given.remove("name");
        try {
            return optimizer.resolve(given);
        } catch (ParameterException e) {
            throw new BadInputException(section.pathOf(e.parameter()) + ": " + e.getMessage(), e);
        }
    }

    private static TrainingSpec.Builder readTraining(JobObject training, TrainingSpec.Builder spec) {
        training.allowOnly("epochs", "batch_size", "l2", "seed", "early_stopping");
        int epochs = training.integer("epochs", 100, 0, Integer.MAX_VALUE);
        int batchSize = training.integer("batch_size", 0, 0, Integer.MAX_VALUE);
        double l2 = training.number("l2", 0.0, NumberRange.closedOpen(0, Double.POSITIVE_INFINITY));
        long seed = training.longInteger("seed", 0);
        if (training.has("early_stopping")) {
            JobObject section = training.object("early_stopping");
            section.allowOnly("patience", "min_delta", "restore_best");
            spec.earlyStopping(new EarlyStopping(section.integer("patience", 10, 1, Integer.MAX_VALUE),
                    section.number("min_delta", 0.0, NumberRange.closedOpen(0, Double.POSITIVE_INFINITY)),
                    section.bool("restore_best", true) ? EarlyStopping.Keep.BEST_EPOCH : EarlyStopping.Keep.LAST_EPOCH));
        }
        return spec.epochs(epochs).batchSize(batchSize).l2(l2).seed(seed);
    }

    /**
     * Refuses a model that cannot fit the heap, estimated before anything is allocated: the data's
     * standardised copies ({@code 3 N F}), the parameters with their gradient, optimizer state and best
     * copy ({@code 6 P}) and a batch's activations and their gradients ({@code 4 B H}), 8 bytes each.
     */
    private static void requireMemory(DataSection data, ModelSection model, TrainingOptions options, Loss loss,
                                      String modelPath) {
        Dataset dataset = data.dataset();
        int outputs = loss.inputSpace().isClassWise() ? dataset.classes().size() : 1;
        double parameters = 0;
        double units = outputs;
        int previous = dataset.featureCount();
        for (int size : model.hidden()) {
            parameters += ((double) previous + 1) * size;
            units += size;
            previous = size;
        }
        parameters += ((double) previous + 1) * outputs;
        double batchRows = options.batchSize() == 0 ? dataset.rows() : Math.min(options.batchSize(), dataset.rows());
        double bytes = 8 * (3.0 * dataset.rows() * dataset.featureCount() + 6 * parameters + 4 * batchRows * units);
        String what = String.format(Locale.ROOT, "%s %s model of %.0f parameters on %d rows",
                model.type().equals("mlp") ? "an" : "a", model.type(), parameters, dataset.rows());
        Memory.require(bytes, what, model.hidden().length > 0 ? modelPath + ".hidden" : modelPath);
    }

    private static TrainingRun prepare(DataSection data, TrainingSpec spec, String lossPath) {
        try {
            TrainableLoss.outputs(spec.loss(), data.dataset().classes().size());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(lossPath + ": " + e.getMessage(), e);
        }
        try {
            return Trainer.prepare(data.dataset(), spec);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    private static FittedModel fit(TrainingRun run, TaskContext context, DataSection data) {
        try (TrainingProgress progress = TrainingProgress.start(run.epochs(), context.showProgress() ? context.err() : null)) {
            FittedModel fitted = run.fit(progress);
            progress.finished(fitted.result());
            return fitted;
        } catch (TrainingDivergedException e) {
            throw new RunFailedException(e.getMessage(), e);
        } catch (NonFiniteLossException e) {
            throw new RunFailedException(e.messageIn(Display.path(data.file())), e);
        }
    }

    private static ObjectNode report(Loss loss, DataSection data, String type, FittedModel fitted,
                                     Optimizer optimizer, ParameterValues hyperParameters, TrainingOptions options) {
        TrainingResult result = fitted.result();
        Metrics m = result.metrics();
        ObjectNode report = Json.object();
        report.put("task", "train");
        report.set("loss", Json.tree(JobLoss.describe(loss)));
        ObjectNode dataNode = report.putObject("data");
        dataNode.put("path", Display.path(data.file()));
        dataNode.put("rows", data.dataset().rows());
        dataNode.put("training_rows", data.dataset().rows() - fitted.validationRows());
        dataNode.put("validation_rows", fitted.validationRows());
        dataNode.set("features", Json.tree(data.dataset().featureNames()));
        dataNode.set("classes", Json.tree(data.dataset().classes()));
        dataNode.put("standardize", data.standardize());
        ObjectNode modelNode = report.putObject("model");
        modelNode.put("type", type);
        if (fitted.network().activation() != null) {
            modelNode.set("hidden", Json.tree(fitted.network().hidden()));
            modelNode.put("activation", fitted.network().activation().jsonName());
        }
        modelNode.put("outputs", fitted.network().outputs());
        modelNode.put("parameters", fitted.network().parameterCount());
        ObjectNode optimizerNode = report.putObject("optimizer");
        optimizerNode.put("name", optimizer.jsonName());
        optimizerNode.set("params", Json.tree(hyperParameters.asMap()));
        ObjectNode trainingNode = report.putObject("training");
        trainingNode.put("epochs", options.epochs());
        trainingNode.put("batch_size", options.batchSize());
        trainingNode.put("l2", options.l2());
        trainingNode.put("seed", options.seed());
        if (options.earlyStopping() != null) {
            EarlyStopping es = options.earlyStopping();
            ObjectNode esNode = trainingNode.putObject("early_stopping");
            esNode.put("patience", es.patience());
            esNode.put("min_delta", es.minDelta());
            esNode.put("restore_best", es.restoreBest());
        }
        report.put("train_loss", m.trainLoss());
        report.put("objective", m.objective());
        putNullable(report, "validation_loss", m.validationLoss());
        if (m.accuracy() != null) {              // a loss on real predictions has no classes, so no accuracy
            report.put("accuracy", m.accuracy());
            putNullable(report, "validation_accuracy", m.validationAccuracy());
        }
        report.put("epochs", result.history().size());
        report.put("stopped_early", result.stoppedEarly());
        if (result.bestEpoch() != null) {
            report.put("best_epoch", result.bestEpoch());
        }
        ArrayNode history = report.putArray("history");
        for (EpochRecord r : result.history()) {
            ObjectNode epoch = history.addObject();
            epoch.put("epoch", r.epoch());
            epoch.put("train_loss", r.trainLoss());
            epoch.put("objective", r.objective());
            putNullable(epoch, "validation_loss", r.validationLoss());
        }
        return report;
    }

    /** "stopped early at epoch 52, best epoch 42", or "best epoch 180 restored" for a run that did not stop early. */
    static String stopDescription(TrainingResult result) {
        String best = result.bestEpoch() == null ? "" : "best epoch " + result.bestEpoch();
        if (!result.stoppedEarly()) {
            return best + " restored";
        }
        return "stopped early at epoch " + result.history().size() + (best.isEmpty() ? "" : ", " + best);
    }

    private static void putNullable(ObjectNode node, String key, Double value) {
        if (value == null) {
            node.putNull(key);
        } else {
            node.put(key, value.doubleValue());
        }
    }

    private static List<String> summary(FittedModel fitted, String type, Optimizer optimizer, double seconds,
                                        Map<String, Path> files) {
        TrainingResult result = fitted.result();
        Metrics m = result.metrics();
        List<String> lines = new ArrayList<>();
        String ending = result.stoppedEarly() || result.bestEpoch() != null ? " (" + stopDescription(result) + ")" : "";
        lines.add(String.format(Locale.ROOT, "train: %s model, %d parameters, %s, %d epochs%s in %.2f s",
                type, fitted.network().parameterCount(), optimizer.jsonName(), result.history().size(), ending, seconds));
        String accuracy = m.accuracy() == null ? "" : String.format(Locale.ROOT, "  accuracy %.4f", m.accuracy());
        lines.add(String.format(Locale.ROOT, "  train_loss %.6g  objective %.6g", m.trainLoss(), m.objective()) + accuracy);
        if (m.validationLoss() != null) {
            String validationAccuracy = m.validationAccuracy() == null ? ""
                    : String.format(Locale.ROOT, "  validation_accuracy %.4f", m.validationAccuracy());
            lines.add(String.format(Locale.ROOT, "  validation_loss %.6g", m.validationLoss()) + validationAccuracy);
        }
        lines.addAll(OutputFiles.wroteLine(files));
        return lines;
    }
}
