package dev.xent.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xent.cli.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a data file's bytes may be: UTF-8 (with or without a byte-order mark) and decimal numbers. */
class DataFileTextTest {
    @TempDir
    Path folder;

    private Path file(byte[] bytes) throws IOException {
        return Files.write(folder.resolve("data.csv"), bytes);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    void aByteOrderMarkBeforeAQuotedHeaderIsSkipped() throws IOException {
        try (CsvFile csv = CsvFile.open(file(concat(BOM, "\"p\",y\n0.5,1\n".getBytes())))) {
            assertEquals(List.of("p", "y"), csv.header());
            assertEquals(0.5, csv.next().number(csv.column("p", "$.data.prediction")));
        }
    }

    @Test
    void aByteOrderMarkBeforeAPlainHeaderIsSkipped() throws IOException {
        try (CsvFile csv = CsvFile.open(file(concat(BOM, "p,y\n0.5,1\n".getBytes())))) {
            assertEquals(List.of("p", "y"), csv.header());
        }
    }

    @Test
    void invalidUtf8NamesTheLineAndTheCharacter() throws IOException {
        Path data = file(concat("p,label\n0.5,yes\n\n0.25,n".getBytes(), new byte[] {(byte) 0xFF}, "o\n".getBytes()));
        try (CsvFile csv = CsvFile.open(data)) {
            BadInputException error = assertThrows(BadInputException.class, () -> {
                while (csv.next() != null) {
                    // read to the bad byte
                }
            });
            assertEquals(csv.displayName() + ": line 3, character 7: byte 0xFF is not valid UTF-8 (data files must be UTF-8)",
                    error.getMessage());
        }
    }

    @Test
    void invalidUtf8InTheHeaderNamesLineOne() throws IOException {
        Path data = file(concat("p,".getBytes(), new byte[] {(byte) 0xC0, (byte) 0x80}, "\n1,2\n".getBytes()));
        BadInputException error = assertThrows(BadInputException.class, () -> CsvFile.open(data).close());
        assertEquals(Display.path(data) + ": line 1, character 3: byte 0xC0 is not valid UTF-8 (data files must be UTF-8)",
                error.getMessage());
    }

    @Test
    void javaLiteralsAreNotNumbersButDecimalsAre() throws IOException {
        for (String cell : List.of("0.9f", "1d", "0x1p-1", "0X1P-1", "1_0", "1e5f")) {
            Path data = file(("p,y\n" + cell + ",1\n").getBytes());
            try (CsvFile csv = CsvFile.open(data)) {
                CsvFile.Row row = csv.next();
                BadInputException error = assertThrows(BadInputException.class, () -> row.number(0));
                assertEquals(csv.displayName() + " line 2, column 'p': '" + cell + "' is not a number", error.getMessage());
            }
        }
        for (String cell : List.of("0.9", "-.5", "5.", "+1e-3", "1E+2", "12345678901234567890")) {
            try (CsvFile csv = CsvFile.open(file(("p,y\n" + cell + ",1\n").getBytes()))) {
                assertEquals(Double.parseDouble(cell), csv.next().number(0), cell);
            }
        }
    }

    @Test
    void nanAndInfinitySpellingsAreRefusedAsNotFinite() throws IOException {
        for (String cell : List.of("NaN", "nan", "inf", "-Infinity", "+INF")) {
            try (CsvFile csv = CsvFile.open(file(("p,y\n" + cell + ",1\n").getBytes()))) {
                CsvFile.Row row = csv.next();
                BadInputException error = assertThrows(BadInputException.class, () -> row.number(0));
                assertEquals(csv.displayName() + " line 2, column 'p': '" + cell
                        + "' is not a finite number (NaN and infinity are not allowed)", error.getMessage());
            }
        }
    }
}
