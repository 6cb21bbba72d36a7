package dev.xent.cli.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.BadInputException;
import dev.xent.cli.RunFailedException;
import dev.xent.cli.io.Display;
import dev.xent.cli.io.Json;
import dev.xent.cli.io.OutputFiles;
import dev.xent.cli.job.JobLoss;
import dev.xent.cli.job.JobObject;
import dev.xent.cli.task.TaskContext;
import dev.xent.cli.task.TaskResult;
import dev.xent.core.LogitTraining;
import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import dev.xent.core.spi.NumberRange;
import dev.xent.train.Dataset;
import dev.xent.train.EpochRecord;
import dev.xent.train.Metrics;
import dev.xent.train.ValidationSplit;
import dev.xent.xgboost.XentObjective;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A train job with {@code "model": {"type": "gbdt", ...}}: gradient-boosted trees by XGBoost4J with the
 * job's loss as a custom objective ({@link XentObjective}), one boosting round per history entry. The
 * data, validation split, report, plot and errors are those of the linear and mlp models (see
 * docs/training.md and docs/xgboost.md); there is no optimizer section and no penalty, so the objective
 * is the training loss, and features are not standardised (trees split on thresholds). The model file
 * is XGBoost's own JSON model. The booster starts where XGBoost's {@code binary:logistic} or
 * {@code multi:softprob} would ({@link XentObjective#logisticBaseScore}, {@link XentObjective#softmaxBaseScore}).
 *
 * <p>This class is the only one that touches XGBoost4J, and it is loaded only for gbdt jobs: other
 * commands never load XGBoost or its native library.
 */
final class GbdtTraining {
    /** Kept so that the logger's level stays set (JUL holds loggers weakly). */
    private static final Logger XGBOOST_LOG = Logger.getLogger("ml.dmlc.xgboost4j.java");

    private GbdtTraining() {
    }

    /** Whether {@code model.type} asks for boosted trees. */
    static boolean requested(JobObject root) {
        return root.has("model") && root.object("model").optionalString("type").filter("gbdt"::equals).isPresent();
    }

    /** The model section's boosting parameters, with XGBoost's names. */
    private record Boosting(int rounds, int maxDepth, double eta, double subsample, double minChildWeight,
                            int threads, long seed) {

        static Boosting read(JobObject model) {
            model.allowOnly("type", "rounds", "max_depth", "eta", "subsample", "min_child_weight", "nthread", "seed");
            return new Boosting(model.integer("rounds", 100, 0, 1_000_000),
                    model.integer("max_depth", 6, 1, 64),
                    model.number("eta", 0.3, new NumberRange(0, false, 1, true)),
                    model.number("subsample", 1.0, new NumberRange(0, false, 1, true)),
                    model.number("min_child_weight", 1.0, NumberRange.atLeast(0)),
                    model.integer("nthread", 1, 1, 1024),
                    model.longInteger("seed", 0));
        }

        Map<String, Object> parameters(Object baseScore, int classes) {
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("max_depth", maxDepth);
            parameters.put("eta", eta);
            parameters.put("subsample", subsample);
            parameters.put("min_child_weight", minChildWeight);
            parameters.put("nthread", threads);
            parameters.put("seed", seed);
            parameters.put("verbosity", 0);
            parameters.put("base_score", baseScore);
            if (classes > 0) {
                parameters.put("num_class", classes);
            }
            return parameters;
        }
    }

    /** Training or validation rows as XGBoost's matrix, with their labels. */
    private record Rows(DMatrix matrix, Tensor labels, int[] targets) {

        static Rows of(Dataset data) throws XGBoostError {
            // The features by name in XGBoost's model file; the data is not standardised (trees split on thresholds).
            int n = data.rows();
            int features = data.featureCount();
            float[] x = new float[n * features];
            float[] y = new float[n];
            int[] targets = new int[n];
            double[] labels = new double[n];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < features; c++) {
                    x[r * features + c] = (float) data.feature(r, c);
                }
                targets[r] = data.target(r);
                y[r] = targets[r];
                labels[r] = targets[r];
            }
            DMatrix matrix = new DMatrix(x, n, features, Float.NaN);
            matrix.setLabel(y);
            matrix.setFeatureNames(data.featureNames().toArray(String[]::new));
            return new Rows(matrix, Tensor.wrap(labels, n), targets);
        }
    }

    static TaskResult run(JobObject root, Loss loss, DataSection data, TaskContext context) throws IOException {
        JobObject model = root.object("model");
        Boosting boosting = Boosting.read(model);
        if (root.has("optimizer")) {
            throw new BadInputException(root.pathOf("optimizer") + ": a gbdt model is fitted by boosting, not by an"
                    + " optimizer; remove the optimizer section");
        }
        JobObject training = root.optionalObject("training");
        training.allowOnly("seed");
        long splitSeed = training.longInteger("seed", 0);
        int classes = data.dataset().classes().size();
        int outputs;
        XentObjective objective;
        try {
            outputs = LogitTraining.outputs(loss, classes);
            Map<String, Object> sum = new LinkedHashMap<>(loss.parameters());
            sum.put("reduction", "sum");
            objective = XentObjective.of(context.registry(), root.object("loss").string("name"), sum);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(root.object("loss").path() + ": " + e.getMessage(), e);
        }
        ValidationSplit split;
        try {
            split = ValidationSplit.of(data.dataset().rows(), data.validationFraction(), splitSeed);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        JobObject output = root.optionalObject("output");
        if (output.has("plot") && boosting.rounds() == 0) {
            throw new BadInputException(output.pathOf("plot") + ": there is no loss curve with 0 rounds");
        }
        try (OutputFiles writer = new OutputFiles()) {
            Map<String, Path> files = writer.declare(output, "report", "model", "plot");
            long start = System.nanoTime();
            Fit fit = fit(data.dataset(), split, loss, objective, boosting, outputs == 1 ? 0 : classes, context);
            double seconds = (System.nanoTime() - start) / 1e9;
            ObjectNode report = report(loss, data, split, boosting, outputs, fit, splitSeed);
            report.set("outputs", OutputFiles.describe(files));
            if (files.containsKey("report")) {
                writer.json(files.get("report"), report);
            }
            if (files.containsKey("model")) {
                try (OutputStream out = writer.stream(files.get("model"))) {
                    out.write(fit.model());
                }
            }
            if (files.containsKey("plot")) {
                try (OutputStream out = writer.stream(files.get("plot"))) {
                    LossCurvePlot.write(fit.history(), null, loss.name() + ", gbdt", out);
                }
            }
            writer.commit();
            return TaskResult.ok(report, summary(boosting, fit, seconds, files));
        }
    }

    /** The trained booster's figures, its per-round history and its XGBoost JSON model. */
    private record Fit(Metrics metrics, List<EpochRecord> history, byte[] model, Object baseScore) {
    }

    private static Fit fit(Dataset data, ValidationSplit split, Loss loss, XentObjective objective, Boosting boosting,
                           int classes, TaskContext context) {
        Level level = XGBOOST_LOG.getLevel();
        XGBOOST_LOG.setLevel(Level.OFF); // its loader logs a stack trace before throwing; we report one line
        try {
            Rows train = Rows.of(data.rows(split.training()));
            Rows validation = split.validation().length == 0 ? null : Rows.of(data.rows(split.validation()));
            XGBOOST_LOG.setLevel(level);
            Object baseScore = classes == 0 ? XentObjective.logisticBaseScore(train.matrix())
                    : XentObjective.softmaxBaseScore(train.matrix(), classes);
            Booster booster = XGBoost.train(train.matrix(), boosting.parameters(baseScore, classes), 0, Map.of(),
                    null, null);
            List<EpochRecord> history = new ArrayList<>();
            Metrics metrics = evaluate(booster, loss, train, validation, 0);
            try (TrainingProgress progress = TrainingProgress.start(boosting.rounds(), context.showProgress() ? context.err() : null)) {
                for (int round = 0; round < boosting.rounds(); round++) {
                    booster.update(train.matrix(), round, objective);
                    metrics = evaluate(booster, loss, train, validation, round + 1);
                    EpochRecord record = new EpochRecord(round + 1, metrics.trainLoss(), metrics.objective(),
                            metrics.validationLoss());
                    history.add(record);
                    progress.epochFinished(record);
                }
            }
            return new Fit(metrics, history, booster.toByteArray("json"), baseScore);
        } catch (XGBoostError e) {
            throw new RunFailedException("XGBoost failed: " + firstLine(e.getMessage()), e);
        } catch (LinkageError e) { // XGBoostJNI's static initializer failed: no native library for this platform
            throw new RunFailedException("gbdt needs XGBoost's native library, which could not be loaded on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " (XGBoost4J ships it for"
                    + " Linux, macOS and Windows on x86_64 and aarch64): " + firstLine(rootMessage(e)), e);
        } finally {
            XGBOOST_LOG.setLevel(level);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Mean loss and accuracy on the training (and validation) rows; a non-finite loss is divergence. */
    private static Metrics evaluate(Booster booster, Loss loss, Rows train, Rows validation, int round)
            throws XGBoostError {
        float[][] trainMargins = booster.predict(train.matrix(), true);
        double trainLoss = loss.value(margins(trainMargins), train.labels());
        if (!Double.isFinite(trainLoss)) {
            throw new RunFailedException("training diverged in round " + round + ": the training loss is " + trainLoss
                    + "; try a smaller eta");
        }
        Double validationLoss = null;
        Double validationAccuracy = null;
        if (validation != null) {
            float[][] validationMargins = booster.predict(validation.matrix(), true);
            validationLoss = loss.value(margins(validationMargins), validation.labels());
            validationAccuracy = accuracy(validationMargins, validation.targets());
        }
        return new Metrics(trainLoss, trainLoss, validationLoss, accuracy(trainMargins, train.targets()),
                validationAccuracy);
    }

    /** XGBoost's margins as the loss's logits: a vector for one output, else an N x C matrix. */
    private static Tensor margins(float[][] margins) {
        int columns = margins[0].length;
        double[] flat = new double[margins.length * columns];
        for (int r = 0; r < margins.length; r++) {
            for (int c = 0; c < columns; c++) {
                flat[r * columns + c] = margins[r][c];
            }
        }
        return columns == 1 ? Tensor.wrap(flat, margins.length) : Tensor.wrap(flat, margins.length, columns);
    }

    /** Share of rows whose predicted class (margin > 0, or the first arg-max) is the target. */
    private static double accuracy(float[][] margins, int[] targets) {
        int right = 0;
        for (int r = 0; r < margins.length; r++) {
            int predicted = 0;
            if (margins[r].length == 1) {
                predicted = margins[r][0] > 0 ? 1 : 0;
            } else {
                for (int c = 1; c < margins[r].length; c++) {
                    predicted = margins[r][c] > margins[r][predicted] ? c : predicted;
                }
            }
            right += predicted == targets[r] ? 1 : 0;
        }
        return right / (double) margins.length;
    }

    private static ObjectNode report(Loss loss, DataSection data, ValidationSplit split, Boosting boosting, int outputs,
                                     Fit fit, long splitSeed) {
        ObjectNode report = Json.object();
        report.put("task", "train");
        report.set("loss", Json.tree(JobLoss.describe(loss)));
        ObjectNode dataNode = report.putObject("data");
        dataNode.put("path", Display.path(data.file()));
        dataNode.put("rows", data.dataset().rows());
        dataNode.put("training_rows", split.training().length);
        dataNode.put("validation_rows", split.validation().length);
        dataNode.set("features", Json.tree(data.dataset().featureNames()));
        dataNode.set("classes", Json.tree(data.dataset().classes()));
        dataNode.put("standardize", false);
        ObjectNode modelNode = report.putObject("model");
        modelNode.put("type", "gbdt");
        modelNode.put("outputs", outputs);
        modelNode.put("rounds", boosting.rounds());
        modelNode.put("max_depth", boosting.maxDepth());
        modelNode.put("eta", boosting.eta());
        modelNode.put("subsample", boosting.subsample());
        modelNode.put("min_child_weight", boosting.minChildWeight());
        modelNode.put("nthread", boosting.threads());
        modelNode.put("seed", boosting.seed());
        modelNode.set("base_score", Json.tree(fit.baseScore())); // a margin, or a vector of them as XGBoost reads it
        report.putObject("training").put("seed", splitSeed);
        Metrics m = fit.metrics();
        report.put("train_loss", m.trainLoss());
        report.put("objective", m.objective());
        report.put("validation_loss", m.validationLoss());
        report.put("accuracy", m.accuracy());
        report.put("validation_accuracy", m.validationAccuracy());
        report.put("epochs", fit.history().size());
        report.put("stopped_early", false);
        ArrayNode history = report.putArray("history");
        for (EpochRecord r : fit.history()) {
            ObjectNode round = history.addObject();
            round.put("epoch", r.epoch());
            round.put("train_loss", r.trainLoss());
            round.put("objective", r.objective());
            round.put("validation_loss", r.validationLoss());
        }
        return report;
    }

    private static List<String> summary(Boosting boosting, Fit fit, double seconds, Map<String, Path> files) {
        Metrics m = fit.metrics();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "train: gbdt model, %d rounds of depth %d, eta %s in %.2f s",
                boosting.rounds(), boosting.maxDepth(), boosting.eta(), seconds));
        lines.add(String.format(Locale.ROOT, "  train_loss %.6g  accuracy %.4f", m.trainLoss(), m.accuracy()));
        if (m.validationLoss() != null) {
            lines.add(String.format(Locale.ROOT, "  validation_loss %.6g  validation_accuracy %.4f",
                    m.validationLoss(), m.validationAccuracy()));
        }
        lines.addAll(OutputFiles.wroteLine(files));
        return lines;
    }
}
