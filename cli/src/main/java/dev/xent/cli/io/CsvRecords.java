package dev.xent.cli.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

    /**
     * Read buffer size: 256 KiB, under G1's humongous-object size (half a region) even at -Xmx256m,
     * and it is also the longest simple line.
     */
    private static final int BUFFER_BYTES = 1 << 18;
    /** commons-csv's character buffer (128 KB). */
    private static final int READER_CHARS = 1 << 16;
    /** Cell ends per shared array (64 KB). */
    private static final int SHARED_ENDS = 16384;

    /** What each byte is to a simple line: one table look-up instead of several comparisons per byte. */
    private static final byte[] KINDS = new byte[256];
    private static final byte PLAIN = 0;
    private static final byte COMMA = 1;
    private static final byte NEWLINE = 2;
    private static final byte CARRIAGE_RETURN = 3;
    private static final byte NOT_SIMPLE = 4;

    static {
        for (int b = 0; b < 256; b++) {
            KINDS[b] = b <= ' ' || b == '"' || b > '~' ? NOT_SIMPLE : PLAIN;
        }
        KINDS[','] = COMMA;
        KINDS['\n'] = NEWLINE;
        KINDS['\r'] = CARRIAGE_RETURN;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final Opener opener;
    private final int bufferBytes;
    /** Holds the lines of the records given since the last refill: each refill takes a new one. */
    private byte[] buffer;
    /** The cell ends of many records' lines, shared (see {@link Cells#ofLine}). */
    private int[] ends = new int[0];
    private int endsUsed;
    /** The positions of a line's commas, relative to the line's start; grows with the widest line. */
    private int[] commaScratch = new int[16];
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
        this.bufferBytes = bufferBytes;
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
            // One pass over the line: find its end, check that it is simple, note its commas.
            int commas = 0;
            int carriageReturns = 0;
            int i = start;
            while (true) {
                if (i == end) {
                    int shift = start;
                    if (!refill()) {
                        if (start == end) {
                            return null;
                        }
                        // The last line has no newline, or a line fills the buffer: commons-csv takes over.
                        return startParsing();
                    }
                    i -= shift;
                }
                i = firstSpecialByte(buffer, i, end);
                if (i == end) {
                    continue;
                }
                byte kind = KINDS[buffer[i] & 0xFF];
                if (kind != PLAIN) {
                    if (kind == NEWLINE) {
                        break;
                    }
                    if (kind == COMMA) {
                        if (commas == commaScratch.length) {
                            commaScratch = Arrays.copyOf(commaScratch, 2 * commas);
                        }
                        commaScratch[commas++] = i - start;
                    } else if (kind == CARRIAGE_RETURN) {
                        carriageReturns++;
                    } else {
                        return startParsing();
                    }
                }
                i++;
            }
            int newline = i;
            int contentEnd = newline;
            if (carriageReturns > 0) {
                // Only a CR right before the LF (a CRLF line end) keeps a line simple.
                if (carriageReturns > 1 || buffer[newline - 1] != '\r') {
                    return startParsing();
                }
                contentEnd = newline - 1;
            }
            if (contentEnd == start) {
                start = newline + 1;
                continue;
            }
            int cells = commas + 1;
            if (endsUsed + cells > ends.length) {
                ends = new int[Math.max(SHARED_ENDS, cells)];
                endsUsed = 0;
            }
            for (int c = 0; c < commas; c++) {
                ends[endsUsed + c] = start + commaScratch[c];
            }
            ends[endsUsed + commas] = contentEnd;
            Cells record = Cells.ofLine(buffer, start, ends, endsUsed, cells);
            endsUsed += cells;
            start = newline + 1;
            recordsGiven++;
            return record;
        }
    }

    /**
     * The index of the first byte at or after {@code from} that is not {@link #PLAIN} (a comma, a
     * line end, or a byte a simple line cannot hold), skipping plain bytes eight at a time; {@code to}
     * if there is none, or the index of a byte in the last seven before {@code to}.
     */
    private static int firstSpecialByte(byte[] bytes, int from, int to) {
        int i = from;
        while (to - i >= Long.BYTES) {
            long special = specialBytes((long) LONGS.get(bytes, i));
            if (special != 0) {
                return i + (Long.numberOfTrailingZeros(special) >>> 3);
            }
            i += Long.BYTES;
        }
        return i;
    }

    /**
     * For eight bytes (little-endian: the first is the lowest), a word whose lowest set bit is the high
     * bit of the first byte that is below 0x21 (controls, space, LF, CR), 0x22 ({@code "}), 0x2C
     * ({@code ,}) or above 0x7E; zero if there is none. Each test is the classic SWAR one (e.g.
     * "haszero"): its borrows and carries can only mark bytes after a byte it marks rightly, so the
     * lowest mark is exact, which is all the caller uses.
     */
    static long specialBytes(long word) {
        long below = (word - 0x21 * ONES) & ~word;
        long quote = word ^ ('"' * ONES);
        long comma = word ^ (',' * ONES);
        long above = (word + ONES) | word;
        return (below | ((quote - ONES) & ~quote) | ((comma - ONES) & ~comma) | above) & HIGH_BITS;
    }

    /**
     * Moves the unread bytes {@code buffer[start, end)} to the front of a new buffer (the records
     * given keep the old one) and reads more after them.
     *
     * @return false at the end of the input, or if the unread bytes fill the buffer
     */
    private boolean refill() throws IOException {
        if (endOfInput || (start == 0 && end == buffer.length)) {
            return false;
        }
        byte[] old = buffer;
        buffer = new byte[bufferBytes];
        System.arraycopy(old, start, buffer, 0, end - start);
        end -= start;
        start = 0;
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            endOfInput = true;
            return false;
        }
        end += read;
        return true;
    }

    /** Hands the file to commons-csv, which continues after the records already given. */
    private Cells startParsing() throws IOException {
        in.close();
        in = opener.open();
        // newDecoder() reports malformed UTF-8 instead of replacing it, like Files.newBufferedReader.
        parser = CSVParser.parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()),
                READER_CHARS), FORMAT);
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
