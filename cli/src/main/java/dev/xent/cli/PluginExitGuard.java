package dev.xent.cli;

import java.io.PrintStream;

/**
 * Makes a run that a plugin ends with {@code System.exit} fail visibly. Plugins run with the rights
 * of the process and may call {@code System.exit(0)} in the middle of a run, which would otherwise
 * end it with exit code 0 and no report. A shutdown hook notices that the process is ending through
 * {@code Runtime.exit} before {@link Xent#main} finished: it prints one line naming the caller and
 * halts with exit code 1 (after giving the other shutdown hooks, e.g. those removing temporary files,
 * time to finish). A process ended by a signal does not pass through {@code Runtime.exit} and is left
 * alone.
 */
final class PluginExitGuard {
    private static final long OTHER_HOOKS_MILLIS = 5_000;

    private final PrintStream err;
    private volatile boolean finished;

    private PluginExitGuard(PrintStream err) {
        this.err = err;
    }

    /** Installs the guard for this process; call {@link #finished()} just before exiting normally. */
    static PluginExitGuard install() {
        PluginExitGuard guard = new PluginExitGuard(System.err);
        Runtime.getRuntime().addShutdownHook(new Thread(guard::onShutdown, "xent-plugin-exit-guard"));
        return guard;
    }

    /** xent's own exit follows: the guard stays quiet. */
    void finished() {
        finished = true;
    }

    private void onShutdown() {
        if (finished) {
            return;
        }
        String caller = exitCaller();
        if (caller == null) {
            return; // a signal, not System.exit
        }
        err.println("xent: a plugin ended the process: " + caller + " called System.exit before xent finished; "
                + "the run did not complete");
        err.flush();
        waitForOtherShutdownHooks();
        Runtime.getRuntime().halt(ExitCodes.RUN_FAILED);
    }

    /** The method that called {@code System.exit} or {@code Runtime.exit}, or null when none did. */
    private static String exitCaller() {
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            for (int i = 0; i < stack.length - 1; i++) {
                if (stack[i].getClassName().equals("java.lang.Runtime") && stack[i].getMethodName().equals("exit")) {
                    int caller = stack[i + 1].getClassName().equals("java.lang.System") && i + 2 < stack.length
                            ? i + 2 : i + 1;
                    return stack[caller].getClassName() + "." + stack[caller].getMethodName();
                }
            }
        }
        return null;
    }

    /** Joins the other live, non-daemon threads that are not ending the process (shutdown hooks). */
    private static void waitForOtherShutdownHooks() {
        long deadline = System.currentTimeMillis() + OTHER_HOOKS_MILLIS;
        for (var entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            boolean exiting = java.util.Arrays.stream(entry.getValue())
                    .anyMatch(frame -> frame.getClassName().equals("java.lang.Shutdown"));
            if (thread == Thread.currentThread() || thread.isDaemon() || exiting) {
                continue;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            try {
                thread.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
