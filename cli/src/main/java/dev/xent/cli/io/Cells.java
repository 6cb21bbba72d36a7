package dev.xent.cli.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cells of one CSV record: either the bytes of a simple line with the end of each cell (numbers
 * are parsed from the bytes, no text is made unless asked for), or the texts commons-csv gave.
 * Numbers are parsed with FastDoubleParser, which gives the same bits as {@link Double#parseDouble}.
 */
final class Cells {
    private final byte[] line;
    private final int[] ends;
    private final String[] texts;

    private Cells(byte[] line, int[] ends, String[] texts) {
        this.line = line;
        this.ends = ends;
        this.texts = texts;
    }

    /**
     * The cells of a simple line (printable ASCII only, see {@link CsvRecords}).
     *
     * @param ends the index after each cell in {@code line} (each but the last is a comma)
     */
    static Cells ofLine(byte[] line, int[] ends) {
        return new Cells(line, ends, null);
    }

    /** Cells as texts. */
    static Cells ofTexts(String[] texts) {
        return new Cells(null, null, texts);
    }

    /** The number of cells. */
    int size() {
        return texts != null ? texts.length : ends.length;
    }

    /** The text of a cell. */
    String text(int cell) {
        if (texts != null) {
            return texts[cell];
        }
        int start = start(cell);
        return new String(line, start, ends[cell] - start, StandardCharsets.ISO_8859_1);
    }

    /**
     * A cell as a number, with {@link Double#parseDouble}'s syntax and result.
     *
     * @throws NumberFormatException if it is not a number
     */
    double number(int cell) {
        if (texts != null) {
            return JavaDoubleParser.parseDouble(texts[cell]);
        }
        int start = start(cell);
        return JavaDoubleParser.parseDouble(line, start, ends[cell] - start);
    }

    /** Every cell's text. */
    List<String> texts() {
        if (texts != null) {
            return Arrays.asList(texts);
        }
        List<String> all = new ArrayList<>(size());
        for (int c = 0; c < size(); c++) {
            all.add(text(c));
        }
        return all;
    }

    private int start(int cell) {
        return cell == 0 ? 0 : ends[cell - 1] + 1;
    }
}
