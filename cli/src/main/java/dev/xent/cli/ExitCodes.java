package dev.xent.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of every command, as listed in {@code --help}. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The run failed: I/O error, gradcheck over tolerance, training diverged. */
    public static final int RUN_FAILED = 1;
    /** Bad usage, job, parameters or data. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }

    /** The list shown under "Exit codes:" in the help. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        list.put(" " + OK, "success");
        list.put(" " + RUN_FAILED, "the run failed (I/O error, gradcheck over tolerance, training diverged)");
        list.put(" " + BAD_INPUT, "bad usage, job, loss parameters or data");
        return list;
    }
}
