package dev.xent.cli.task;

import dev.xent.cli.BadInputException;
import dev.xent.cli.evaluate.EvaluateTask;
import dev.xent.cli.explain.ExplainTask;
import dev.xent.cli.gradcheck.GradcheckTask;
import dev.xent.cli.train.TrainTask;
import dev.xent.core.ClosestName;
import java.util.List;

/** Every task {@code xent run} knows, by the name in {@code $.task}. */
public final class Tasks {
    private static final List<Task> ALL = List.of(
            new EvaluateTask(),
            new TrainTask(),
            new GradcheckTask(),
            new ExplainTask()
            // bench: dev.xent.cli.bench.BenchTask goes here
    );

    private Tasks() {
    }

    /** The tasks, in the order they are documented. */
    public static List<Task> all() {
        return ALL;
    }

    /** The task for {@code $.task}; an unknown name is an error listing the known ones. */
    public static Task named(String name) {
        for (Task task : ALL) {
            if (task.name().equals(name)) {
                return task;
            }
        }
        List<String> names = ALL.stream().map(Task::name).toList();
        String hint = ClosestName.of(name, names).map(n -> "; did you mean '" + n + "'?").orElse("");
        throw new BadInputException("$.task: unknown task '" + name + "'" + hint + " (known: "
                + String.join(", ", names) + ")");
    }
}
