package dev.xent.cli.train;

import dev.xent.cli.io.DecimalText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The classes of a target column and the index of each label. Given classes keep their order (the
 * second of two is the positive class of a binary target). Otherwise the classes are the distinct
 * labels, sorted: numerically when every label is a number (so {@code 0, 1, ..., 10}; labels equal as
 * numbers, such as {@code 1} and {@code 1.0}, are one class), else as text.
 */
public final class ClassLabels {
    private final List<String> classes;
    private final boolean numeric;

    private ClassLabels(List<String> classes, boolean numeric) {
        this.classes = List.copyOf(classes);
        this.numeric = numeric;
    }

    /** The classes found in {@code labels}, sorted as the class comment says. */
    public static ClassLabels found(List<String> labels) {
        boolean numeric = !labels.isEmpty() && labels.stream().allMatch(ClassLabels::isNumber);
        if (numeric) {
            TreeSet<Double> values = new TreeSet<>();
            labels.forEach(label -> values.add(DecimalText.parse(label)));
            List<String> classes = new ArrayList<>();
            values.forEach(v -> classes.add(canonical(v)));
            return new ClassLabels(classes, true);
        }
        TreeSet<String> distinct = new TreeSet<>(Comparator.naturalOrder());
        distinct.addAll(labels);
        return new ClassLabels(new ArrayList<>(distinct), false);
    }

    /** The given classes, in order; labels must match one of them exactly. */
    public static ClassLabels given(List<String> classes) {
        return new ClassLabels(classes, false);
    }

    public List<String> classes() {
        return classes;
    }

    /** The index of a label, or -1 when it is not a class. */
    public int indexOf(String label) {
        if (numeric && isNumber(label)) {
            return classes.indexOf(canonical(DecimalText.parse(label)));
        }
        return classes.indexOf(label);
    }

    private static boolean isNumber(String text) {
        try {
            return Double.isFinite(DecimalText.parse(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A whole number without a fraction ({@code 1}), else Java's shortest form ({@code 0.5}). */
    private static String canonical(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
