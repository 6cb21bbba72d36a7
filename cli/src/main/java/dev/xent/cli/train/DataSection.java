package dev.xent.cli.train;

import dev.xent.cli.BadInputException;
import dev.xent.cli.Memory;
import dev.xent.cli.io.Display;
import dev.xent.cli.io.CsvFile;
import dev.xent.cli.job.JobObject;
import dev.xent.core.spi.NumberRange;
import dev.xent.train.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The {@code data} section of a train job, read into a {@link Dataset}: {@code path} (CSV with a
 * header), {@code target} (column of class labels), {@code features} (default: every other column
 * whose cells are all numbers; non-numeric columns such as ids are left out), {@code standardize}
 * (default true), {@code validation_fraction} (default 0) and {@code classes} (optional: the labels
 * in order; every target cell must be one of them). For a loss on real predictions the target cells
 * are numbers, not class labels ({@code classes} is not allowed then). The whole file is read into memory.
 *
 * @param file               the CSV file
 * @param dataset            features and class indices
 * @param standardize        whether to z-score features
 * @param validationFraction share of rows held out
 */
record DataSection(Path file, Dataset dataset, boolean standardize, double validationFraction) {

    /** What the target column holds. */
    enum Targets {
        /** Class labels, for a loss on logits. */
        CLASSES,
        /** Finite numbers, for a loss on real predictions. */
        NUMBERS
    }

    static DataSection read(JobObject data, Targets targets) {
        data.allowOnly("path", "target", "features", "standardize", "validation_fraction", "classes");
        Path file = data.inputFile("path");
        String target = data.string("target");
        boolean standardize = data.bool("standardize", true);
        double validationFraction = data.number("validation_fraction", 0.0, NumberRange.closedOpen(0, 1));
        List<String> declaredClasses = data.optionalStrings("classes");
        if (targets == Targets.NUMBERS && !declaredClasses.isEmpty()) {
            throw new BadInputException(data.pathOf("classes") + ": the loss takes real predictions, so the target"
                    + " holds numbers, not classes; leave classes out");
        }
        if (new HashSet<>(declaredClasses).size() != declaredClasses.size()) {
            throw new BadInputException(data.pathOf("classes") + ": a class label appears twice");
        }
        return Memory.during("reading all of " + Display.path(file) + " (" + Memory.fileSize(file)
                + ") into memory for training", () -> read(data, file, target, standardize, validationFraction,
                declaredClasses, targets));
    }

    private static DataSection read(JobObject data, Path file, String target, boolean standardize,
                                    double validationFraction, List<String> declaredClasses, Targets targets) {
        try (CsvFile csv = CsvFile.open(file)) {
            int targetColumn = csv.column(target, data.pathOf("target"));
            // Every other column may be a feature: a read-ahead thread parses them while this one waits.
            csv.parseNumbersAhead(IntStream.range(0, csv.header().size()).filter(c -> c != targetColumn).toArray());
            List<CsvFile.Row> rows = new ArrayList<>();
            for (CsvFile.Row row = csv.next(); row != null; row = csv.next()) {
                rows.add(row);
            }
            if (rows.isEmpty()) {
                throw new BadInputException(file + " has a header but no data rows");
            }
            List<String> features = data.has("features") ? data.strings("features")
                    : numericColumns(csv.header(), targetColumn, rows);
            if (features.isEmpty()) {
                throw new BadInputException(data.path() + ": " + file + " has no numeric column besides the target '"
                        + target + "'");
            }
            if (features.contains(target)) {
                throw new BadInputException(data.pathOf("features") + ": the target column '" + target
                        + "' cannot also be a feature");
            }
            int[] columns = csv.columns(features, data.pathOf("features"));
            long[] lines = new long[rows.size()];
            if (targets == Targets.NUMBERS) {
                double[] y = new double[rows.size()];
                double[] x = featureMatrix(rows, columns, lines, (r, row) -> y[r] = row.number(targetColumn));
                return new DataSection(file, Dataset.withRealTargets(features, x, y, lines), standardize, validationFraction);
            }
            List<String> labels = rows.stream().map(row -> row.text(targetColumn)).toList();
            ClassLabels classes = declaredClasses.isEmpty() ? ClassLabels.found(labels) : ClassLabels.given(declaredClasses);
            int[] y = new int[rows.size()];
            double[] x = featureMatrix(rows, columns, lines, (r, row) -> {
                y[r] = classes.indexOf(labels.get(r));
                if (y[r] < 0) {
                    throw row.cellError(targetColumn, "unknown class label '" + labels.get(r) + "'; "
                            + data.pathOf("classes") + " lists: " + String.join(", ", classes.classes()));
                }
            });
            return new DataSection(file, new Dataset(features, classes.classes(), x, y, lines), standardize, validationFraction);
        }
    }

    /** Reads a row's target (after its features, so that errors come in the file's order). */
    private interface TargetReader {
        void read(int index, CsvFile.Row row);
    }

    /** The feature matrix (row-major); fills in each row's line and reads its target. */
    private static double[] featureMatrix(List<CsvFile.Row> rows, int[] columns, long[] lines, TargetReader target) {
        double[] x = new double[rows.size() * columns.length];
        for (int r = 0; r < rows.size(); r++) {
            CsvFile.Row row = rows.get(r);
            lines[r] = row.line();
            for (int c = 0; c < columns.length; c++) {
                x[r * columns.length + c] = row.number(columns[c]);
            }
            target.read(r, row);
        }
        return x;
    }

    /** Every column but the target whose cells all parse as finite numbers, in file order. */
    private static List<String> numericColumns(List<String> header, int targetColumn, List<CsvFile.Row> rows) {
        List<String> numeric = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (c != targetColumn && allNumbers(rows, c)) {
                numeric.add(header.get(c));
            }
        }
        return numeric;
    }

    private static boolean allNumbers(List<CsvFile.Row> rows, int column) {
        try {
            for (CsvFile.Row row : rows) {
                row.number(column);
            }
            return true;
        } catch (BadInputException notAFiniteNumber) {
            return false;
        }
    }
}
