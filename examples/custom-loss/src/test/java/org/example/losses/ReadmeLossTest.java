package org.example.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import dev.xent.core.spi.LossProvider;
import dev.xent.testkit.LossProviderContract;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loss class of README's "Write your own loss", taken from README.md itself (no second copy):
 * it is at most 20 lines of code, compiles against xent-autodiff alone, and passes the contract's
 * parameter and numeric checks. (Discovery is left out: the class is not in this jar's service file.)
 */
class ReadmeLossTest {
    private static final Path README = Path.of("../../README.md");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    /** The README's Java block that defines a GraphLossProvider, in its "Write your own loss" section. */
    static String readmeLoss() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("\n## Write your own loss");
        assertTrue(start >= 0, "README.md has no section '## Write your own loss'");
        int end = readme.indexOf("\n## ", start + 1);
        Matcher blocks = JAVA_BLOCK.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        while (blocks.find()) {
            if (blocks.group(1).contains("extends GraphLossProvider")) {
                return blocks.group(1);
            }
        }
        throw new AssertionError("README's 'Write your own loss' has no java block extending GraphLossProvider");
    }

    @Test
    void readmeLossIsAtMostTwentyLinesOfCode() throws IOException {
        List<String> code = readmeLoss().lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("import ") && !line.startsWith("package ")
                        && !line.startsWith("//") && !line.startsWith("/*") && !line.startsWith("*"))
                .toList();
        assertTrue(code.size() <= 20, code.size() + " lines of code:\n" + String.join("\n", code));
    }

    @Test
    void readmeLossCompilesAndPassesTheContractsChecks(@TempDir Path work) throws Exception {
        String source = readmeLoss();
        String packageName = Pattern.compile("package ([\\w.]+);").matcher(source).results().findFirst()
                .map(m -> m.group(1)).orElseThrow(() -> new AssertionError("the README's class declares no package"));
        String className = Pattern.compile("public final class (\\w+)").matcher(source).results().findFirst()
                .map(m -> m.group(1)).orElseThrow();
        Path file = work.resolve(packageName.replace('.', '/')).resolve(className + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        String classPath = Stream.of(System.getProperty("java.class.path"), System.getProperty("jdk.module.path"))
                .filter(p -> p != null && !p.isEmpty()).collect(Collectors.joining(File.pathSeparator));
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        Process process = new ProcessBuilder(javac.toString(), "--release", "17", "-classpath", classPath,
                "-d", work.toString(), file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), "javac on README's loss class:\n" + output);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {work.toUri().toURL()}, getClass().getClassLoader())) {
            LossProvider provider = (LossProvider) loader.loadClass(packageName + "." + className)
                    .getDeclaredConstructor().newInstance();
            LossProviderContract contract = new LossProviderContract() {
                @Override
                protected LossProvider provider() {
                    return provider;
                }
            };
            contract.namesAndDescriptionsAreFitForUsers(provider);
            contract.everyParameterIsDeclaredWithAValidDefault(provider);
            contract.unknownParameterIsRejectedWithAParameterException(provider);
            contract.everyParameterRejectsAValueOfTheWrongType(provider);
            contract.everyBoundedParameterRejectsAValueOutOfRange(provider);
            contract.nanPredictionIsRejected(provider);
            contract.targetOutsideTheDeclaredDomainIsRejected(provider);
            contract.lossIsNonNegativeOnValidRandomInputs(provider);
            contract.valueAgreesWithTheAutodiffGraphForEveryReduction(provider);
            contract.gradientAgreesWithAutodiffAndFiniteDifferencesForEveryReduction(provider);

            // scikit-learn: mean_pinball_loss([0, 3, 3], [1, 2, 3], alpha=0.9) = 0.3333333333333333
            Loss loss = provider.create(Map.of("quantile", 0.9));
            assertEquals(1.0 / 3, loss.value(Tensor.of(1, 2, 3), Tensor.of(0, 3, 3)), 1e-15);
        }
    }
}
