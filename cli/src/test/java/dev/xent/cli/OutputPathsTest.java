package dev.xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output-file policy of every task (io.OutputFiles): inputs and special files are never replaced. */
class OutputPathsTest {
    private static final String DATA = "p,y\n0.25,1\n0.5,0\n";

    @TempDir
    Path folder;

    private TestWorkspace workspace() {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("data.csv", DATA);
        return workspace;
    }

    private static String evaluate(String output) {
        return "{'task': 'evaluate', 'loss': {'name': 'test_logistic'},"
                + " 'data': {'path': 'data.csv', 'prediction': 'p', 'target': 'y'}, 'output': " + output + "}";
    }

    /** Runs the job, expects exit 2 with one line containing every expected part, and no file changed. */
    private static void refused(TestWorkspace workspace, String... expected) {
        List<String> before = workspace.files();
        String data = workspace.read("data.csv");
        String job = workspace.read("job.json");
        Cli.Result result = workspace.run();
        assertEquals(2, result.exitCode(), result.err());
        for (String part : expected) {
            Cli.assertOneErrorLine(result, part);
        }
        assertEquals(before, workspace.files(), "no file added or removed");
        assertEquals(data, workspace.read("data.csv"));
        assertEquals(job, workspace.read("job.json"));
    }

    /** An evaluate job with this output section is refused (see {@link #refused}). */
    private void evaluateRefused(String output, String... expected) {
        TestWorkspace workspace = workspace();
        workspace.job(evaluate(output));
        refused(workspace, expected);
    }

    @Test
    void anOutputNamingTheDataFileIsRefusedNamingBoth() {
        evaluateRefused("{'per_sample': 'data.csv'}",
                "$.output.per_sample: output ", "data.csv is the same file as the input file of $.data.path");
    }

    @Test
    void anOutputNamingTheJobFileIsRefused() {
        evaluateRefused("{'report': 'job.json'}", "$.output.report: output ", "is the same file as the job file");
    }

    @Test
    void anOutputReachingAnInputThroughASymbolicLinkOrDotsIsRefused() throws IOException {
        Files.createSymbolicLink(folder.resolve("link.csv"), folder.resolve("data.csv"));
        evaluateRefused("{'report': 'link.csv'}", "$.output.report", "the input file of $.data.path");
        Files.createDirectories(folder.resolve("out"));
        evaluateRefused("{'gradient': 'out/../data.csv'}", "$.output.gradient", "the input file of $.data.path");
    }

    @Test
    void anOutputThroughALinkedFolderToTheDataIsRefused() throws IOException {
        Files.createSymbolicLink(folder.resolve("same"), folder);
        evaluateRefused("{'per_sample': 'same/data.csv'}", "$.output.per_sample", "the input file of $.data.path");
    }

    @Test
    void twoOutputsNamingOneFileAreRefusedNamingBoth() {
        evaluateRefused("{'report': 'out.txt', 'per_sample': './out.txt'}",
                "$.output.per_sample: output ", "is the same file as output $.output.report");
    }

    @Test
    void aTrainingModelCannotReplaceItsTrainingData() {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("data.csv", "x,label\n0.1,a\n0.9,b\n0.2,a\n0.8,b\n");
        workspace.job("{'task': 'train', 'loss': {'name': 'test_softmax'}, 'data': {'path': 'data.csv', 'target': 'label'},"
                + " 'training': {'epochs': 1}, 'output': {'model': 'data.csv'}}");
        refused(workspace, "$.output.model", "the input file of $.data.path");
    }

    @Test
    void aFolderOrADeviceIsRefusedAsAnOutputNotReplaced() throws IOException {
        Files.createDirectories(folder.resolve("a-folder"));
        evaluateRefused("{'report': 'a-folder'}", "a-folder is a folder, not a regular file");
        assertTrue(Files.isDirectory(folder.resolve("a-folder")));
        evaluateRefused("{'report': '/dev/null'}", "output /dev/null is a device, not a regular file");
    }

    @Test
    void aNewOutputGetsTheUmaskModeAndAReplacedOneKeepsItsMode() throws IOException {
        TestWorkspace workspace = workspace();
        workspace.job(evaluate("{'report': 'new.json', 'per_sample': 'old.csv'}"));
        Path old = workspace.write("old.csv", "old\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r-----"));
        Cli.Result result = workspace.run();
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));
        // A file created the ordinary way in the same folder shows what the umask gives.
        Path reference = Files.writeString(folder.resolve("reference.txt"), "x");
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(folder.resolve("new.json")));
    }

    @Test
    void anOutputThatIsALinkToAFileReplacesTheFileAndKeepsTheLink() throws IOException {
        TestWorkspace workspace = workspace();
        Path target = workspace.write("real/report.json", "old\n");
        Files.createSymbolicLink(folder.resolve("report.json"), target);
        workspace.job(evaluate("{'report': 'report.json'}"));
        Cli.Result result = workspace.run();
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(Files.isSymbolicLink(folder.resolve("report.json")));
        assertTrue(workspace.read("real/report.json").contains("\"task\" : \"evaluate\""));
    }

    @Test
    void anOutputNameOf255BytesWorks() {
        TestWorkspace workspace = workspace();
        String name = "r".repeat(250) + ".json";
        workspace.job(evaluate("{'report': '" + name + "'}"));
        Cli.Result result = workspace.run();
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(workspace.exists(name));
        assertEquals(List.of("data.csv", "job.json", name), workspace.files(), "no temporary file is left");
    }
}
