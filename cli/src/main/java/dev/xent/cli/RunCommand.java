package dev.xent.cli;

import dev.xent.cli.io.Json;
import dev.xent.cli.job.Job;
import dev.xent.cli.task.Task;
import dev.xent.cli.task.TaskContext;
import dev.xent.cli.task.TaskResult;
import dev.xent.cli.task.Tasks;
import dev.xent.core.LossRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xent run JOB.json}: reads a job, runs its task, prints and writes its report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a JSON job: its \"task\" key picks one of the tasks listed below.",
                "Relative paths in the job resolve against the job file's folder."})
final class RunCommand extends Subcommand {
    @Parameters(paramLabel = "JOB.json", description = "The job file, or - to read the job from standard input.")
    Path jobFile;

    @Option(names = "--json", description = "Print the report as JSON on stdout, and nothing else (not with --quiet).")
    boolean json;

    @Option(names = "--quiet", description = "Print nothing on success (no summary, no progress bar; not with --json).")
    boolean quiet;

    @Option(names = "--set", paramLabel = "KEY.PATH=VALUE",
            description = "Override a job field, e.g. --set training.epochs=50 or --set loss.params.from_logits=true. "
                    + "VALUE is parsed as JSON when it parses, else taken as a string. Repeatable.")
    List<String> overrides = new ArrayList<>();

    private static final int HELP_WIDTH = 80;
    private static final int TASK_NAME_WIDTH = 10;

    /** The tasks with their descriptions, for the help's footer (wrapped with a hanging indent). */
    static String[] taskList() {
        List<String> lines = new ArrayList<>();
        lines.add("%nTasks:");
        String indent = " ".repeat(TASK_NAME_WIDTH + 3);
        for (Task task : Tasks.all()) {
            StringBuilder line = new StringBuilder(String.format("  %-" + TASK_NAME_WIDTH + "s ", task.name()));
            for (String word : task.description().split(" ")) {
                if (line.length() + word.length() + 1 > HELP_WIDTH && line.length() > indent.length()) {
                    lines.add(line.toString().stripTrailing());
                    line = new StringBuilder(indent);
                }
                line.append(word).append(' ');
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines.toArray(String[]::new);
    }

    @Override
    public Integer call() throws IOException {
        if (json && quiet) {
            throw new BadInputException("--json and --quiet exclude each other: --json prints only the report, "
                    + "--quiet prints nothing");
        }
        Job job = Job.read(jobFile, overrides);
        Task task = Tasks.named(job.task());
        PrintWriter out = out();
        PrintWriter err = err();
        LossRegistry registry = registry();
        LossJars.of(registry).forEach(jar -> job.inputs().add(jar, "a jar the losses are loaded from"));
        TaskContext context = new TaskContext(registry, err, quiet || json);
        TaskResult result = Memory.during("running the " + task.name() + " task", () -> task.run(job, context));
        if (json) {
            out.println(Json.write(result.report()));
        } else if (!quiet) {
            result.summary().forEach(out::println);
        }
        out.flush();
        if (result.failure() != null) {
            err.println("xent: " + ErrorHandler.oneLine(result.failure()));
            err.flush();
        }
        return result.exitCode();
    }
}
