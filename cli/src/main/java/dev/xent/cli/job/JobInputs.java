package dev.xent.cli.job;

import dev.xent.cli.io.Display;
import dev.xent.cli.io.FileIdentity;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files a run reads, which its outputs must never replace: the job file, every input file the job
 * names ({@link JobObject#inputFile}) and the jars the losses come from.
 */
public final class JobInputs {
    private final Map<Path, String> files = new LinkedHashMap<>();

    JobInputs() {
    }

    /**
     * Records an input.
     *
     * @param what what the file is to the run, e.g. {@code the data file ($.data.path)}
     */
    public synchronized void add(Path file, String what) {
        files.putIfAbsent(file, what);
    }

    /** The input that {@code output} would replace, described with its path, if there is one. */
    public synchronized Optional<String> replacedBy(Path output) {
        for (Map.Entry<Path, String> input : files.entrySet()) {
            if (FileIdentity.same(input.getKey(), output)) {
                return Optional.of(input.getValue() + " (" + Display.path(input.getKey()) + ")");
            }
        }
        return Optional.empty();
    }
}
