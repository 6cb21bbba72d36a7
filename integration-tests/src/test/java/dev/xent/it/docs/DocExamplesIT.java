package dev.xent.it.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.it.fixtures.CollidingProvider;
import dev.xent.it.fixtures.PluginJar;
import dev.xent.it.fixtures.ThrowingConstructorProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every marked example of README.md and docs/*.md is run, and what it prints must be what the docs
 * quote (see {@link MarkedExamples} for the markers, {@link QuotedOutput} for what may differ). With
 * {@code -Dxent.docs.write=true} (the {@code regenerate-docs} profile) the quotes are rewritten instead.
 */
class DocExamplesIT {
    /** The one command that rewrites every quoted output; printed when a quote is stale. */
    static final String REGENERATE = "mvn -B -q -Pregenerate-docs -pl integration-tests -am verify";
    private static final List<String> DEFAULT_MODULES = List.of("core", "autodiff", "losses-binary", "losses-multiclass");

    private final Path root = Path.of(System.getProperty("xent.root", ".."));
    private final boolean write = Boolean.getBoolean("xent.docs.write");

    @Test
    void everyQuotedOutputInTheDocsIsWhatTheExampleReallyPrints() throws Exception {
        Path work = Path.of(System.getProperty("xent.workDirectory", "target/it-work")).resolve("docs");
        writeBrokenPlugins(work);
        ExampleRunner runner = new ExampleRunner(root, Path.of(System.getProperty("xent.cliJar")).toAbsolutePath(), work);
        List<String> stale = new ArrayList<>();
        int examples = 0;
        for (Path doc : documents()) {
            List<String> lines = Files.readAllLines(doc);
            List<MarkedExamples.Example> marked = MarkedExamples.find(lines);
            examples += marked.size();
            List<List<String>> outputs = new ArrayList<>();
            for (MarkedExamples.Example example : marked) {        // in reading order: later examples may read earlier outputs
                outputs.add(regenerated(example, lines, runner));
            }
            List<String> rewritten = new ArrayList<>(lines);
            // From the last example up, so that earlier line numbers stay valid while blocks change length.
            for (int i = marked.size() - 1; i >= 0; i--) {
                MarkedExamples.Example example = marked.get(i);
                List<String> output = example.output().content(lines);
                List<String> regenerated = outputs.get(i);
                if (!regenerated.equals(output)) {
                    stale.add(root.relativize(doc) + ":" + (example.markerLine() + 1) + " quotes\n  "
                            + String.join("\n  ", output) + "\nbut now prints\n  " + String.join("\n  ", regenerated));
                    List<String> block = rewritten.subList(example.output().open() + 1, example.output().close());
                    block.clear();
                    block.addAll(regenerated);
                }
            }
            if (write && !rewritten.equals(lines)) {
                Files.write(doc, rewritten);
            }
        }
        assertTrue(examples > 0, "no doc-check markers found under " + root.toAbsolutePath());
        assertTrue(write || stale.isEmpty(), () -> stale.size() + " quoted output(s) in the docs are stale. "
                + "If the new output is right, regenerate every quote with\n  " + REGENERATE + "\n(docs/contributing-docs.md) "
                + "and review the diff.\n\n" + String.join("\n\n", stale));
    }

    private List<Path> documents() throws Exception {
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    /** The output block as it should read: the quote kept where it still matches, else the real output. */
    private static List<String> regenerated(MarkedExamples.Example example, List<String> lines, ExampleRunner runner)
            throws Exception {
        List<String> block = example.output().content(lines);
        if (example.kind().equals("java")) {
            String classpath = example.attributes().get("classpath");
            List<String> modules = classpath == null ? DEFAULT_MODULES : Arrays.asList(classpath.split(","));
            String snippet = String.join("\n", example.subject().content(lines));
            // dir=root: the snippet reads files by paths relative to the project root, so it runs there
            List<String> printed = "root".equals(example.attributes().get("dir"))
                    ? runner.runJavaInRoot(snippet, modules) : runner.runJava(snippet, modules);
            return MarkedExamples.withOutput(block, QuotedOutput.regenerated(MarkedExamples.quotedOutput(block), printed));
        }
        List<MarkedExamples.Command> commands = MarkedExamples.commands(block);
        List<List<String>> printed = runner.runShell(commands.stream().map(MarkedExamples.Command::command).toList());
        List<String> regenerated = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            MarkedExamples.Command command = commands.get(i);
            regenerated.add("$ " + command.command());
            regenerated.addAll(QuotedOutput.regenerated(command.quoted(), printed.get(i)));
            regenerated.addAll(java.util.Collections.nCopies(command.blankLinesAfter(), ""));
        }
        return regenerated;
    }

    /** The broken plugin jars docs/plugins.md runs the command line with. */
    private static void writeBrokenPlugins(Path work) throws Exception {
        Files.createDirectories(work);
        PluginJar.write(work.resolve("throwing-plugin.jar"), ThrowingConstructorProvider.class);
        PluginJar.write(work.resolve("colliding-plugin.jar"), CollidingProvider.class);
        Files.writeString(work.resolve("notes.jar"), "notes, not a jar\n");
    }
}
