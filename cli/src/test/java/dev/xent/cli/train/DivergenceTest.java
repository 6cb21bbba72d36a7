package dev.xent.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xent.cli.Cli;
import dev.xent.cli.TestWorkspace;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training that diverges while finite, and a loss that is not finite on finite logits, fail with exit code 1. */
class DivergenceTest {
    private static final String IRIS = Path.of("../examples/data/iris.csv").toAbsolutePath().normalize().toString()
            .replace("\\", "/");

    @TempDir
    Path folder;

    @Test
    void anObjectiveGrowingWithoutBoundWhileFiniteIsDivergence() {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.job("{'task': 'train', 'loss': {'name': 'test_softmax'}, 'data': {'path': '" + IRIS
                + "', 'target': 'species'}, 'optimizer': {'name': 'sgd', 'learning_rate': 1e300},"
                + " 'training': {'epochs': 50}, 'output': {'report': 'r.json'}}");
        Cli.Result result = workspace.run();
        assertEquals(1, result.exitCode(), result.out() + result.err());
        Cli.assertOneErrorLine(result, "training diverged in epoch 1: the training objective ");
        Cli.assertOneErrorLine(result, "is over 1e6 times its starting value");
        assertEquals(false, workspace.exists("r.json"));
    }

    @Test
    void aLargeButConvergingLearningRateIsNotDivergence() {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.job("{'task': 'train', 'loss': {'name': 'test_softmax'}, 'data': {'path': '" + IRIS
                + "', 'target': 'species'}, 'optimizer': {'name': 'sgd', 'learning_rate': 5}, 'training': {'epochs': 100}}");
        Cli.Result result = workspace.run();
        assertEquals(0, result.exitCode(), result.out() + result.err());
    }

    @Test
    void aLossThatIsNotFiniteOnFiniteLogitsNamesTheLossTheLineAndTheValue() {
        TestWorkspace workspace = new TestWorkspace(folder);
        workspace.write("data.csv", "a,b,y\n1,2,0\n3,1,1\n0,5,1\n2,2,0\n");
        workspace.job("{'task': 'train', 'loss': {'name': 'test_shifted_log'}, 'data': {'path': 'data.csv',"
                + " 'target': 'y'}, 'training': {'epochs': 5}}");
        Cli.Result result = workspace.run();
        assertEquals(1, result.exitCode(), result.out() + result.err());
        // The linear model starts at zero: logit 0, log(0 - 0.5) = NaN from the first row on.
        Cli.assertOneErrorLine(result, "test_shifted_log: the loss is NaN at ");
        Cli.assertOneErrorLine(result, "data.csv line 2, where the model's logits are finite");
    }
}
