package dev.xent.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.cli.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbers parsed ahead on the reading thread are the numbers and errors the row gives without it. */
class NumbersAheadTest {

    @Test
    void finiteNumbersAreKeptAndEverythingElseIsLeftForTheRow() {
        byte[] line = "0.25,-1e3,abc,NaN,Infinity,,7".getBytes(StandardCharsets.US_ASCII);
        Cells cells = Cells.ofLine(line, new int[] {4, 9, 13, 17, 26, 27, 29});
        new NumbersAhead(new int[] {0, 1, 2, 3, 4, 5, 9}).parse(cells);
        assertEquals(0.25, cells.finiteNumberAhead(0));
        assertEquals(-1000.0, cells.finiteNumberAhead(1));
        for (int cell : new int[] {2, 3, 4, 5, 6, 9, 10}) {
            assertTrue(Double.isNaN(cells.finiteNumberAhead(cell)), () -> "cell " + cell);
        }
    }

    @Test
    void manyRecordsShareTheirArraysWithoutMixingValues() {
        NumbersAhead numbers = new NumbersAhead(new int[] {1});
        List<Cells> records = new ArrayList<>();
        for (int r = 0; r < 20_000; r++) {
            byte[] line = ("x," + r + ".5").getBytes(StandardCharsets.US_ASCII);
            Cells cells = Cells.ofLine(line, new int[] {1, line.length});
            numbers.parse(cells);
            records.add(cells);
        }
        for (int r = 0; r < records.size(); r++) {
            assertEquals(r + 0.5, records.get(r).finiteNumberAhead(1));
        }
    }

    @Test
    void rowsGiveTheSameNumbersAndTheSameFirstErrorWithAndWithoutParsingAhead(@TempDir Path folder)
            throws IOException {
        StringBuilder text = new StringBuilder("p,y,name\n");
        int rows = 5 * ReadAhead.CHUNK_ITEMS + 11;
        for (int r = 0; r < rows; r++) {
            text.append(r % 7 == 0 ? "-" : "").append(r * 0.001).append(',').append(r % 2).append(",n").append(r)
                    .append('\n');
        }
        text.append("0.5,1e400,late\n");
        Path file = folder.resolve("data.csv");
        Files.writeString(file, text.toString());
        List<Object> plain = readAll(file, false);
        List<Object> ahead = readAll(file, true);
        assertEquals(plain, ahead);
        assertEquals(rows + 1, plain.size());
        assertEquals("data.csv line " + (rows + 2) + ", column 'y': '1e400' is not a finite number (NaN and infinity are not allowed)",
                plain.get(rows).toString().replaceAll(".*data.csv", "data.csv"));
    }

    /** Each row's two numbers, then the message of the first error. */
    private static List<Object> readAll(Path file, boolean parseAhead) {
        List<Object> out = new ArrayList<>();
        try (CsvFile csv = CsvFile.open(file)) {
            if (parseAhead) {
                csv.parseNumbersAhead(0, 1);
            }
            for (CsvFile.Row row = csv.next(); row != null; row = csv.next()) {
                out.add(List.of(row.number(0), row.number(1), row.text(2)));
            }
        } catch (BadInputException e) {
            out.add(e.getMessage());
        }
        return out;
    }

    @Test
    void columnsCannotBeChosenAfterTheFirstRow(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("data.csv");
        Files.writeString(file, "p\n1\n");
        try (CsvFile csv = CsvFile.open(file)) {
            csv.next();
            assertThrows(IllegalStateException.class, () -> csv.parseNumbersAhead(0));
        }
    }
}
