package dev.xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs whose sizes are known up front are refused (exit 2) when their memory estimate exceeds the heap. */
class MemoryEstimateTest {
    @TempDir
    Path folder;

    private Cli.Result run(String job) {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("data.csv", "x,label\n0.1,a\n0.9,b\n0.2,a\n0.8,b\n");
        workspace.job(job);
        return workspace.run();
    }

    @Test
    void aGradcheckTooLargeForTheHeapIsRefusedBeforeAllocating() {
        Cli.Result result = run("{'task': 'gradcheck', 'loss': {'name': 'test_softmax'}, 'rows': 100000, 'classes': 10000}");
        assertEquals(2, result.exitCode(), result.err());
        Cli.assertOneErrorLine(result, "$.rows: a gradcheck of 100000 x 10000 elements needs about ");
        Cli.assertOneErrorLine(result, "more than the Java heap limit of");
        Cli.assertOneErrorLine(result, "XENT_JAVA_OPTS=-Xmx");
    }

    @Test
    void anMlpTooLargeForTheHeapIsRefusedBeforeAllocating() {
        Cli.Result result = run("{'task': 'train', 'loss': {'name': 'test_softmax'}, 'data': {'path': 'data.csv',"
                + " 'target': 'label'}, 'model': {'type': 'mlp', 'hidden': [1000000, 1000000]}}");
        assertEquals(2, result.exitCode(), result.err());
        Cli.assertOneErrorLine(result, "$.model.hidden: an mlp model of 1000005000002 parameters on 4 rows needs about");
    }
}
