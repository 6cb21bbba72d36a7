package dev.xent.cli.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void terminalsAndConsolesAreTerminalsAndFilesAndPipesAreNot() {
        assertTrue(Terminal.isTerminalDevice("/dev/pts/3"));
        assertTrue(Terminal.isTerminalDevice("/dev/tty1"));
        assertFalse(Terminal.isTerminalDevice("/home/user/log"));
        assertFalse(Terminal.isTerminalDevice("pipe:[12345]"));
        assertFalse(Terminal.isTerminalDevice("/dev/null"));
    }

    @Test
    void theLaunchersAnswerWins() {
        String before = System.getProperty(Terminal.PROPERTY);
        try {
            System.setProperty(Terminal.PROPERTY, "true");
            assertTrue(Terminal.stderrIsTerminal());
            System.setProperty(Terminal.PROPERTY, "false");
            assertFalse(Terminal.stderrIsTerminal());
        } finally {
            if (before == null) {
                System.clearProperty(Terminal.PROPERTY);
            } else {
                System.setProperty(Terminal.PROPERTY, before);
            }
        }
    }

    @Test
    void stderrOfATestRunIsNotATerminal() {
        assertFalse(Terminal.stderrIsTerminal(), "surefire redirects stderr to a pipe or file");
    }
}
