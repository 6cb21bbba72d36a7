package dev.xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.cli.io.Json;
import dev.xent.cli.testloss.SquaredErrorProvider;
import org.junit.jupiter.api.Test;

class CommandsTest {

    @Test
    void helpListsTheExitCodes() {
        Cli.Result result = Cli.run("--help");
        assertEquals(0, result.exitCode());
        assertTrue(result.out().contains("Exit codes:"), result.out());
        assertTrue(result.out().contains("bad usage, job, loss parameters or data"), result.out());
        Cli.Result runHelp = Cli.run("run", "--help");
        assertTrue(runHelp.out().contains("Exit codes:"), runHelp.out());
        for (dev.xent.cli.task.Task task : dev.xent.cli.task.Tasks.all()) {
            assertTrue(runHelp.out().contains("  " + task.name() + " "), "run --help lists " + task.name());
        }
        runHelp.out().lines().forEach(line -> assertTrue(line.length() <= 80, "at most 80 columns: " + line));
    }

    @Test
    void listPrintsEveryLossWithItsParametersAndSource() {
        Cli.Result result = Cli.run("list");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("test_squared_error (aliases: test_mse)"), result.out());
        assertTrue(result.out().contains("scale"), result.out());
        assertTrue(result.out().contains("source: "), result.out());
        assertEquals("", result.err());
    }

    @Test
    void listJsonIsAnArrayWithTheDocumentedKeys() throws Exception {
        Cli.Result result = Cli.run("list", "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode array = Json.MAPPER.readTree(result.out());
        assertTrue(array.isArray());
        JsonNode squared = null;
        for (JsonNode loss : array) {
            assertEquals(java.util.List.of("name", "aliases", "description", "input_space", "target_domain",
                    "targets_allowed", "non_negative", "parameters", "source"), iterableToList(loss.fieldNames()));
            if (loss.get("name").asText().equals(SquaredErrorProvider.NAME)) {
                squared = loss;
            }
        }
        JsonNode scale = squared.get("parameters").get(0);
        assertEquals("scale", scale.get("name").asText());
        assertEquals("number", scale.get("type").asText());
        assertEquals(1.0, scale.get("default").asDouble());
        assertEquals("(0, inf)", scale.get("range").asText());
        JsonNode reduction = squared.get("parameters").get(1);
        assertEquals("[\"mean\",\"sum\",\"none\"]", reduction.get("allowed").toString());
    }

    @Test
    void describeShowsTheFormulaAndFindsAliases() throws Exception {
        Cli.Result text = Cli.run("describe", "test_mse");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("l_i = scale * (p_i - y_i)^2"), text.out());
        Cli.Result json = Cli.run("describe", SquaredErrorProvider.NAME, "--json");
        assertEquals("l_i = scale * (p_i - y_i)^2", Json.MAPPER.readTree(json.out()).get("formula").asText());
    }

    @Test
    void describeAndListShowTheDeclaredTargetDomain() throws Exception {
        Cli.Result text = Cli.run("describe", "test_poisson");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("inputs (default parameters): predictions real, targets non_negative ([0, inf))"),
                text.out());
        JsonNode kl = Json.MAPPER.readTree(Cli.run("describe", "test_kl", "--json").out());
        assertEquals("class_probabilities", kl.get("input_space").asText());
        assertEquals("distributions", kl.get("target_domain").asText());
        assertTrue(kl.get("non_negative").asBoolean());
        for (JsonNode loss : Json.MAPPER.readTree(Cli.run("list", "--json").out())) {
            if (loss.get("name").asText().equals("test_poisson")) {
                assertEquals("non_negative", loss.get("target_domain").asText());
                assertEquals(false, loss.get("non_negative").asBoolean());
            }
        }
    }

    @Test
    void describeAnUnknownLossIsABadInputWithTheClosestName() {
        Cli.Result result = Cli.run("describe", "test_squared_eror");
        assertEquals(2, result.exitCode());
        Cli.assertOneErrorLine(result, "did you mean 'test_squared_error'?");
    }

    @Test
    void anUnknownOptionIsABadUsage() {
        Cli.Result result = Cli.run("list", "--frobnicate");
        assertEquals(2, result.exitCode());
        Cli.assertOneErrorLine(result, "--frobnicate");
    }

    @Test
    void stackTracesAppearOnlyWithVerbose() {
        Cli.Result quiet = Cli.run("describe", "nope");
        assertEquals(1, quiet.errLines().length);
        Cli.Result verbose = Cli.run("describe", "nope", "--verbose");
        assertEquals(2, verbose.exitCode());
        assertTrue(verbose.errLines().length > 1, verbose.err());
        assertTrue(verbose.err().contains("\tat "), verbose.err());
    }

    private static <T> java.util.List<T> iterableToList(java.util.Iterator<T> it) {
        java.util.List<T> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
