package dev.xent.cli.data;

import dev.xent.cli.BadInputException;
import dev.xent.cli.io.CsvFile;
import dev.xent.cli.job.JobObject;
import dev.xent.core.Loss;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The {@code data} section of jobs over a CSV of predictions: {@code path}, {@code prediction} (one
 * column or a list), {@code target} (one column or a list), optional {@code weight} and
 * {@code classes} (string labels of a single target column, mapped to their index in the list).
 *
 * <p>Shapes given to the loss: one prediction column and an element-wise loss give a vector of N
 * values; otherwise an N x K matrix. One target column gives a vector (0/1 targets or class
 * indices); several give an N x K matrix (multi-label targets or class distributions).
 *
 * @param file       the CSV file (resolved against the job's folder)
 * @param prediction the prediction columns
 * @param target     the target columns
 * @param weight     the sample weight column, if any
 * @param classes    the class labels, empty when targets are numbers
 * @param section    the JSON section they were read from, for errors
 */
public record PredictionData(Path file, List<String> prediction, List<String> target, Optional<String> weight,
                             List<String> classes, JobObject section) {

    public PredictionData {
        prediction = List.copyOf(prediction);
        target = List.copyOf(target);
        classes = List.copyOf(classes);
    }

    /**
     * Reads the keys above from {@code section}; the caller checks for unknown keys first (it may
     * allow more, e.g. {@code id}).
     */
    public static PredictionData read(JobObject section) {
        Path file = section.inputFile("path");
        List<String> prediction = section.strings("prediction");
        List<String> target = section.strings("target");
        Optional<String> weight = section.optionalString("weight");
        List<String> classes = section.optionalStrings("classes");
        if (!classes.isEmpty() && target.size() != 1) {
            throw new BadInputException(section.pathOf("classes") + ": class labels need a single target column; "
                    + section.pathOf("target") + " names " + target.size());
        }
        if (new HashSet<>(classes).size() != classes.size()) {
            throw new BadInputException(section.pathOf("classes") + ": a class label appears twice");
        }
        return new PredictionData(file, prediction, target, weight, classes, section);
    }

    /** Opens the file, checks that every named column exists, and reads blocks of rows for {@code loss}. */
    public BlockReader open(Loss loss) {
        CsvFile csv = CsvFile.open(file);
        try {
            int[] predictionColumns = csv.columns(prediction, section.pathOf("prediction"));
            int[] targetColumns = csv.columns(target, section.pathOf("target"));
            int weightColumn = weight.map(w -> csv.column(w, section.pathOf("weight"))).orElse(-1);
            boolean predictionMatrix = prediction.size() > 1 || loss.inputSpace().isClassWise();
            return new BlockReader(csv, () -> CsvFile.open(file), loss, predictionColumns, targetColumns, weightColumn,
                    predictionMatrix, classes);
        } catch (RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    /** The names of the prediction columns, e.g. for the gradient file's {@code d_<column>} header. */
    public List<String> gradientHeader() {
        List<String> header = new ArrayList<>();
        prediction.forEach(column -> header.add("d_" + column));
        return header;
    }
}
