package dev.xent.cli;

import dev.xent.core.LossRegistry;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Builds the loss registry: the losses on the class path (the built-in modules) plus plugin jars
 * named by {@code --plugin-path} and the environment variable {@value #ENVIRONMENT_VARIABLE}. Each
 * entry is a jar file or a folder whose {@code *.jar} files are all added. An empty entry (what an
 * unset shell variable gives: {@code --plugin-path ""}, {@code a.jar::b.jar}) is ignored: it never
 * means the working folder, whose jars would otherwise run as plugins; name {@code .} for that.
 *
 * <p>Plugins run with the rights of the process, like any jar on the class path: load only jars you
 * trust.
 */
public final class Plugins {
    /** The environment variable holding extra plugin paths, separated by the platform's path separator. */
    public static final String ENVIRONMENT_VARIABLE = "XENT_PLUGIN_PATH";

    private Plugins() {
    }

    /**
     * The registry seen by the commands.
     *
     * @param optionPaths paths from {@code --plugin-path}
     * @param environment the process environment (only {@value #ENVIRONMENT_VARIABLE} is read)
     * @throws BadInputException naming a path that does not exist or is not a jar file
     */
    public static LossRegistry registry(List<Path> optionPaths, Map<String, String> environment) {
        List<Path> entries = new ArrayList<>();
        for (Path option : optionPaths) {
            if (!option.toString().isBlank()) {
                entries.add(option);
            }
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null) {
            for (String part : fromEnvironment.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    entries.add(Path.of(part.strip()));
                }
            }
        }
        ClassLoader base = Plugins.class.getClassLoader();
        if (entries.isEmpty()) {
            return LossRegistry.load(base);
        }
        List<URL> jars = new ArrayList<>();
        for (Path entry : entries) {
            for (Path jar : jarsIn(entry)) {
                jars.add(toUrl(jar));
            }
        }
        // Never closed: providers' classes must stay loadable for the life of the process.
        URLClassLoader loader = new URLClassLoader("xent-plugins", jars.toArray(URL[]::new), base);
        return LossRegistry.load(loader);
    }

    private static List<Path> jarsIn(Path entry) {
        if (Files.isDirectory(entry)) {
            try (Stream<Path> files = Files.list(entry)) {
                List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
                for (Path jar : jars) {
                    requireJar(jar);
                }
                return jars;
            } catch (IOException e) {
                throw new BadInputException("plugin path " + entry + ": cannot list the folder: " + e.getMessage(), e);
            }
        }
        if (!Files.exists(entry)) {
            throw new BadInputException("plugin path " + entry + " does not exist");
        }
        requireJar(entry);
        return List.of(entry);
    }

    private static void requireJar(Path file) {
        if (!file.getFileName().toString().endsWith(".jar") || !Files.isRegularFile(file)) {
            throw new BadInputException("plugin path " + file + " is not a jar file or a folder of jar files");
        }
        try (JarFile jar = new JarFile(file.toFile())) {
            jar.size(); // opening and reading its directory proves it is a readable zip archive
        } catch (IOException e) {
            throw new BadInputException("plugin path " + file + " is not a readable jar file: " + e.getMessage(), e);
        }
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new BadInputException("plugin path " + jar + " cannot be used: " + e.getMessage(), e);
        }
    }
}
