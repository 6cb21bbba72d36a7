package dev.xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input: exit code 2, one line on stderr naming the problem, no output file. */
class BadInputTest {
    private static final String GOOD_DATA = "p,y,label\n0.5,1,yes\n-2.0,0,no\n";
    private static final String OUTPUT = "'output': {'report': 'out/report.json', 'gradient': 'out/g.csv',"
            + " 'per_sample': 'out/l.csv'}";

    @TempDir
    Path folder;

    /** Runs an evaluate job over {@code data} and checks the failure. */
    private Cli.Result failsWith(String data, String job, String expected) {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("data.csv", data);
        workspace.write("job.json", job.replace('\'', '"'));
        List<String> before = workspace.files();
        Cli.Result result = workspace.run();
        assertEquals(2, result.exitCode(), result.out() + result.err());
        Cli.assertOneErrorLine(result, expected);
        assertEquals(before, workspace.files(), "no output (or temporary) file is left behind");
        return result;
    }

    private static String evaluate(String loss, String data) {
        return "{'task': 'evaluate', 'loss': " + loss + ", 'data': " + data + ", " + OUTPUT + "}";
    }

    private static String logistic(String data) {
        return evaluate("{'name': 'test_logistic'}", data);
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        Cli.Result result = failsWith(GOOD_DATA, "{\n  'task': 'evaluate',\n  'loss': {'name' 'x'}\n}",
                "malformed JSON at line 3, column 19");
        assertTrue(result.err().contains("job.json"), result.err());
    }

    @Test
    void anUnknownTaskListsTheKnownOnes() {
        failsWith(GOOD_DATA, "{'task': 'evaluat'}", "$.task: unknown task 'evaluat'; did you mean 'evaluate'?");
    }

    @Test
    void anUnknownKeyIsNamedWithItsJsonPath() {
        failsWith(GOOD_DATA, logistic("{'pathh': 'data.csv', 'prediction': 'p', 'target': 'y'}"),
                "$.data.pathh: unknown key 'pathh'; did you mean 'path'?");
        failsWith(GOOD_DATA, "{'task': 'evaluate', 'los': {}}", "$.los: unknown key 'los'; did you mean 'loss'?");
    }

    @Test
    void anUnknownLossIsNamedWithTheClosestOne() {
        failsWith(GOOD_DATA, evaluate("{'name': 'test_logistc'}", "{'path': 'data.csv', 'prediction': 'p', 'target': 'y'}"),
                "$.loss.name: unknown loss 'test_logistc' (did you mean 'test_logistic'?)");
    }

    @Test
    void anUnknownParameterIsNamedWithItsJsonPath() {
        failsWith(GOOD_DATA, evaluate("{'name': 'test_squared_error', 'params': {'scal': 2}}",
                "{'path': 'data.csv', 'prediction': 'p', 'target': 'y'}"),
                "$.loss.params.scal: test_squared_error: unknown parameter 'scal'; did you mean 'scale'?");
    }

    @Test
    void aParameterOfTheWrongTypeOrOutOfRangeIsNamed() {
        String data = "{'path': 'data.csv', 'prediction': 'p', 'target': 'y'}";
        failsWith(GOOD_DATA, evaluate("{'name': 'test_squared_error', 'params': {'scale': 'big'}}", data),
                "$.loss.params.scale: test_squared_error: parameter 'scale' = \"big\" (a string) has the wrong type");
        failsWith(GOOD_DATA, evaluate("{'name': 'test_squared_error', 'params': {'scale': -1}}", data),
                "$.loss.params.scale: test_squared_error: parameter 'scale' = -1 is out of range; allowed: (0, inf)");
        failsWith(GOOD_DATA, evaluate("{'name': 'test_squared_error', 'params': {'reduction': 'avg'}}", data),
                "$.loss.params.reduction");
    }

    @Test
    void aMissingDataFileIsNamed() {
        failsWith(GOOD_DATA, logistic("{'path': 'nope.csv', 'prediction': 'p', 'target': 'y'}"),
                "$.data.path: file not found: ");
    }

    @Test
    void aMissingJobFileIsNamed() {
        Cli.Result result = Cli.run("run", folder.resolve("missing.json").toString());
        assertEquals(2, result.exitCode());
        Cli.assertOneErrorLine(result, "job file not found: ");
    }

    @Test
    void aMissingColumnListsTheColumnsPresent() {
        failsWith(GOOD_DATA, logistic("{'path': 'data.csv', 'prediction': 'q', 'target': 'y'}"),
                "$.data.prediction: no column 'q' in ");
        failsWith(GOOD_DATA, logistic("{'path': 'data.csv', 'prediction': 'q', 'target': 'y'}"),
                "columns present: p, y, label");
    }

    @Test
    void anEmptyFileOrOneWithoutRowsIsAnError() {
        String job = logistic("{'path': 'data.csv', 'prediction': 'p', 'target': 'y'}");
        failsWith("", job, "is empty");
        failsWith("p,y\n", job, "has a header but no data rows");
    }

    @Test
    void aNonNumericCellNamesItsLineAndColumn() {
        failsWith("p,y\n0.5,1\nabc,0\n", logistic("{'path': 'data.csv', 'prediction': 'p', 'target': 'y'}"),
                "line 3, column 'p': 'abc' is not a number");
    }

    @Test
    void nanAndInfinityInTheDataAreErrors() {
        String job = logistic("{'path': 'data.csv', 'prediction': 'p', 'target': 'y'}");
        failsWith("p,y\n0.5,1\nNaN,0\n", job, "line 3, column 'p': 'NaN' is not a finite number");
        failsWith("p,y\n0.5,Infinity\n", job, "line 2, column 'y': 'Infinity' is not a finite number");
    }

    @Test
    void probabilitiesAndTargetsOutOfRangeNameTheirLine() {
        failsWith("p,y\n0.5,1\n1.5,0\n", evaluate("{'name': 'test_brier'}",
                "{'path': 'data.csv', 'prediction': 'p', 'target': 'y'}"), "line 3: prediction in column 'p' is 1.5; allowed: [0, 1]");
        failsWith("p,y\n0.5,1\n0.5,2\n", logistic("{'path': 'data.csv', 'prediction': 'p', 'target': 'y'}"),
                "line 3: target in column 'y' is 2.0; allowed: [0, 1]");
    }

    @Test
    void aDuplicateColumnNameIsAnError() {
        failsWith("p,y,p\n0.5,1,0.5\n", logistic("{'path': 'data.csv', 'prediction': 'p', 'target': 'y'}"),
                "data.csv line 1: the column 'p' appears twice in the header");
    }

    @Test
    void deepInALargeFileTheFirstProblemInFileOrderIsNamed() {
        // Rows are read ahead on another thread, in chunks: a later unclosed quote (found first by that
        // thread) must not hide an earlier bad cell, and lines are counted across chunks and fast-path lines.
        String job = logistic("{'path': 'data.csv', 'prediction': 'p', 'target': 'y'}");
        StringBuilder data = new StringBuilder("p,y\n");
        for (int line = 2; line <= 20_000; line++) {
            data.append(line == 12_345 ? "abc" : line == 15_000 ? "\"unclosed" : "0.5").append(",1\n");
        }
        failsWith(data.toString(), job, "line 12345, column 'p': 'abc' is not a number");
        failsWith(data.toString().replace("abc", "0.5"), job,
                "(startline 15,000) EOF reached before encapsulated token finished");
        // From the quoted cell on line 12345, commons-csv reads the rest; line numbers continue.
        String quotedThenBad = data.toString().replace("abc", "\"0.5\"").replace("\"unclosed", "x");
        failsWith(quotedThenBad, job, "line 15000, column 'p': 'x' is not a number");
    }

    @Test
    void raggedRowsAreErrors() {
        failsWith("p,y\n0.5,1\n0.5\n", logistic("{'path': 'data.csv', 'prediction': 'p', 'target': 'y'}"),
                "line 3 has 1 fields; the header has 2");
    }

    @Test
    void anUnknownClassLabelIsNamed() {
        failsWith("p,label\n0.5,yes\n0.5,maybe\n", logistic("{'path': 'data.csv', 'prediction': 'p',"
                + " 'target': 'label', 'classes': ['no', 'yes']}"),
                "line 3, column 'label': unknown class label 'maybe'; classes: no, yes");
    }

    @Test
    void aNegativeSampleWeightIsNamed() {
        failsWith("p,y,w\n0.5,1,1\n0.5,1,-1\n", logistic("{'path': 'data.csv', 'prediction': 'p', 'target': 'y',"
                + " 'weight': 'w'}"), "line 3, column 'w': sample weight -1.0 is negative");
    }

    @Test
    void anOutputFolderThatIsNotWritableIsNamed() {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("blocked", "a file where a folder should be");
        failsWith(GOOD_DATA, "{'task': 'evaluate', 'loss': {'name': 'test_logistic'}, 'data': {'path': 'data.csv',"
                + " 'prediction': 'p', 'target': 'y'}, 'output': {'report': 'blocked/report.json'}}",
                "output folder " + folder.resolve("blocked") + " is not writable");
    }

    @Test
    void aMalformedOverrideIsAnError() {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("data.csv", GOOD_DATA);
        workspace.job(logistic("{'path': 'data.csv', 'prediction': 'p', 'target': 'y'}"));
        Cli.Result result = workspace.run("--set", "loss.params");
        assertEquals(2, result.exitCode());
        Cli.assertOneErrorLine(result, "--set loss.params: expected key.path=value");
    }
}
