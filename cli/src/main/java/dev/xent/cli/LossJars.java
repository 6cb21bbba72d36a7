package dev.xent.cli;

import dev.xent.core.LossRegistry;
import dev.xent.core.spi.LossProvider;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The jar files the losses of a registry come from: every jar of the plugin class loader (also those
 * whose providers failed to load) and the jar of each provider (xent.jar for the built-in losses).
 * A run's outputs may not replace any of them.
 */
final class LossJars {
    private LossJars() {
    }

    static Set<Path> of(LossRegistry registry) {
        Set<Path> jars = new LinkedHashSet<>();
        for (LossProvider provider : registry.providers()) {
            Class<?> type = provider.getClass();
            if (type.getClassLoader() instanceof URLClassLoader loader) {
                for (URL url : loader.getURLs()) {
                    addFile(url, jars);
                }
            }
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                addFile(source.getLocation(), jars);
            }
        }
        return jars;
    }

    private static void addFile(URL url, Set<Path> jars) {
        try {
            Path file = Path.of(url.toURI());
            if (Files.isRegularFile(file)) {
                jars.add(file);
            }
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            // Not a local file (e.g. a jrt: module image): nothing an output could replace.
        }
    }
}
