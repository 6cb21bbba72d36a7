package dev.xent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train task through the command line, with the test-only losses test_logistic and test_softmax. */
class TrainCommandTest {
    private static final Path DATA = Path.of("../examples/data").toAbsolutePath().normalize();

    @TempDir
    Path folder;

    private static ObjectNode breastCancerJob() {
        ObjectNode job = (ObjectNode) Json.tree(java.util.Map.of(
                "task", "train",
                "loss", java.util.Map.of("name", "test_logistic"),
                "data", java.util.Map.of("path", DATA.resolve("breast_cancer.csv").toString(), "target", "malignant",
                        "validation_fraction", 0.2),
                "optimizer", java.util.Map.of("name", "adam", "learning_rate", 0.05),
                "training", java.util.Map.of("epochs", 200, "l2", 0.01),
                "output", java.util.Map.of("report", "out/report.json", "model", "out/model.json", "plot", "out/loss.png")));
        return job;
    }

    private static ObjectNode irisJob() {
        return (ObjectNode) Json.tree(java.util.Map.of(
                "task", "train",
                "loss", java.util.Map.of("name", "test_softmax"),
                "data", java.util.Map.of("path", DATA.resolve("iris.csv").toString(), "target", "species"),
                "optimizer", java.util.Map.of("name", "adam", "learning_rate", 0.1),
                "training", java.util.Map.of("epochs", 200),
                "output", java.util.Map.of("report", "out/report.json")));
    }

    private Path write(JsonNode job) throws IOException {
        Path file = folder.resolve("job.json");
        Files.writeString(file, Json.write(job));
        return file;
    }

    private JsonNode report() throws IOException {
        return Json.MAPPER.readTree(folder.resolve("out/report.json").toFile());
    }

    @Test
    void logisticRegressionOnBreastCancerReachesTheIssuesTargetsAndWritesEveryOutput() throws IOException {
        Cli.Result result = Cli.run("run", write(breastCancerJob()).toString());
        assertEquals(0, result.exitCode(), result.err());
        JsonNode report = report();
        assertTrue(report.get("train_loss").asDouble() < 0.08, result.out());
        assertTrue(report.get("validation_accuracy").asDouble() > 0.95, result.out());
        assertEquals(200, report.get("epochs").asInt());
        assertEquals(200, report.get("history").size());
        assertEquals(114, report.get("data").get("validation_rows").asInt());
        assertEquals(30, report.get("data").get("features").size());
        for (String key : new String[] {"task", "loss", "data", "model", "optimizer", "training", "train_loss", "objective",
                "validation_loss", "accuracy", "validation_accuracy", "epochs", "history"}) {
            assertTrue(report.has(key), key);
        }
        assertEquals(0.9, report.get("optimizer").get("params").get("beta1").asDouble());
        JsonNode model = Json.MAPPER.readTree(folder.resolve("out/model.json").toFile());
        assertEquals("xent-model/1", model.get("format").asText());
        assertEquals(30, model.get("layers").get(0).get("weights").size());
        assertEquals(30, model.get("standardization").get("mean").size());
        byte[] png = Files.readAllBytes(folder.resolve("out/loss.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertTrue(result.out().startsWith("train: linear model, 31 parameters, adam, 200 epochs"), result.out());
    }

    @Test
    void softmaxRegressionOnIrisFitsTheTrainingSet() throws IOException {
        Cli.Result result = Cli.run("run", "--quiet", write(irisJob()).toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.out());
        JsonNode report = report();
        assertTrue(report.get("accuracy").asDouble() > 0.95, report.get("accuracy").toString());
        assertEquals("[\"setosa\",\"versicolor\",\"virginica\"]", report.get("data").get("classes").toString());
        assertTrue(report.get("validation_loss").isNull());
    }

    @Test
    void theSameSeedGivesAnIdenticalReport() throws IOException {
        ObjectNode job = irisJob();
        job.set("model", Json.tree(java.util.Map.of("type", "mlp", "hidden", java.util.List.of(8, 4), "activation", "relu")));
        job.set("training", Json.tree(java.util.Map.of("epochs", 15, "batch_size", 16, "seed", 3, "l2", 0.001)));
        ((ObjectNode) job.get("data")).put("validation_fraction", 0.3);
        Path file = write(job);
        Cli.Result first = Cli.run("run", "--json", file.toString());
        Cli.Result second = Cli.run("run", "--json", file.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(first.out(), second.out());
        assertEquals(Json.MAPPER.readTree(first.out()), report());
        Cli.Result otherSeed = Cli.run("run", "--json", "--set", "training.seed=4", file.toString());
        assertFalse(first.out().equals(otherSeed.out()));
    }

    @Test
    void conjugateGradientReachesTheReferenceLogLossOnBreastCancer() throws IOException {
        ObjectNode job = breastCancerJob();
        job.set("optimizer", Json.tree(java.util.Map.of("name", "conjugate_gradient")));
        job.set("training", Json.tree(java.util.Map.of("epochs", 500, "l2", 1.0 / 569)));
        ((ObjectNode) job.get("data")).remove("validation_fraction");
        Cli.Result result = Cli.run("run", "--quiet", write(job).toString());
        assertEquals(0, result.exitCode(), result.err());
        // scikit-learn LogisticRegression(C=1) on the standardised data: mean log loss 0.0533920399.
        assertEquals(0.0533920399, report().get("train_loss").asDouble(), 1e-6);
    }

    @Test
    void earlyStoppingIsReported() throws IOException {
        ObjectNode job = irisJob();
        ((ObjectNode) job.get("data")).put("validation_fraction", 0.3);
        job.set("training", Json.tree(java.util.Map.of("epochs", 5000, "early_stopping",
                java.util.Map.of("patience", 5, "min_delta", 1e-6))));
        Cli.Result result = Cli.run("run", "--quiet", write(job).toString());
        assertEquals(0, result.exitCode(), result.err());
        JsonNode report = report();
        assertTrue(report.get("stopped_early").asBoolean(), report.get("epochs").toString());
        assertEquals(report.get("epochs").asInt() - 5, report.get("best_epoch").asInt());
    }

    @Test
    void divergenceFailsTheRunWithExitCodeOneAndWritesNothing() throws IOException {
        ObjectNode job = breastCancerJob();
        job.set("optimizer", Json.tree(java.util.Map.of("name", "sgd", "learning_rate", 10)));
        job.set("training", Json.tree(java.util.Map.of("epochs", 2000, "l2", 1)));
        Cli.Result result = Cli.run("run", write(job).toString());
        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("xent: training diverged in epoch "), result.err());
        assertFalse(Files.exists(folder.resolve("out/report.json")));
    }

    /** Runs a job changed by {@code --set} overrides; asserts exit code 2, one line naming {@code expected}, no output. */
    private void assertBadJob(ObjectNode job, String expected, String... overrides) throws IOException {
        Path file = write(job);
        String[] args = Stream.concat(Stream.of("run"), Stream.concat(
                Arrays.stream(overrides).flatMap(o -> Stream.of("--set", o)), Stream.of(file.toString())))
                .toArray(String[]::new);
        Cli.Result result = Cli.run(args);
        assertEquals(2, result.exitCode(), result.err());
        assertEquals(1, result.errLines().length, result.err());
        assertTrue(result.err().contains(expected), "expected '" + expected + "' in: " + result.err());
        assertFalse(Files.exists(folder.resolve("out")), "no output may be written");
    }

    @Test
    void badTrainJobsAreRejectedWithTheirJsonPath() throws IOException {
        ObjectNode job = breastCancerJob();
        assertBadJob(job, "$.optimizer.name: 'adma' is not allowed; did you mean 'adam'?", "optimizer.name=adma");
        assertBadJob(job, "$.optimizer.beta3: optimizer adam: unknown parameter 'beta3'", "optimizer.beta3=0.5");
        assertBadJob(job, "$.optimizer.learning_rate: optimizer adam: parameter 'learning_rate' = 0", "optimizer.learning_rate=0");
        assertBadJob(job, "$.model.type: 'cnn' is not allowed", "model.type=cnn");
        assertBadJob(job, "$.model.activation: 'sigmoid' is not allowed", "model.type=mlp", "model.hidden=[4]",
                "model.activation=sigmoid");
        assertBadJob(job, "$.model.hidden[1]: 0 is not a whole number in [1, ", "model.type=mlp", "model.hidden=[4,0]");
        assertBadJob(job, "$.model.hidden: an mlp needs a non-empty list", "model.type=mlp", "model.hidden=[]");
        assertBadJob(job, "$.model.hidden: an mlp needs a non-empty list", "model.type=mlp");
        assertBadJob(job, "$.model.hidden: unknown key 'hidden'", "model.hidden=[3]");
        assertBadJob(job, "$.training.epochs: -1 is out of range", "training.epochs=-1");
        assertBadJob(job, "$.training.batch_size: 2.5 has the wrong type", "training.batch_size=2.5");
        assertBadJob(job, "$.training.l2: -0.1 is out of range", "training.l2=-0.1");
        assertBadJob(job, "$.training.epoch: unknown key 'epoch'; did you mean 'epochs'?", "training.epoch=3");
        assertBadJob(job, "$.training.early_stopping.patience: 0 is out of range", "training.early_stopping.patience=0");
        assertBadJob(job, "$.data.validation_fraction: 1 is out of range", "data.validation_fraction=1");
        assertBadJob(job, "$.data.validation_fraction: -0.1 is out of range", "data.validation_fraction=-0.1");
        assertBadJob(job, "$.data.features: no column 'radius' in ", "data.features=[\"mean_radius\",\"radius\"]");
        assertBadJob(job, "columns present: mean_radius, mean_texture", "data.features=[\"radius\"]");
        assertBadJob(job, "$.data.target: no column 'diagnosis'", "data.target=diagnosis");
        assertBadJob(job, "$.data.features: the target column 'malignant' cannot also be a feature",
                "data.features=[\"malignant\"]");
        assertBadJob(job, "unknown class label '1'; $.data.classes lists: benign, malignant",
                "data.classes=[\"benign\",\"malignant\"]");
        assertBadJob(job, "$.data.classes: a class label appears twice", "data.classes=[\"0\",\"1\",\"0\"]");
        assertBadJob(job, "$.output.plots: unknown key 'plots'", "output.plots=x.png");
        assertBadJob(job, "$.output.plot: there is no loss curve with 0 epochs", "training.epochs=0");
        assertBadJob(job, "$.loss.name: ", "loss.name=no_such_loss");
    }

    @Test
    void lossesThatDoNotFitTrainingAreRejected() throws IOException {
        ObjectNode iris = irisJob();
        assertBadJob(iris, "$.loss.params.from_logits: test_softmax: from_logits = false is not allowed in training",
                "loss.params.from_logits=false");
        assertBadJob(iris, "$.loss: test_logistic scores one logit per row, which needs a binary target; the target"
                + " has 3 classes", "loss.name=test_logistic");
        assertBadJob(breastCancerJob(), "$.loss: test_brier expects elementwise probabilities but the model outputs logits",
                "loss.name=test_brier");
        assertBadJob(breastCancerJob(), "$.loss: test_logistic: reduction sum is not allowed in training",
                "loss.params.reduction=sum");
    }

    /** Counts drawn from a Poisson distribution whose log-rate is 0.3 + 0.7 x (seeded, Knuth's method). */
    private Path countsFile() throws IOException {
        java.util.Random random = new java.util.Random(3);
        StringBuilder csv = new StringBuilder("x,noise,count\n");
        for (int r = 0; r < 300; r++) {
            double x = 2 * random.nextDouble() - 1;
            double limit = Math.exp(-Math.exp(0.3 + 0.7 * x));
            int count = -1;
            for (double product = 1; product > limit; product *= random.nextDouble()) {
                count++;
            }
            csv.append(x).append(',').append(random.nextGaussian()).append(',').append(count).append('\n');
        }
        return Files.writeString(folder.resolve("counts.csv"), csv);
    }

    @Test
    void aLossOnRealPredictionsTrainsOnANumericTargetAndReportsNoAccuracy() throws IOException {
        ObjectNode job = (ObjectNode) Json.tree(java.util.Map.of(
                "task", "train",
                "loss", java.util.Map.of("name", "test_poisson"),
                "data", java.util.Map.of("path", countsFile().toString(), "target", "count", "validation_fraction", 0.2),
                "optimizer", java.util.Map.of("name", "adam", "learning_rate", 0.05),
                "training", java.util.Map.of("epochs", 300),
                "output", java.util.Map.of("report", "out/report.json", "model", "out/model.json")));
        Cli.Result result = Cli.run("run", write(job).toString());
        assertEquals(0, result.exitCode(), result.err());
        JsonNode report = report();
        assertFalse(report.has("accuracy"), result.out());
        assertFalse(report.has("validation_accuracy"), result.out());
        assertEquals(0, report.get("data").get("classes").size());
        assertEquals(1, report.get("model").get("outputs").asInt());
        JsonNode history = report.get("history");
        assertTrue(history.get(history.size() - 1).get("train_loss").asDouble() < history.get(0).get("train_loss").asDouble());
        assertFalse(result.out().contains("accuracy"), result.out());
        JsonNode model = Json.MAPPER.readTree(folder.resolve("out/model.json").toFile());
        assertEquals("the loss's prediction", model.get("output").asText());
        // the weight of x over its standard deviation (about 0.58) is near the true 0.7; noise gets almost none
        double[] weights = {model.get("layers").get(0).get("weights").get(0).get(0).asDouble(),
                model.get("layers").get(0).get("weights").get(1).get(0).asDouble()};
        double xScale = model.get("standardization").get("scale").get(0).asDouble();
        assertEquals(0.7, weights[0] / xScale, 0.15, report.toString());
        assertEquals(0, weights[1], 0.1, report.toString());
        Files.delete(folder.resolve("out/report.json"));
        Files.delete(folder.resolve("out/model.json"));
        Files.delete(folder.resolve("out"));
        assertBadJob(job, "$.data.classes: the loss takes real predictions", "data.classes=[\"0\",\"1\"]");
    }

    @Test
    void nonNumericFeatureCellsAreReportedWithLineAndColumn() throws IOException {
        Path csv = folder.resolve("bad.csv");
        Files.writeString(csv, "a,b,y\n1,2,0\n3,x,1\n");
        ObjectNode job = breastCancerJob();
        job.set("data", Json.tree(java.util.Map.of("path", csv.toString(), "target", "y", "features",
                java.util.List.of("a", "b"))));
        assertBadJob(job, "bad.csv line 3, column 'b': 'x' is not a number");
        // Without a features list, non-numeric columns are left out.
        job.set("data", Json.tree(java.util.Map.of("path", csv.toString(), "target", "y")));
        job.set("training", Json.tree(java.util.Map.of("epochs", 2)));
        Cli.Result result = Cli.run("run", "--quiet", write(job).toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("[\"a\"]", report().get("data").get("features").toString());
    }

    /** Runs an example job from examples/ with the built-in losses, its report redirected to the temporary folder. */
    private JsonNode runExample(String name) throws IOException {
        Path report = folder.resolve(name + ".report.json");
        Cli.Result result = Cli.run("run", "--quiet", "--set", "output={\"report\": " + Json.write(Json.tree(report.toString())) + "}",
                Path.of("../examples", name + ".json").toString());
        assertEquals(0, result.exitCode(), result.err());
        return Json.MAPPER.readTree(report.toFile());
    }

    @Test
    void theBreastCancerExampleReachesTheIssuesTargetsWithBinaryCrossEntropy() throws IOException {
        JsonNode report = runExample("breast-cancer-logistic");
        assertEquals("binary_cross_entropy", report.get("loss").get("name").asText());
        assertEquals(true, report.get("loss").get("params").get("from_logits").asBoolean());
        assertTrue(report.get("train_loss").asDouble() < 0.08, report.get("train_loss").toString());
        assertTrue(report.get("validation_accuracy").asDouble() > 0.95, report.get("validation_accuracy").toString());
    }

    @Test
    void theIrisExampleFitsTheTrainingSetWithCategoricalCrossEntropy() throws IOException {
        JsonNode report = runExample("iris-softmax");
        assertTrue(report.get("accuracy").asDouble() > 0.95, report.get("accuracy").toString());
        // examples/data/README.md: about 0.130 with objective sum log loss + 1/2 ||W||^2 (here l2 = 1/150).
        assertEquals(0.130, report.get("train_loss").asDouble(), 0.001);
    }

    @Test
    void theConjugateGradientExampleMatchesScikitLearn() throws IOException {
        JsonNode report = runExample("breast-cancer-conjugate-gradient");
        // scikit-learn 1.2 LogisticRegression(C=1, tol=1e-12) on the standardised data, objective
        // sum log loss + 1/2 ||w||^2: mean log loss 0.0533920399, mean objective 0.0663601864.
        assertEquals(0.0533920399, report.get("train_loss").asDouble(), 1e-6);
        assertEquals(0.0663601864, report.get("objective").asDouble(), 1e-9);
    }
}
