package dev.xent.cli.io;

import dev.xent.cli.BadInputException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file with a header row, read one record at a time (commons-csv, RFC 4180 quoting): memory does
 * not grow with the file. Cells are trimmed; empty lines are skipped. Every problem is a
 * {@link BadInputException} naming the file, the line and the column: an empty file, a duplicate or
 * missing column, a row with the wrong number of fields, a cell that is not a finite number.
 *
 * <p>Lines are counted as records (the header is line 1); a quoted cell spanning lines counts once.
 */
public final class CsvFile implements AutoCloseable {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .build();

    private final Path file;
    private final String name;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;

    private CsvFile(Path file, CSVParser parser) {
        this.file = file;
        this.name = Display.path(file);
        this.parser = parser;
        this.records = parser.iterator();
        if (!hasNextRecord()) {
            throw new BadInputException(name + " is empty (expected a header row and data rows)");
        }
        List<String> names = new ArrayList<>();
        records.next().forEach(names::add);
        if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
            names.set(0, names.get(0).substring(1));
        }
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
        try {
            Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            return new CsvFile(file, CSVParser.parse(reader, FORMAT));
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
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

    /** The next data row, or null at the end of the file. */
    public Row next() {
        if (!hasNextRecord()) {
            return null;
        }
        CSVRecord record = records.next();
        long line = record.getRecordNumber();
        if (record.size() != header.size()) {
            throw new BadInputException(name + " line " + line + " has " + record.size() + " fields; the header has "
                    + header.size());
        }
        return new Row(record, line);
    }

    private boolean hasNextRecord() {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            throw new BadInputException(name + ": " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One data row. */
    public final class Row {
        private final CSVRecord record;
        private final long line;

        private Row(CSVRecord record, long line) {
            this.record = record;
            this.line = line;
        }

        /** The line of the row (the header is line 1). */
        public long line() {
            return line;
        }

        /** The text of a cell. */
        public String text(int column) {
            return record.get(column);
        }

        /**
         * A cell as a finite number.
         *
         * @throws BadInputException naming the line, the column and the cell for text, NaN or infinity
         */
        public double number(int column) {
            String text = record.get(column);
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw cellError(column, "'" + text + "' is not a number");
            }
            if (!Double.isFinite(value)) {
                throw cellError(column, "'" + text + "' is not a finite number (NaN and infinity are not allowed)");
            }
            return value;
        }

        /** An error about a cell of this row: {@code file line 7, column 'p': message}. */
        public BadInputException cellError(int column, String message) {
            return new BadInputException(name + " line " + line + ", column '" + header.get(column) + "': " + message);
        }
    }
}
