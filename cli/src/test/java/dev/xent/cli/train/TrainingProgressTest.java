package dev.xent.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.train.EpochRecord;
import dev.xent.train.Metrics;
import dev.xent.train.TrainingResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingProgressTest {

    private static List<EpochRecord> epochs(int count) {
        List<EpochRecord> history = new ArrayList<>();
        for (int epoch = 1; epoch <= count; epoch++) {
            history.add(new EpochRecord(epoch, 1.0 / epoch, 1.0 / epoch, null));
        }
        return history;
    }

    private static String run(int epochs, List<EpochRecord> history, boolean stoppedEarly, Integer bestEpoch) {
        StringWriter err = new StringWriter();
        try (TrainingProgress progress = TrainingProgress.start(epochs, new PrintWriter(err))) {
            history.forEach(progress::epochFinished);
            progress.finished(new TrainingResult(new double[0], history, stoppedEarly, bestEpoch,
                    new Metrics(0.1, 0.1, null, 1.0, null)));
        }
        return err.toString();
    }

    @Test
    void aCompletedRunErasesTheBarAndLeavesNoLineBehind() {
        String drawn = run(10, epochs(10), false, null);
        assertTrue(drawn.contains("train"), drawn);
        assertFalse(drawn.contains("\n"), "no newline, so no blank line: " + drawn);
        assertTrue(drawn.endsWith("\r") && drawn.substring(drawn.lastIndexOf('\r', drawn.length() - 2)).isBlank(),
                "the last thing drawn blanks the line: " + drawn);
    }

    @Test
    void anEarlyStopCompletesTheBarAndSaysWhereItStopped() {
        String drawn = run(200, epochs(52), true, 42);
        assertTrue(drawn.endsWith(System.lineSeparator()), drawn);
        String last = drawn.substring(drawn.lastIndexOf('\r') + 1).strip();
        assertTrue(last.contains("52/52") && last.contains("stopped early at epoch 52, best epoch 42"), last);
        assertEquals(1, drawn.split("\n", -1).length - 1, "one line ends: " + drawn);
    }

    @Test
    void nothingIsDrawnWithoutAWriter() {
        try (TrainingProgress progress = TrainingProgress.start(5, null)) {
            epochs(5).forEach(progress::epochFinished);
        }
    }

    @Test
    void theSummarySaysWhereTrainingStoppedAndWhichEpochWasRestored() {
        Metrics metrics = new Metrics(0.1, 0.1, null, 1.0, null);
        assertEquals("stopped early at epoch 52, best epoch 42",
                TrainTask.stopDescription(new TrainingResult(new double[0], epochs(52), true, 42, metrics)));
        assertEquals("stopped early at epoch 52",
                TrainTask.stopDescription(new TrainingResult(new double[0], epochs(52), true, null, metrics)));
        assertEquals("best epoch 180 restored",
                TrainTask.stopDescription(new TrainingResult(new double[0], epochs(200), false, 180, metrics)));
    }
}
