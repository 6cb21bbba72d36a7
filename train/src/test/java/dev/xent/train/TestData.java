package dev.xent.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The example data sets (examples/data), read simply: they are clean CSV without quoting. */
final class TestData {
    private TestData() {
    }

    /** Every column but the last is a feature; the last is the target, whose sorted distinct values are the classes. */
    static Dataset load(String file) {
        try {
            List<String> lines = Files.readAllLines(Path.of("../examples/data", file));
            List<String> header = Arrays.asList(lines.get(0).split(","));
            int f = header.size() - 1;
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                rows.add(line.split(","));
            }
            List<String> classes = rows.stream().map(r -> r[f]).distinct().sorted().toList();
            double[] x = new double[rows.size() * f];
            int[] y = new int[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < f; c++) {
                    x[r * f + c] = Double.parseDouble(rows.get(r)[c]);
                }
                y[r] = classes.indexOf(rows.get(r)[f]);
            }
            return new Dataset(header.subList(0, f), classes, x, y);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
