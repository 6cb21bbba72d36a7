package dev.xent.it.docs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Runs the examples of the docs: Java snippets compiled in process, shell commands in bash. */
final class ExampleRunner {
    /** Imports of a snippet that has none (the docs' short examples leave them out). */
    static final List<String> IMPLICIT_IMPORTS = List.of("dev.xent.core.*", "dev.xent.core.spi.*", "java.util.*");
    private static final Pattern CLASS_NAME = Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)");
    private static final Pattern LAUNCHER = Pattern.compile("(^|[\\s;|&(])\\./xent\\b");
    private static final String SEPARATOR = "@@doc-check: next command@@";
    private static final long TIMEOUT_SECONDS = 600;

    private final Path root;
    private final Path cliJar;
    private final Path workDirectory;
    private int snippets;

    /**
     * @param root the project root, where shell commands run
     * @param cliJar the packaged command line, run for {@code ./xent}
     * @param workDirectory where snippets are compiled
     */
    ExampleRunner(Path root, Path cliJar, Path workDirectory) {
        this.root = root;
        this.cliJar = cliJar;
        this.workDirectory = workDirectory;
    }

    /**
     * Compiles and runs a snippet against the {@code target/classes} of the given modules (and nothing
     * else, so that a snippet sees only the losses its readers would have) and returns what it printed.
     * A snippet without a {@code main} method becomes the body of one.
     */
    List<String> runJava(String snippet, List<String> modules) throws Exception {
        Compiled compiled = compile(snippet, modules);
        List<URL> urls = new ArrayList<>();
        urls.add(compiled.folder().toUri().toURL());
        for (Path path : compiled.classpath()) {
            urls.add(toUrl(path));
        }
        return printedBy(compiled.mainClass(), urls);
    }

    /**
     * As {@link #runJava}, but in a JVM of its own started in the project root, for a snippet that
     * reads files by paths relative to the root (as its readers run it); gives what it printed on stdout.
     */
    List<String> runJavaInRoot(String snippet, List<String> modules) throws Exception {
        Compiled compiled = compile(snippet, modules);
        List<Path> classpath = new ArrayList<>(List.of(compiled.folder()));
        classpath.addAll(compiled.classpath());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath.stream().map(path -> path.toAbsolutePath().toString())
                        .collect(Collectors.joining(java.io.File.pathSeparator)), compiled.mainClass())
                .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("snippet " + compiled.folder() + " failed; it printed:\n" + output);
        }
        return lines(output);
    }

    /** A compiled snippet: its main class, the folder of its class file and the module classes it sees. */
    private record Compiled(String mainClass, Path folder, List<Path> classpath) {
    }

    private Compiled compile(String snippet, List<String> modules) throws IOException {
        String source = snippet;
        Matcher className = CLASS_NAME.matcher(snippet);
        String mainClass;
        if (snippet.contains("static void main(") && className.find()) {
            mainClass = className.group(1);
        } else {
            mainClass = "Snippet";
            source = wrapped(snippet);
        }
        Path folder = workDirectory.resolve("snippet-" + ++snippets);
        Files.createDirectories(folder);
        Path file = folder.resolve(mainClass + ".java");
        Files.writeString(file, source);
        List<Path> classpath = modules.stream().map(module -> root.resolve(module).resolve("target/classes")).toList();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = compiler.run(null, diagnostics, diagnostics, "-d", folder.toString(), "--release", "17",
                "-cp", classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                file.toString());
        if (status != 0) {
            throw new AssertionError("snippet does not compile (" + file + "):\n" + diagnostics.toString(StandardCharsets.UTF_8));
        }
        return new Compiled(mainClass, folder, classpath);
    }

    private static URL toUrl(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String wrapped(String snippet) {
        List<String> imports = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String line : snippet.split("\n", -1)) {
            (line.startsWith("import ") ? imports : body).add(line);
        }
        if (imports.isEmpty()) {
            IMPLICIT_IMPORTS.forEach(name -> imports.add("import " + name + ";"));
        }
        return String.join("\n", imports) + "\npublic class Snippet {\n    public static void main(String[] args) throws Exception {\n"
                + String.join("\n", body) + "\n    }\n}\n";
    }

    private static List<String> printedBy(String mainClass, List<URL> urls) throws Exception {
        PrintStream originalOut = System.out;
        Thread thread = Thread.currentThread();
        ClassLoader originalLoader = thread.getContextClassLoader();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
             PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            thread.setContextClassLoader(loader);
            System.setOut(out);
            loader.loadClass(mainClass).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            throw new AssertionError("snippet threw " + e.getCause(), e.getCause());
        } finally {
            System.setOut(originalOut);
            thread.setContextClassLoader(originalLoader);
        }
        return lines(printed.toString(StandardCharsets.UTF_8));
    }

    /** Runs the commands in one bash from the project root; gives what each printed (stdout and stderr, merged). */
    List<List<String>> runShell(List<String> commands) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        script.append("xent() { \"").append(Path.of(System.getProperty("java.home"), "bin", "java"))
                .append("\" -Djava.awt.headless=true -jar \"").append(cliJar).append("\" \"$@\"; }\n");
        for (String command : commands) {
            script.append("echo '").append(SEPARATOR).append("'\n");
            script.append("{ ").append(LAUNCHER.matcher(command).replaceAll("$1xent")).append("\n} 2>&1\n");
        }
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script.toString()).directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().remove("XENT_PLUGIN_PATH");
        builder.environment().remove("XENT_JAVA_OPTS");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("commands did not finish in " + TIMEOUT_SECONDS + " s: " + commands);
        }
        List<List<String>> outputs = new ArrayList<>();
        for (String line : lines(output)) {
            if (line.equals(SEPARATOR)) {
                outputs.add(new ArrayList<>());
            } else if (!outputs.isEmpty()) {
                outputs.get(outputs.size() - 1).add(line);
            }
        }
        if (outputs.size() != commands.size()) {
            throw new AssertionError("expected the output of " + commands.size() + " commands, got:\n" + output);
        }
        return outputs;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\\R", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines.stream().map(String::stripTrailing).toList();
    }
}
