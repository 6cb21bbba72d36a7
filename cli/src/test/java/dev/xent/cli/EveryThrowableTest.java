package dev.xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Every Throwable ends in one {@code xent: } line and exit 1; the stack trace only with --verbose. */
class EveryThrowableTest {

    private static String[] report(Throwable failure, boolean verbose, int expectedExit) {
        StringWriter text = new StringWriter();
        assertEquals(expectedExit, ErrorHandler.report(failure, new PrintWriter(text), verbose));
        return text.toString().split("\\R");
    }

    @Test
    void outOfMemorySaysHowToRaiseTheHeap() {
        String[] lines = report(new OutOfMemoryError("Java heap space"), false, 1);
        assertEquals(1, lines.length);
        assertTrue(lines[0].startsWith("xent: out of memory while running the job (Java heap limit "), lines[0]);
        assertTrue(lines[0].contains("XENT_JAVA_OPTS=-Xmx4g"), lines[0]);
    }

    @Test
    void linkageAndInitializerErrorsAreOneLine() {
        String[] lines = report(new NoClassDefFoundError("com/example/Missing"), false, 1);
        assertEquals(1, lines.length);
        assertEquals("xent: internal error: java.lang.NoClassDefFoundError: com/example/Missing", lines[0]);
        lines = report(new ExceptionInInitializerError(new IllegalStateException("static\nblock")), false, 1);
        assertEquals("xent: internal error: java.lang.ExceptionInInitializerError caused by"
                + " java.lang.IllegalStateException: static block", lines[0]);
        assertEquals(1, report(new StackOverflowError(), false, 1).length);
        assertEquals(1, report(new AssertionError("x"), false, 1).length);
    }

    @Test
    void verboseAddsTheStackTrace() {
        String[] lines = report(new NoClassDefFoundError("com/example/Missing"), true, 1);
        assertTrue(lines.length > 2 && lines[1].startsWith("java.lang.NoClassDefFoundError"), String.join("\n", lines));
    }

    @Test
    void aFailedWriteToStandardOutputIsAFailedRun() {
        PrintWriter brokenStdout = new PrintWriter(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        });
        brokenStdout.println("{\"report\": true}");
        StringWriter err = new StringWriter();
        assertEquals(1, Xent.checkedStandardOutput(brokenStdout, new PrintWriter(err), 0));
        assertEquals("xent: cannot write to standard output (closed, or its disk is full)", err.toString().strip());
        assertEquals(2, Xent.checkedStandardOutput(brokenStdout, new PrintWriter(new StringWriter()), 2),
                "a bad-input exit code stays");
    }
}
