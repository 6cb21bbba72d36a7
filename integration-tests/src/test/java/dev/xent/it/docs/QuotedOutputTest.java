package dev.xent.it.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuotedOutputTest {

    @Test
    void aChangedDigitIsStaleAndRegeneratedFromTheRealOutput() {
        List<String> quoted = List.of("value 0.09717470314748412");
        List<String> actual = List.of("value 0.09717470314748411");
        assertFalse(QuotedOutput.matches(quoted, actual));
        assertEquals(actual, QuotedOutput.regenerated(quoted, actual));
    }

    @Test
    void durationsMatchAnyDurationAndTheQuotedOneIsKept() {
        List<String> quoted = List.of("train: 200 epochs in 0.07 s", "loss 0.1");
        assertTrue(QuotedOutput.matches(quoted, List.of("train: 200 epochs in 4.93 s", "loss 0.1")));
        assertEquals(List.of("train: 200 epochs in 0.07 s", "loss 0.2"),
                QuotedOutput.regenerated(quoted, List.of("train: 200 epochs in 4.93 s", "loss 0.2")));
    }

    @Test
    void anElisionStandsForAnyLinesAndKeepsItsHeadAndTailSizes() {
        List<String> quoted = List.of("first", "...", "last");
        assertTrue(QuotedOutput.matches(quoted, List.of("first", "a", "b", "last")));
        assertFalse(QuotedOutput.matches(quoted, List.of("first", "a", "b", "changed")));
        assertEquals(List.of("first", "...", "changed"),
                QuotedOutput.regenerated(quoted, List.of("first", "a", "b", "changed")));
    }

    @Test
    void shellBlocksSplitIntoCommandsKeepingTheBlankLinesBetweenThem() {
        List<MarkedExamples.Command> commands = MarkedExamples.commands(List.of("$ a", "out a", "", "$ b", "out b"));
        assertEquals(2, commands.size());
        assertEquals(new MarkedExamples.Command("a", List.of("out a"), 1), commands.get(0));
        assertEquals(new MarkedExamples.Command("b", List.of("out b"), 0), commands.get(1));
    }

    @Test
    void markersAreFoundWithTheirBlocks() {
        List<String> doc = List.of("text", "<!-- doc-check: java classpath=core,autodiff -->", "```java",
                "System.out.println(1);", "```", "prints", "```", "1", "```");
        MarkedExamples.Example example = MarkedExamples.find(doc).get(0);
        assertEquals("java", example.kind());
        assertEquals("core,autodiff", example.attributes().get("classpath"));
        assertEquals(List.of("System.out.println(1);"), example.subject().content(doc));
        assertEquals(List.of("1"), example.output().content(doc));
    }
}
