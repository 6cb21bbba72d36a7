package dev.xent.cli.io;

import java.util.Arrays;

/**
 * Parses chosen cells of each record as numbers on a read-ahead thread, so that the thread that
 * uses the records has that much less to do. The values of many records share one array (no array
 * per record). A cell that is not a finite number is kept as NaN: the user of the record parses it
 * again, in file order, to report why ({@link CsvFile.Row#number}).
 */
final class NumbersAhead {
    /** Values per shared array (64 KB). */
    private static final int SHARED_VALUES = 8192;

    private final int[] columns;
    /** By cell index: where the cell's value is among a record's values, -1 if it is not parsed ahead. */
    private final int[] slots;
    private double[] values = new double[0];
    private int used;

    NumbersAhead(int[] columns) {
        this.columns = columns.clone();
        this.slots = new int[Arrays.stream(columns).max().orElse(-1) + 1];
        Arrays.fill(slots, -1);
        for (int k = 0; k < columns.length; k++) {
            slots[columns[k]] = k;
        }
    }

    /** Parses the record's chosen cells and gives it their values. */
    void parse(Cells cells) {
        if (used + columns.length > values.length) {
            values = new double[Math.max(SHARED_VALUES, columns.length)];
            used = 0;
        }
        for (int k = 0; k < columns.length; k++) {
            double value = Double.NaN;
            if (columns[k] < cells.size()) {
                try {
                    value = cells.number(columns[k]);
                } catch (RuntimeException e) {
                    // Left NaN: the row parses the cell again when it is used, with the same outcome.
                }
            }
            values[used + k] = value;
        }
        cells.setNumbersAhead(values, used, slots);
        used += columns.length;
    }
}
