package dev.xent.xgboost;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The UCI data sets of {@code examples/data} (CC BY 4.0; attribution in examples/data/README.md:
 * Breast Cancer Wisconsin (Diagnostic), Wolberg, Street, Mangasarian 1995; Iris, Fisher 1936) as
 * training and held-out DMatrix pairs, split by a seeded shuffle.
 */
final class TestData {
    private static final Path DATA = Path.of("..", "examples", "data");

    /** Training and held-out rows, with their labels (class indices for a text target). */
    record Split(DMatrix train, DMatrix test, float[] trainLabels, float[] testLabels) {
    }

    private TestData() {
    }

    static Split breastCancer() {
        return split("breast_cancer.csv", "malignant", 0.3, 0);
    }

    static Split iris() {
        return split("iris.csv", "species", 0.3, 0);
    }

    private static Split split(String file, String target, double heldOut, long seed) {
        List<CSVRecord> records;
        List<String> header;
        try (Reader reader = Files.newBufferedReader(DATA.resolve(file))) {
            var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader);
            header = parser.getHeaderNames();
            records = parser.getRecords();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DATA.resolve(file), e);
        }
        int targetColumn = header.indexOf(target);
        int features = header.size() - 1;
        List<String> classes = records.stream().map(r -> r.get(targetColumn)).distinct().sorted().toList();
        Integer[] order = new Integer[records.size()];
        Arrays.setAll(order, i -> i);
        List<Integer> shuffled = new ArrayList<>(Arrays.asList(order));
        java.util.Collections.shuffle(shuffled, new Random(seed));
        int testRows = (int) Math.round(heldOut * records.size());
        try {
            return new Split(matrix(records, shuffled.subList(testRows, records.size()), targetColumn, features, classes),
                    matrix(records, shuffled.subList(0, testRows), targetColumn, features, classes),
                    labels(records, shuffled.subList(testRows, records.size()), targetColumn, classes),
                    labels(records, shuffled.subList(0, testRows), targetColumn, classes));
        } catch (XGBoostError e) {
            throw new IllegalStateException(e);
        }
    }

    private static DMatrix matrix(List<CSVRecord> records, List<Integer> rows, int targetColumn, int features,
                                  List<String> classes) throws XGBoostError {
        float[] x = new float[rows.size() * features];
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord record = records.get(rows.get(i));
            for (int c = 0, j = 0; c < record.size(); c++) {
                if (c != targetColumn) {
                    x[i * features + j++] = Float.parseFloat(record.get(c));
                }
            }
        }
        DMatrix matrix = new DMatrix(x, rows.size(), features, Float.NaN);
        matrix.setLabel(labels(records, rows, targetColumn, classes));
        return matrix;
    }

    private static float[] labels(List<CSVRecord> records, List<Integer> rows, int targetColumn, List<String> classes) {
        float[] y = new float[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = classes.indexOf(records.get(rows.get(i)).get(targetColumn));
        }
        return y;
    }
}
