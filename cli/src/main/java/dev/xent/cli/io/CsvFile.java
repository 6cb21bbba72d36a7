package dev.xent.cli.io;

import dev.xent.cli.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A CSV file with a header row, read one record at a time (RFC 4180 quoting, see {@link CsvRecords}):
 * memory does not grow with the file. Cells are trimmed; empty lines are skipped; a UTF-8 byte-order
 * mark at the start is skipped. Every problem is a
 * {@link BadInputException} naming the file, the line and the column: an empty file, a duplicate or
 * missing column, a row with the wrong number of fields, a cell that is not a finite number.
 *
 * <p>Records after the header are read ahead by two background threads ({@link ReadAhead} stages),
 * started by the first {@link #next()}, while the caller works on earlier ones: one splits lines into
 * cells, the other parses the cells of the columns named by {@link #parseNumbersAhead}. Problems
 * still surface in file order.
 *
 * <p>Lines are counted as records (the header is line 1); a quoted cell spanning lines counts once.
 */
public final class CsvFile implements AutoCloseable {
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path file;
    private final String name;
    private final CsvRecords records;
    private final List<String> header;
    private int[] numberColumns = new int[0];
    private ReadAhead<Cells> splitRecords;
    private ReadAhead<Cells> dataRecords;
    private long recordsRead = 1;

    private CsvFile(Path file, CsvRecords records) {
        this.file = file;
        this.name = Display.path(file);
        this.records = records;
        Cells first = nextRecord(records::next);
        if (first == null) {
            throw new BadInputException(name + " is empty (expected a header row and data rows)");
        }
        List<String> names = new ArrayList<>(first.texts());
        Set<String> seen = new HashSet<>();
        for (String column : names) {
            if (!seen.add(column)) {
                throw new BadInputException(name + " line 1: the column '" + column + "' appears twice in the header");
            }
        }
        this.header = List.copyOf(names);
    }

    /** Opens a CSV file and reads its header. */
    public static CsvFile open(Path file) {
        CsvRecords records;
        try {
            records = new CsvRecords(() -> withoutByteOrderMark(Files.newInputStream(file)));
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return new CsvFile(file, records);
        } catch (RuntimeException e) {
            closeQuietly(records, e);
            throw e;
        }
    }

    /** The stream after a UTF-8 byte-order mark, if it starts with one (so that a quoted header parses). */
    private static InputStream withoutByteOrderMark(InputStream in) throws IOException {
        PushbackInputStream stream = new PushbackInputStream(in, BYTE_ORDER_MARK.length);
        byte[] start = stream.readNBytes(BYTE_ORDER_MARK.length);
        if (!Arrays.equals(start, BYTE_ORDER_MARK)) {
            stream.unread(start);
        }
        return stream;
    }

    private static void closeQuietly(CsvRecords records, RuntimeException failure) {
        try {
            records.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** The file as shown in messages (relative to the working folder when inside it). */
    public String displayName() {
        return name;
    }

    /** The column names, in file order. */
    public List<String> header() {
        return header;
    }

    /**
     * The index of a column.
     *
     * @param jsonPath where the job names the column, e.g. {@code $.data.prediction}
     * @throws BadInputException listing the columns present
     */
    public int column(String column, String jsonPath) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new BadInputException(jsonPath + ": no column '" + column + "' in " + this.name + "; columns present: "
                    + String.join(", ", header));
        }
        return index;
    }

    /** The indices of several columns. */
    public int[] columns(List<String> names, String jsonPath) {
        return names.stream().mapToInt(name -> column(name, jsonPath)).toArray();
    }

    /**
     * Asks the read-ahead threads to parse these columns' cells as numbers, so that
     * {@link Row#number} finds them done; the caller then has less work (the results and errors are
     * the same). Call before the first {@link #next()}.
     *
     * @throws IllegalStateException after the first {@link #next()}
     */
    public void parseNumbersAhead(int... columns) {
        if (dataRecords != null) {
            throw new IllegalStateException("parseNumbersAhead must be called before the first row is read");
        }
        numberColumns = columns.clone();
    }

    /** The next data row, or null at the end of the file. */
    public Row next() {
        if (dataRecords == null) {
            NumbersAhead numbers = new NumbersAhead(numberColumns);
            splitRecords = new ReadAhead<>(records::next, "xent-csv-split-" + file.getFileName());
            dataRecords = new ReadAhead<>(() -> {
                Cells cells = splitRecords.next();
                if (cells != null) {
                    numbers.parse(cells);
                }
                return cells;
            }, "xent-csv-parse-" + file.getFileName());
        }
        Cells cells = nextRecord(dataRecords::next);
        if (cells == null) {
            return null;
        }
        long line = ++recordsRead;
        if (cells.size() != header.size()) {
            throw new BadInputException(name + " line " + line + " has " + cells.size() + " fields; the header has "
                    + header.size());
        }
        return new Row(cells, line);
    }

    private Cells nextRecord(Supplier<Cells> source) {
        try {
            return source.get();
        } catch (UncheckedIOException e) {
            throw new BadInputException(name + ": " + explain(e), e);
        }
    }

    /** The read error's message; for bytes that are not UTF-8, where the first such byte is. */
    private String explain(UncheckedIOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                try {
                    return InvalidUtf8.locate(file).orElse(e.getCause().getMessage());
                } catch (IOException again) {
                    break;
                }
            }
        }
        return e.getCause().getMessage();
    }

    @Override
    public void close() {
        if (dataRecords != null) {
            dataRecords.close();
            splitRecords.close();
        }
        try {
            records.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One data row. */
    public final class Row {
        private final Cells cells;
        private final long line;

        private Row(Cells cells, long line) {
            this.cells = cells;
            this.line = line;
        }

        /** The line of the row (the header is line 1). */
        public long line() {
            return line;
        }

        /** The text of a cell. */
        public String text(int column) {
            return cells.text(column);
        }

        /**
         * A cell as a finite number.
         *
         * @throws BadInputException naming the line, the column and the cell for text, NaN or infinity
         */
        public double number(int column) {
            double ahead = cells.finiteNumberAhead(column);
            if (!Double.isNaN(ahead)) {
                return ahead;
            }
            double value;
            try {
                value = cells.number(column);
            } catch (NumberFormatException e) {
                throw cellError(column, "'" + text(column) + "' is not a number");
            }
            if (!Double.isFinite(value)) {
                throw cellError(column, "'" + text(column) + "' is not a finite number (NaN and infinity are not allowed)");
            }
            return value;
        }

        /** An error about a cell of this row: {@code file line 7, column 'p': message}. */
        public BadInputException cellError(int column, String message) {
            return new BadInputException(name + " line " + line + ", column '" + header.get(column) + "': " + message);
        }
    }
}
