package dev.xent.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The fast path for simple lines gives exactly the records commons-csv gives for the whole file. */
class CsvRecordsTest {
    /** Pieces of CSV text, simple and not, from which files are assembled. */
    private static final List<String> PIECES = List.of(
            "0.5", "-1.25e-3", "1", "yes", "a", "", ",", ",", ",", "\n", "\n", "\n", "\r\n", "\r\n", "\n\n",
            " 0.5 ", "\t", "\"q\"", "\"a,b\"", "\"line\nbreak\"", "\"say \"\"hi\"\"\"", "\"unclosed", "é", "\uFEFF",
            "\r", "#", "x y");

    @Test
    void simpleFilesAndFilesThatNeedCommonsCsvGiveTheSameRecords() {
        List<String> files = List.of(
                "", "\n", "p,y\n", "p,y", "p,y\r\n0.5,1\r\n", "p,y\n0.5,1\n\n\n0.25,0\n", "p,y\n0.5,1\n0.25,0",
                "p,y\n0.5,\n,1\n", "\uFEFFp,y\n0.5,1\n", "p,y\n0.5,1\n\"0.25\",0\n0.75,1\n",
                "p,y\n0.5,1\n\"multi\nline\",0\n0.75,1\n", "p,y\n 0.5 , 1 \n0.25,0\n", "p,y\n0.5,1\r0.25,0\n",
                "p,y\n0.5,1\n0.25,0\r", "label\nnaïve\nplain\n", "p,y\n0.5,1\n" + "9".repeat(100) + ",0\n0.1,1\n");
        for (String file : files) {
            for (int buffer : new int[] {1, 2, 3, 7, 64, 1 << 20}) {
                assertEquals(commonsCsv(file), fastPath(file, buffer), () -> "'" + file + "' with buffer " + buffer);
            }
        }
    }

    @Test
    void randomFilesGiveTheSameRecordsAsCommonsCsv() {
        qt().withFixedSeed(20261123L).withExamples(5000)
                .forAll(lists().of(integers().between(0, PIECES.size() - 1)).ofSizeBetween(0, 60),
                        integers().between(1, 40))
                .checkAssert((pieces, buffer) -> {
                    StringBuilder file = new StringBuilder();
                    // Mostly simple text first, so that the switch to commons-csv happens mid-file.
                    for (int i = 0; i < 20; i++) {
                        file.append(i).append(',').append(i * 0.5).append('\n');
                    }
                    pieces.forEach(piece -> file.append(PIECES.get(piece)));
                    String text = file.toString();
                    assertEquals(commonsCsv(text), fastPath(text, buffer), () -> "'" + text + "' with buffer " + buffer);
                });
    }

    @Test
    void theEightByteScanFindsTheFirstByteThatIsNotPlain() {
        // Each of the eight bytes is random (bit set in the mask) or a digit, so that words with a special
        // byte anywhere, or none, are all common.
        qt().withFixedSeed(20261123L).withExamples(200_000).forAll(longs().all(), integers().between(0, 255))
                .checkAssert((random, mask) -> {
                    long word = 0;
                    int expected = Long.BYTES;
                    for (int j = Long.BYTES - 1; j >= 0; j--) {
                        int b = (mask >> j & 1) == 1 ? (int) (random >>> (8 * j)) & 0xFF : '0' + j;
                        word |= (long) b << (8 * j);
                        if (b <= ' ' || b == '"' || b == ',' || b > '~') {
                            expected = j;
                        }
                    }
                    long special = CsvRecords.specialBytes(word);
                    int found = special == 0 ? Long.BYTES : Long.numberOfTrailingZeros(special) >>> 3;
                    assertEquals(expected, found, Long.toHexString(word));
                });
    }

    @Test
    void malformedUtf8IsAReadErrorAsWithCommonsCsv() {
        byte[] file = {'p', '\n', '1', '\n', (byte) 0xC3, '\n'};
        try (CsvRecords records = new CsvRecords(() -> new ByteArrayInputStream(file), 4)) {
            assertEquals(List.of("p"), records.next().texts());
            assertEquals(List.of("1"), records.next().texts());
            assertThrows(UncheckedIOException.class, records::next);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every record's cells, then the message of the error that ends the file, if any. */
    private static List<Object> commonsCsv(String text) {
        List<Object> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CsvRecords.FORMAT)) {
            for (CSVRecord record : parser) {
                records.add(record.toList());
            }
        } catch (IOException | UncheckedIOException e) {
            records.add("error: " + e.getMessage());
        }
        return records;
    }

    private static List<Object> fastPath(String text, int bufferBytes) {
        List<Object> records = new ArrayList<>();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (CsvRecords csv = new CsvRecords(() -> new ByteArrayInputStream(bytes), bufferBytes)) {
            for (Cells cells = csv.next(); cells != null; cells = csv.next()) {
                records.add(cells.texts());
            }
        } catch (IOException | UncheckedIOException e) {
            records.add("error: " + e.getMessage());
        }
        return records;
    }
}
