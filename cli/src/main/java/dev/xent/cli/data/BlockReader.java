package dev.xent.cli.data;

import dev.xent.cli.BadInputException;
import dev.xent.cli.io.CsvFile;
import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Reads a prediction CSV in blocks of at most a given number of rows: memory holds one block, never
 * the file. Each block is checked cell by cell (numbers, class labels, weights) and then by the
 * loss's own {@link Loss#validate}; a problem names the file line and column.
 */
public final class BlockReader implements AutoCloseable {
    /** How far a failing first block may grow (in blocks) while looking for rows that make it valid. */
    static final int GROWTH_LIMIT = 4;

    private static final Pattern MATRIX_POSITION = Pattern.compile("at row 0, column (\\d+)");

    private final Supplier<CsvFile> reopen;
    private CsvFile csv;
    private final Loss loss;
    private final int[] predictionColumns;
    private final int[] targetColumns;
    private final int weightColumn;
    private final boolean predictionMatrix;
    private final List<String> classes;
    private int idColumn = -1;
    private long rowsRead;
    private Block lastValid;

    /**
     * @param reopen opens the same file again from its first data row (see {@link #next})
     */
    BlockReader(CsvFile csv, Supplier<CsvFile> reopen, Loss loss, int[] predictionColumns, int[] targetColumns,
                int weightColumn, boolean predictionMatrix, List<String> classes) {
        this.csv = csv;
        this.reopen = reopen;
        this.loss = loss;
        this.predictionColumns = predictionColumns;
        this.targetColumns = targetColumns;
        this.weightColumn = weightColumn;
        this.predictionMatrix = predictionMatrix;
        this.classes = classes;
        csv.parseNumbersAhead(numberColumns());
    }

    /** The columns read as numbers: predictions, targets unless they are class labels, the weight. */
    private int[] numberColumns() {
        IntStream targets = classes.isEmpty() ? Arrays.stream(targetColumns) : IntStream.empty();
        IntStream weight = weightColumn < 0 ? IntStream.empty() : IntStream.of(weightColumn);
        return IntStream.concat(IntStream.concat(Arrays.stream(predictionColumns), targets), weight).toArray();
    }

    /** Also keeps the text of an id column in each block ({@link Block#ids()}). */
    public BlockReader withIds(String column, String jsonPath) {
        idColumn = csv.column(column, jsonPath);
        return this;
    }

    /** The data file's name as errors show it. */
    public String fileName() {
        return csv.displayName();
    }

    /** The number of data rows read so far. */
    public long rowsRead() {
        return rowsRead;
    }

    /**
     * The next block of about {@code maxRows} rows, validated; null at the end of the file.
     *
     * <p>A block that fails the loss's validation alone but passes after the previous block is
     * returned with that block as its {@link Block#context()} (e.g. a run of rows that all have the
     * ignore index). While no block has passed yet, a failing block grows by further rows, up to
     * {@value #GROWTH_LIMIT} times {@code maxRows}. If it still fails, the rest of the file is searched
     * for a block that is valid on its own; when there is one, the file is read again from the start
     * with that block as the context of the blocks before it (so 140,000 rows that all have the ignore
     * index followed by valid rows are read, in bounded memory). Only when no block of the file is
     * valid, or a block fails next to a valid one, is the error reported.
     */
    public Block next(int maxRows) {
        Block block = read(maxRows);
        while (block != null) {
            if (problem(block.predictions(), block.targets()) == null) {
                lastValid = block;
                return block;
            }
            if (lastValid != null) {
                Block inContext = withContext(block, lastValid);
                if (problem(inContext.predictionsInContext(), inContext.targetsInContext()) == null) {
                    return inContext;
                }
                throw located(block, lastValid);
            }
            Block more = block.rows() < GROWTH_LIMIT * (long) maxRows ? read(maxRows) : null;
            if (more == null) {
                Block witness = laterValidBlock(maxRows);
                if (witness == null) {
                    throw located(block, null);
                }
                readAgainFromTheStart(witness);
                return next(maxRows);
            }
            block = join(block, more);
        }
        return null;
    }

    /** The next block of the file that is valid on its own, or null when there is none. */
    private Block laterValidBlock(int maxRows) {
        for (Block block = read(maxRows); block != null; block = read(maxRows)) {
            if (problem(block.predictions(), block.targets()) == null) {
                return block;
            }
        }
        return null;
    }

    /** Reopens the file at its first data row, with {@code context} as the block that makes the first rows valid. */
    private void readAgainFromTheStart(Block context) {
        csv.close();
        csv = reopen.get();
        csv.parseNumbersAhead(numberColumns());
        rowsRead = 0;
        lastValid = context;
    }

    /** Reads up to {@code maxRows} rows, checking each cell; null at the end of the file. */
    private Block read(int maxRows) {
        int k = predictionColumns.length;
        int targetWidth = targetColumns.length;
        double[] predictions = new double[maxRows * k];
        double[] targets = new double[maxRows * targetWidth];
        double[] weights = weightColumn < 0 ? null : new double[maxRows];
        long[] lines = new long[maxRows];
        String[] ids = idColumn < 0 ? null : new String[maxRows];
        int n = 0;
        CsvFile.Row row;
        while (n < maxRows && (row = csv.next()) != null) {
            for (int c = 0; c < k; c++) {
                predictions[n * k + c] = row.number(predictionColumns[c]);
            }
            for (int c = 0; c < targetWidth; c++) {
                targets[n * targetWidth + c] = classes.isEmpty() ? row.number(targetColumns[c])
                        : classIndex(row, targetColumns[c]);
            }
            if (weights != null) {
                weights[n] = weight(row);
            }
            if (ids != null) {
                ids[n] = row.text(idColumn);
            }
            lines[n] = row.line();
            n++;
        }
        if (n == 0) {
            return null;
        }
        rowsRead += n;
        return new Block(
                shaped(Arrays.copyOf(predictions, n * k), n, k, predictionMatrix),
                shaped(Arrays.copyOf(targets, n * targetWidth), n, targetWidth, targetWidth > 1),
                weights == null ? null : Tensor.wrap(Arrays.copyOf(weights, n), n),
                Arrays.copyOf(lines, n),
                ids == null ? null : Arrays.copyOf(ids, n),
                null);
    }

    private static Block withContext(Block block, Block context) {
        return new Block(block.predictions(), block.targets(), block.weights(), block.lines(), block.ids(), context);
    }

    private static Block join(Block first, Block second) {
        long[] lines = Arrays.copyOf(first.lines(), first.rows() + second.rows());
        System.arraycopy(second.lines(), 0, lines, first.rows(), second.rows());
        String[] ids = null;
        if (first.ids() != null) {
            ids = Arrays.copyOf(first.ids(), lines.length);
            System.arraycopy(second.ids(), 0, ids, first.rows(), second.rows());
        }
        return new Block(Block.concatenate(first.predictions(), second.predictions()),
                Block.concatenate(first.targets(), second.targets()),
                first.weights() == null ? null : Block.concatenate(first.weights(), second.weights()),
                lines, ids, null);
    }

    private static Tensor shaped(double[] values, int rows, int columns, boolean matrix) {
        return matrix ? Tensor.wrap(values, rows, columns) : Tensor.wrap(values, rows);
    }

    private double classIndex(CsvFile.Row row, int column) {
        String label = row.text(column);
        int index = classes.indexOf(label);
        if (index < 0) {
            throw row.cellError(column, "unknown class label '" + label + "'; classes: " + String.join(", ", classes));
        }
        return index;
    }

    private double weight(CsvFile.Row row) {
        double w = row.number(weightColumn);
        if (w < 0) {
            throw row.cellError(weightColumn, "sample weight " + w + " is negative");
        }
        return w;
    }

    /** The loss's validation message for these rows, or null when they are valid. */
    private String problem(Tensor predictions, Tensor targets) {
        try {
            loss.validate(predictions, targets);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * The error for a block that fails validation: the first row that fails (after {@code context},
     * if given) is named by its file line; else the block's line range.
     */
    private BadInputException located(Block block, Block context) {
        for (int r = 0; r < block.rows(); r++) {
            Tensor p = row(block.predictions(), r);
            Tensor t = row(block.targets(), r);
            String problem = context == null ? problem(p, t)
                    : problem(Block.concatenate(context.predictions(), p), Block.concatenate(context.targets(), t));
            if (problem != null) {
                String message = context == null ? inRow(problem) : inRow(problem
                        .replace(" at index " + context.rows(), " at index 0")
                        .replace("at row " + context.rows() + ",", "at row 0,"));
                return new BadInputException(csv.displayName() + " line " + block.lines()[r] + ": " + message);
            }
        }
        return new BadInputException(csv.displayName() + " lines " + block.lines()[0] + "-" + block.lines()[block.rows() - 1]
                + ": " + problem(block.predictions(), block.targets()));
    }

    private static Tensor row(Tensor t, int r) {
        if (t.rank() == 1) {
            return Tensor.wrap(new double[] {t.getFlat(r)}, 1);
        }
        int width = t.rowLength();
        double[] values = new double[width];
        for (int c = 0; c < width; c++) {
            values[c] = t.getFlat(r * width + c);
        }
        return Tensor.wrap(values, 1, width);
    }

    /** Rewrites positions inside a one-row tensor ("at index 0", "at row 0, column 2") for people. */
    private String inRow(String message) {
        int[] columns = message.startsWith("target") ? targetColumns : predictionColumns;
        Matcher matrix = MATRIX_POSITION.matcher(message);
        StringBuilder out = new StringBuilder();
        while (matrix.find()) {
            int column = Integer.parseInt(matrix.group(1));
            String name = column < columns.length ? csv.header().get(columns[column]) : "#" + column;
            matrix.appendReplacement(out, Matcher.quoteReplacement("in column '" + name + "'"));
        }
        matrix.appendTail(out);
        String single = columns.length == 1 ? " in column '" + csv.header().get(columns[0]) + "'" : "";
        return out.toString().replace(" at index 0", single).replace("row 0 ", "the row ")
                .replace("at row 0", "in this row");
    }

    @Override
    public void close() {
        csv.close();
    }
}
