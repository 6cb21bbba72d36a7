package dev.xent.cli.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cells of one CSV record: either a simple line inside a byte buffer shared with other records,
 * with the end of each cell (numbers are parsed from the bytes, no text is made unless asked for), or
 * the texts commons-csv gave. Numbers are decimal numbers ({@link DecimalText}), parsed with
 * FastDoubleParser, which gives the same bits as {@link Double#parseDouble}; short plain decimals in
 * lines, the commonest cells, first go through {@link PlainDecimal}, which gives the same bits faster.
 */
final class Cells {
    private final byte[] bytes;
    private final int lineStart;
    private final int[] ends;
    private final int endsFrom;
    private final int size;
    private final String[] texts;
    private double[] aheadValues;
    private int aheadFrom;
    private int[] aheadSlots;

    private Cells(byte[] bytes, int lineStart, int[] ends, int endsFrom, int size, String[] texts) {
        this.bytes = bytes;
        this.lineStart = lineStart;
        this.ends = ends;
        this.endsFrom = endsFrom;
        this.size = size;
        this.texts = texts;
    }

    /**
     * The cells of a simple line (printable ASCII only, see {@link CsvRecords}) in a shared buffer.
     *
     * @param bytes     the buffer holding the line
     * @param lineStart the index of the line's first byte in {@code bytes}
     * @param ends      holds, from {@code endsFrom}, the index in {@code bytes} after each of the
     *                  {@code size} cells (each but the last is a comma)
     */
    static Cells ofLine(byte[] bytes, int lineStart, int[] ends, int endsFrom, int size) {
        return new Cells(bytes, lineStart, ends, endsFrom, size, null);
    }

    /** The cells of a simple line that fills {@code line}, with the index after each cell. */
    static Cells ofLine(byte[] line, int[] ends) {
        return ofLine(line, 0, ends, 0, ends.length);
    }

    /** Cells as texts. */
    static Cells ofTexts(String[] texts) {
        return new Cells(null, 0, null, 0, texts.length, texts);
    }

    /** The number of cells. */
    int size() {
        return size;
    }

    /** The text of a cell. */
    String text(int cell) {
        if (texts != null) {
            return texts[cell];
        }
        int start = start(cell);
        return new String(bytes, start, ends[endsFrom + cell] - start, StandardCharsets.ISO_8859_1);
    }

    /**
     * A cell as a number: {@link DecimalText}'s syntax, {@link Double#parseDouble}'s result.
     *
     * @throws NumberFormatException if it is not a number
     */
    double number(int cell) {
        if (texts != null) {
            return DecimalText.parse(texts[cell]);
        }
        int start = start(cell);
        int end = ends[endsFrom + cell];
        double plain = PlainDecimal.parse(bytes, start, end);
        return Double.isNaN(plain) ? DecimalText.parse(bytes, start, end) : plain;
    }

    /**
     * Keeps numbers parsed ahead for this record (see {@link NumbersAhead}).
     *
     * @param values holds cell {@code c}'s value at {@code from + slots[c]}, for {@code slots[c] >= 0}
     */
    void setNumbersAhead(double[] values, int from, int[] slots) {
        aheadValues = values;
        aheadFrom = from;
        aheadSlots = slots;
    }

    /**
     * The value of a cell parsed ahead if it is a finite number, else NaN (also for a cell not parsed
     * ahead): the caller then parses it with {@link #number} to tell why.
     */
    double finiteNumberAhead(int cell) {
        if (aheadValues == null || cell >= aheadSlots.length || aheadSlots[cell] < 0) {
            return Double.NaN;
        }
        double value = aheadValues[aheadFrom + aheadSlots[cell]];
        return Double.isFinite(value) ? value : Double.NaN;
    }

    /** Every cell's text. */
    List<String> texts() {
        if (texts != null) {
            return Arrays.asList(texts);
        }
        List<String> all = new ArrayList<>(size);
        for (int c = 0; c < size; c++) {
            all.add(text(c));
        }
        return all;
    }

    private int start(int cell) {
        return cell == 0 ? lineStart : ends[endsFrom + cell - 1] + 1;
    }
}
