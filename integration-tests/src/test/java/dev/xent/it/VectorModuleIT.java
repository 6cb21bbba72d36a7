package dev.xent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar with and without {@code jdk.incubator.vector}: plain {@code java -jar} runs the scalar
 * kernels and loads no class that touches the incubator module (the JVM's class-loading log says so);
 * with {@code --add-modules jdk.incubator.vector}, as {@code ./xent} starts it, the vector kernels are
 * the default. The bench task says which kernels ran.
 */
class VectorModuleIT {
    /** Classes that import jdk.incubator.vector, and the module's own classes. */
    private static final Pattern VECTOR_CLASS = Pattern.compile("jdk\\.incubator\\.vector|VectorKernel|VectorMath");

    private static final String BENCH = """
            {"task": "bench", "loss": {"name": "binary_cross_entropy", "params": {"from_logits": true}},
             "rows": 100000, "threads": 1}
            """;

    @Test
    void plainJavaDashJarRunsTheScalarKernelsAndLoadsNoVectorClass() throws Exception {
        Path folder = XentProcess.workDirectory("without-vector-module");
        Path bench = Files.writeString(folder.resolve("bench.json"), BENCH);
        Path gradcheck = Files.writeString(folder.resolve("gradcheck.json"), """
                {"task": "gradcheck", "loss": {"name": "cross_entropy", "params": {"from_logits": true}},
                 "rows": 200, "classes": 5}
                """);
        Path classLog = folder.resolve("classes.log");
        List<String> logClasses = List.of("-Xlog:class+load=info:file=" + classLog);
        XentProcess.Result run = XentProcess.run(folder, logClasses, Map.of(), "run", bench.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("kernels: scalar (the default here: the JVM has no jdk.incubator.vector"),
                run::toString);
        assertFalse(run.stdout().contains("(vector"), run::toString);
        assertNoVectorClass(classLog);
        XentProcess.Result check = XentProcess.run(folder, logClasses, Map.of(), "run", gradcheck.toString());
        assertEquals(0, check.exitCode(), check::toString);
        assertNoVectorClass(classLog);
    }

    @Test
    void withTheModuleTheVectorKernelsAreTheDefaultAndTheScalarOnesAreTimedBesideThem() throws Exception {
        Path folder = XentProcess.workDirectory("with-vector-module");
        Path bench = Files.writeString(folder.resolve("bench.json"), BENCH);
        Path classLog = folder.resolve("classes.log");
        XentProcess.Result run = XentProcess.run(folder,
                List.of("--add-modules", "jdk.incubator.vector", "-Xlog:class+load=info:file=" + classLog), Map.of(),
                "run", bench.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("kernels: vector (the default here)"), run::toString);
        assertTrue(run.stdout().contains("analytic value+gradient (scalar)"), run::toString);
        assertTrue(run.stdout().contains("analytic value+gradient (vector, default)"), run::toString);
        // The check above would pass on an empty log: here the same log does show the vector kernel.
        assertTrue(Files.readString(classLog).contains("dev.xent.losses.binary.BinaryLogitsVectorKernel"));
    }

    @Test
    void withTheModuleCallsUnderTheSizeLimitRunTheScalarKernels() throws Exception {
        Path folder = XentProcess.workDirectory("with-vector-module-small");
        Path bench = Files.writeString(folder.resolve("bench.json"), BENCH.replace("100000", "20000"));
        XentProcess.Result run = XentProcess.run(folder, List.of("--add-modules", "jdk.incubator.vector"), Map.of(),
                "run", bench.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("kernels: scalar (the default here: calls under 65536 elements run the scalar"
                + " kernels, -Dxent.vector.min_elements)"), run::toString);
        assertTrue(run.stdout().contains("analytic value+gradient (scalar, default)"), run::toString);
        assertTrue(run.stdout().contains("analytic value+gradient (vector)"), run::toString);
    }

    private static void assertNoVectorClass(Path classLog) throws Exception {
        List<String> loaded = Files.readAllLines(classLog).stream().filter(l -> VECTOR_CLASS.matcher(l).find()).toList();
        assertTrue(Files.size(classLog) > 0, "no class-loading log at " + classLog);
        assertEquals(List.of(), loaded, "classes of the vector path were loaded without the module");
    }
}
