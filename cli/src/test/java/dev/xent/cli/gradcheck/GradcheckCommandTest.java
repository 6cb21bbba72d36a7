package dev.xent.cli.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.cli.Cli;
import dev.xent.cli.TestWorkspace;
import dev.xent.cli.io.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradcheckCommandTest {
    @TempDir
    Path folder;

    private JsonNode passes(String loss, String extra) throws Exception {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.job("{'task': 'gradcheck', 'loss': " + loss + ", 'rows': 16, 'seed': 3" + extra + "}");
        Cli.Result result = workspace.run("--json");
        assertEquals(0, result.exitCode(), result.out() + result.err());
        JsonNode report = Json.MAPPER.readTree(result.out());
        assertTrue(report.get("passed").asBoolean());
        return report;
    }

    @Test
    void everyGraphLossPassesInEveryInputSpaceAndReduction() throws Exception {
        for (String name : List.of("test_logistic", "test_brier", "test_squared_error")) {
            for (String reduction : List.of("mean", "sum", "none")) {
                passes("{'name': '" + name + "', 'params': {'reduction': '" + reduction + "'}}", "");
            }
            passes("{'name': '" + name + "'}", ", 'classes': 3, 'sample_weights': false");
        }
    }

    @Test
    void theReportListsEveryPairWithAbsoluteAndRelativeErrors() throws Exception {
        JsonNode report = passes("{'name': 'test_logistic'}", ", 'output': {'report': 'out/gradcheck.json'}");
        assertEquals("gradcheck", report.get("task").asText());
        assertEquals("elementwise_logits", report.get("input_space").asText());
        assertEquals("[16]", report.get("shape").toString());
        for (String pair : List.of("analytic_vs_autodiff", "analytic_vs_finite_differences",
                "autodiff_vs_finite_differences")) {
            JsonNode errors = report.get("pairs").get(pair);
            assertTrue(errors.get("max_abs_error").asDouble() < 1e-6, pair);
            assertTrue(errors.get("max_rel_error").asDouble() < 1e-6, pair);
        }
        assertEquals(report.get("value").get("analytic").asDouble(), report.get("value").get("autodiff").asDouble());
        assertTrue(new TestWorkspace(folder).exists("out/gradcheck.json"));
    }

    @Test
    void aWrongAnalyticGradientFailsWithExitCodeOneAfterTheReport() throws Exception {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.job("{'task': 'gradcheck', 'loss': {'name': 'test_broken_gradient'},"
                + " 'output': {'report': 'report.json'}}");
        Cli.Result result = workspace.run();
        assertEquals(1, result.exitCode());
        assertTrue(result.out().contains("FAILED"), result.out());
        Cli.assertOneErrorLine(result, "gradcheck of test_broken_gradient failed: analytic_vs_autodiff");
        JsonNode report = Json.MAPPER.readTree(workspace.read("report.json"));
        assertEquals(false, report.get("passed").asBoolean());
        assertEquals(0.5, report.get("pairs").get("analytic_vs_autodiff").get("max_rel_error").asDouble(), 1e-12);
    }

    @Test
    void theReportSaysHowManyElementsTheFiniteDifferencesChecked() throws Exception {
        JsonNode all = passes("{'name': 'test_softmax'}", ", 'classes': 4").get("finite_differences");
        assertEquals(16, all.get("rows_checked").asInt());
        assertEquals(64, all.get("elements_checked").asInt());
        assertEquals(64, all.get("elements").asInt());
        // 2 C^2 = 2e8 evaluations per row is over the budget: one row, evenly spaced columns of it.
        JsonNode some = passes("{'name': 'test_softmax'}", ", 'classes': 10000, 'sample_weights': false")
                .get("finite_differences");
        assertEquals(1, some.get("rows_checked").asInt());
        assertEquals(1000, some.get("elements_checked").asInt());
        assertEquals(160_000, some.get("elements").asInt());
    }

    @Test
    void theFiniteDifferencesAreLinearInRowsAndCheckEveryElementOfAHundredThousandRows() throws Exception {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.job("{'task': 'gradcheck', 'loss': {'name': 'test_logistic'}, 'rows': 100000}");
        Cli.Result result = workspace.run("--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode differences = Json.MAPPER.readTree(result.out()).get("finite_differences");
        assertEquals(100_000, differences.get("elements_checked").asInt());
    }

    @Test
    void theRowsCheckedStayWithinTheBudgetAndSpreadOverTheInput() {
        assertEquals(100_000, GradcheckTask.checkedRows(100_000, 1).length);
        int[] rows = GradcheckTask.checkedRows(5000, 100);
        assertEquals(GradcheckTask.FINITE_DIFFERENCE_BUDGET / (2 * 100 * 100), rows.length);
        assertEquals(0, rows[0]);
        assertTrue(rows[rows.length - 1] >= 4995, "the last rows are checked too: " + rows[rows.length - 1]);
        assertEquals(100, GradcheckTask.checkedColumns(rows.length, 100).length);
        assertEquals(1, GradcheckTask.checkedRows(3, 10_000).length);
        assertEquals(1000, GradcheckTask.checkedColumns(1, 10_000).length);
    }

    @Test
    void aLossThatIsNaNOnValidRandomInputsFailsNamingTheLossTheRowAndTheValue() {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.job("{'task': 'gradcheck', 'loss': {'name': 'test_shifted_log'}, 'rows': 8, 'seed': 1}");
        Cli.Result result = workspace.run();
        assertEquals(1, result.exitCode(), result.out() + result.err());
        Cli.assertOneErrorLine(result, "test_shifted_log: the loss is NaN at row ");
        Cli.assertOneErrorLine(result, "of the random inputs (seed 1)");
    }

    @Test
    void badSettingsAreNamedWithTheirJsonPath() {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.job("{'task': 'gradcheck', 'loss': {'name': 'test_logistic'}, 'rows': 0}");
        Cli.Result result = workspace.run();
        assertEquals(2, result.exitCode());
        Cli.assertOneErrorLine(result, "$.rows: 0 is out of range; allowed: [1, 100000]");
        workspace.job("{'task': 'gradcheck', 'loss': {'name': 'test_logistic'}, 'targets': 'soft'}");
        Cli.assertOneErrorLine(workspace.run(), "$.targets: 'soft' is not allowed");
    }

    @Test
    void targetsAreDrawnFromTheDeclaredDomainCountsForPoissonAndDistributionsWithZerosForKl() throws Exception {
        JsonNode poisson = passes("{'name': 'test_poisson'}", "");
        assertEquals("non_negative", poisson.get("target_domain").asText());
        assertEquals("elements", poisson.get("targets").asText());
        JsonNode kl = passes("{'name': 'test_kl', 'params': {'reduction': 'sum'}}", ", 'classes': 4");
        assertEquals("distributions", kl.get("targets").asText());
        RandomInputs drawn = RandomInputs.generate(dev.xent.core.InputSpace.CLASS_PROBABILITIES,
                dev.xent.core.TargetDomain.DISTRIBUTIONS, 16, 4, true, true, 3);
        assertTrue(java.util.Arrays.stream(drawn.targets().toArray()).anyMatch(t -> t == 0), "some target entries are 0");
        for (double count : RandomInputs.generate(dev.xent.core.InputSpace.REAL, dev.xent.core.TargetDomain.NON_NEGATIVE,
                64, 1, false, false, 1).targets().toArray()) {
            assertTrue(count >= 0 && count == Math.rint(count), "a count: " + count);
        }
    }

    @Test
    void targetsOfTheWrongKindForTheDomainAreABadInput() {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.job("{'task': 'gradcheck', 'loss': {'name': 'test_kl'}, 'targets': 'indices'}");
        Cli.Result result = workspace.run();
        assertEquals(2, result.exitCode());
        Cli.assertOneErrorLine(result, "$.targets: test_kl takes only an N x C matrix of distributions");
    }

    @Test
    void aDataSectionChecksTheUsersOwnRows() throws Exception {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("counts.csv", "log_rate,count,w\n0.5,3,1\n-1.2,0,2\n2.0,9,0.5\n0,1,1\n");
        workspace.job("{'task': 'gradcheck', 'loss': {'name': 'test_poisson'},"
                + " 'data': {'path': 'counts.csv', 'prediction': 'log_rate', 'target': 'count', 'weight': 'w'}}");
        Cli.Result result = workspace.run("--json");
        assertEquals(0, result.exitCode(), result.out() + result.err());
        JsonNode report = Json.MAPPER.readTree(result.out());
        assertTrue(report.get("passed").asBoolean());
        assertEquals("counts.csv", report.get("data").asText());
        assertEquals("[4]", report.get("shape").toString());
        assertTrue(report.get("sample_weights").asBoolean());
    }

    @Test
    void aDataRowOutsideTheDomainIsNamedByItsLineAndRandomSettingsBesideDataAreRefused() {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("counts.csv", "log_rate,count\n0.5,3\n-1.2,-1\n");
        workspace.job("{'task': 'gradcheck', 'loss': {'name': 'test_poisson'},"
                + " 'data': {'path': 'counts.csv', 'prediction': 'log_rate', 'target': 'count'}}");
        Cli.Result result = workspace.run();
        assertEquals(2, result.exitCode());
        Cli.assertOneErrorLine(result, "line 3");
        workspace.job("{'task': 'gradcheck', 'loss': {'name': 'test_poisson'}, 'rows': 8,"
                + " 'data': {'path': 'counts.csv', 'prediction': 'log_rate', 'target': 'count'}}");
        Cli.assertOneErrorLine(workspace.run(), "$.rows: random inputs are not drawn when $.data gives the rows");
    }
}
