package dev.xent.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A temporary folder holding a job file, its data and its outputs. */
public final class TestWorkspace {
    final Path folder;

    public TestWorkspace(Path folder) {
        this.folder = folder;
    }

    /** Writes a file (creating folders) and returns its path. */
    public Path write(String name, String content) {
        try {
            Path file = folder.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code job.json} with single quotes turned into double quotes (readable Java strings). */
    public Path job(String json) {
        return write("job.json", json.replace('\'', '"'));
    }

    /** Runs {@code xent run job.json} with extra arguments. */
    public Cli.Result run(String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "run";
        args[1] = folder.resolve("job.json").toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        return Cli.run(args);
    }

    public String read(String name) {
        try {
            return Files.readString(folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String name) {
        return Files.exists(folder.resolve(name));
    }

    /** Every file under the folder, relative, sorted. */
    public List<String> files() {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
