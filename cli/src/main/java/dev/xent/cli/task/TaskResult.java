package dev.xent.cli.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.ExitCodes;
import java.util.List;

/**
 * What a task returns: its report (printed by {@code run --json}), a few human-readable lines
 * (printed otherwise, unless {@code --quiet}), and, when the run failed its check (gradcheck over
 * tolerance), a one-line failure that makes the exit code 1 after the report is out.
 *
 * @param report  the JSON report; its first key is {@code task}
 * @param summary lines for people
 * @param failure null on success, else the reason for exit code 1
 */
public record TaskResult(ObjectNode report, List<String> summary, String failure) {

    public TaskResult {
        summary = List.copyOf(summary);
    }

    /** A successful result. */
    public static TaskResult ok(ObjectNode report, List<String> summary) {
        return new TaskResult(report, summary, null);
    }

    /** The process exit code this result stands for. */
    public int exitCode() {
        return failure == null ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }
}
