package dev.xent.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.cli.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows pass the two read-ahead stages (splitting, parsing) in order, and so do errors. */
class CsvFileTest {

    @Test
    void aReadErrorAfterManyChunksComesAfterEveryRowBeforeIt(@TempDir Path folder) throws IOException {
        int rows = 3 * ReadAhead.CHUNK_ITEMS + 5;
        StringBuilder text = new StringBuilder("p,y\n");
        for (int r = 0; r < rows; r++) {
            text.append(r).append(".25,1\n");
        }
        text.append("\"unclosed,1\n");
        Path file = folder.resolve("data.csv");
        Files.writeString(file, text.toString());
        try (CsvFile csv = CsvFile.open(file)) {
            csv.parseNumbersAhead(0, 1);
            for (int r = 0; r < rows; r++) {
                CsvFile.Row row = csv.next();
                assertEquals(r + 0.25, row.number(0));
                assertEquals(r + 2, row.line());
            }
            BadInputException error = assertThrows(BadInputException.class, csv::next);
            assertTrue(error.getMessage().contains("data.csv: "), error.getMessage());
        }
    }

    @Test
    void closingBeforeTheEndStopsBothStages(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("data.csv");
        Files.writeString(file, "p\n" + "1\n".repeat(10 * ReadAhead.CHUNK_ITEMS));
        CsvFile csv = CsvFile.open(file);
        csv.parseNumbersAhead(0);
        assertEquals(1.0, csv.next().number(0));
        csv.close();
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("xent-csv-") && t.getName().endsWith("data.csv") && t.isAlive()));
    }
}
