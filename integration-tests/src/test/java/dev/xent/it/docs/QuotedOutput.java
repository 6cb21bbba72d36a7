package dev.xent.it.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compares a quoted output with a real one, and gives the text a regenerated block should quote.
 *
 * <p>Two things in a quoted output are not taken literally: a line that is exactly {@code ...} stands
 * for any number of lines (the quote shows the first and last lines of a long output), and a
 * duration such as {@code 0.07 s} matches any duration (timings differ between runs; the quoted
 * one is kept while the rest matches, so regenerating twice gives the same file).
 */
final class QuotedOutput {
    static final String ELISION = "...";
    private static final Pattern DURATION = Pattern.compile("\\b\\d+(\\.\\d+)? s\\b");

    private QuotedOutput() {
    }

    /** Whether {@code actual} is what {@code quoted} shows. */
    static boolean matches(List<String> quoted, List<String> actual) {
        int elision = quoted.indexOf(ELISION);
        if (elision < 0) {
            return sameLines(quoted, actual);
        }
        List<String> head = quoted.subList(0, elision);
        List<String> tail = quoted.subList(elision + 1, quoted.size());
        return actual.size() >= head.size() + tail.size()
                && sameLines(head, actual.subList(0, head.size()))
                && sameLines(tail, actual.subList(actual.size() - tail.size(), actual.size()));
    }

    /** The quote to write: the old one when it still matches, else the real output, shortened as the old one was. */
    static List<String> regenerated(List<String> quoted, List<String> actual) {
        if (matches(quoted, actual)) {
            return quoted;
        }
        int elision = quoted.indexOf(ELISION);
        int head = elision;
        int tail = quoted.size() - elision - 1;
        if (elision < 0 && quoted.size() == actual.size()) {
            return keepingQuotedDurations(quoted, actual);
        }
        if (elision < 0 || actual.size() <= head + tail) {
            return actual;
        }
        List<String> shortened = new ArrayList<>(actual.subList(0, head));
        shortened.add(ELISION);
        shortened.addAll(actual.subList(actual.size() - tail, actual.size()));
        return shortened;
    }

    /** The real lines, except that a line differing from its quote only in durations keeps the quote. */
    private static List<String> keepingQuotedDurations(List<String> quoted, List<String> actual) {
        List<String> lines = new ArrayList<>(actual);
        for (int i = 0; i < lines.size(); i++) {
            if (normalized(quoted.get(i)).equals(normalized(actual.get(i)))) {
                lines.set(i, quoted.get(i));
            }
        }
        return lines;
    }

    private static boolean sameLines(List<String> quoted, List<String> actual) {
        if (quoted.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < quoted.size(); i++) {
            if (!normalized(quoted.get(i)).equals(normalized(actual.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static String normalized(String line) {
        return DURATION.matcher(line.stripTrailing()).replaceAll("# s");
    }
}
