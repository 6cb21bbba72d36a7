package dev.xent.cli.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The records of a CSV file as {@link Cells}. commons-csv parses the file, except for a leading run of
 * simple lines, which are split directly because that is several times faster (a 10-million-row
 * evaluate spends most of its time here). A simple line has only printable ASCII characters other
 * than the double quote and the space, ends with LF or CRLF and is shorter than the read buffer: it
 * cannot hold quoting, escapes, surrounding spaces or multi-byte characters, so splitting it at
 * commas gives exactly commons-csv's cells. From the first other line to the end of the file
 * commons-csv reads everything: it reads the file again from the top and skips the records already
 * given, so that every record, and every line number and position in its error messages, is what
 * commons-csv alone gives. (Such a file costs the fast pass over its simple lines plus what
 * commons-csv alone costs.)
 *
 * <p>{@link #next()} throws {@link UncheckedIOException} for a read error or malformed CSV, as
 * commons-csv's iterator does.
 */
final class CsvRecords implements AutoCloseable {
    /** RFC 4180 (with quoting), cells trimmed, empty lines skipped. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .build();

    private static final int BUFFER_BYTES = 1 << 20;

    private final Opener opener;
    private final byte[] buffer;
    private InputStream in;
    private long recordsGiven;
    private int start;
    private int end;
    private boolean endOfInput;
    private CSVParser parser;
    private Iterator<CSVRecord> parsed;

    /** Opens the file from its start; called once, and again if commons-csv must take over. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    CsvRecords(Opener opener) throws IOException {
        this(opener, BUFFER_BYTES);
    }

    /** With a given buffer size (tests use small buffers to cross many refills). */
    CsvRecords(Opener opener, int bufferBytes) throws IOException {
        this.opener = opener;
        this.buffer = new byte[bufferBytes];
        this.in = opener.open();
    }

    /** The cells of the next record, or null at the end of the file. */
    Cells next() {
        try {
            return parsed == null ? nextSimple() : nextParsed();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Cells nextSimple() throws IOException {
        while (true) {
            int newline = newline();
            if (newline < 0) {
                if (start == end) {
                    return null;
                }
                // The last line has no newline, or a line fills the buffer: commons-csv takes over.
                return startParsing();
            }
            int contentEnd = newline > start && buffer[newline - 1] == '\r' ? newline - 1 : newline;
            if (contentEnd == start) {
                start = newline + 1;
                continue;
            }
            Cells cells = simpleCells(start, contentEnd);
            if (cells == null) {
                return startParsing();
            }
            start = newline + 1;
            recordsGiven++;
            return cells;
        }
    }

    /** The index of the next LF at or after {@code start}, reading more input as needed; -1 if none. */
    private int newline() throws IOException {
        int from = start;
        while (true) {
            for (int i = from; i < end; i++) {
                if (buffer[i] == '\n') {
                    return i;
                }
            }
            if (endOfInput || (start == 0 && end == buffer.length)) {
                return -1;
            }
            from = end - start;
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                endOfInput = true;
            } else {
                end += read;
            }
        }
    }

    /** The cells of the non-empty line {@code buffer[from, to)}, or null if it is not simple. */
    private Cells simpleCells(int from, int to) {
        int commas = 0;
        for (int i = from; i < to; i++) {
            byte b = buffer[i];
            if (b == ',') {
                commas++;
            } else if (b <= ' ' || b == '"' || b > '~') {
                return null;
            }
        }
        byte[] line = Arrays.copyOfRange(buffer, from, to);
        int[] ends = new int[commas + 1];
        int cell = 0;
        for (int i = 0; i < line.length; i++) {
            if (line[i] == ',') {
                ends[cell++] = i;
            }
        }
        ends[commas] = line.length;
        return Cells.ofLine(line, ends);
    }

    /** Hands the file to commons-csv, which continues after the records already given. */
    private Cells startParsing() throws IOException {
        in.close();
        in = opener.open();
        // newDecoder() reports malformed UTF-8 instead of replacing it, like Files.newBufferedReader.
        parser = CSVParser.parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()),
                BUFFER_BYTES), FORMAT);
        parsed = parser.iterator();
        for (long r = 0; r < recordsGiven; r++) {
            parsed.next();
        }
        return nextParsed();
    }

    private Cells nextParsed() {
        return parsed.hasNext() ? Cells.ofTexts(parsed.next().values()) : null;
    }

    @Override
    public void close() throws IOException {
        try {
            if (parser != null) {
                parser.close();
            }
        } finally {
            in.close();
        }
    }
}
