package dev.xent.it.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The marked examples of one Markdown file. A marker is an HTML comment on its own line, which
 * renderers do not show:
 *
 * <ul>
 *   <li>{@code <!-- doc-check: java -->} (optionally {@code classpath=core,autodiff,losses-binary}): the next
 *       fenced block is a Java snippet, run; the fenced block after it quotes what it prints (lines
 *       starting with {@code $ } there are shown to readers and not compared);
 *   <li>{@code <!-- doc-check: shell -->}: the next fenced block holds commands ({@code $ ...} lines,
 *       run from the project root in one bash, {@code ./xent} being the packaged jar) each followed by
 *       what it prints on stdout and stderr.
 * </ul>
 */
final class MarkedExamples {
    private static final Pattern MARKER = Pattern.compile("^<!-- doc-check: (java|shell)((?: [a-z]+=\\S+)*) -->$");
    private static final String FENCE = "```";

    /** A fenced block: the line numbers (from 0) of its opening and closing fence. */
    record Fence(int open, int close) {
        List<String> content(List<String> lines) {
            return lines.subList(open + 1, close);
        }
    }

    /** One marked example: its kind, attributes, the block that is run and the block that quotes the output. */
    record Example(String kind, Map<String, String> attributes, int markerLine, Fence subject, Fence output) {
    }

    private MarkedExamples() {
    }

    static List<Example> find(List<String> lines) {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i).strip());
            if (!marker.matches()) {
                continue;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String pair : marker.group(2).strip().split(" ")) {
                if (!pair.isEmpty()) {
                    attributes.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            Fence subject = fenceAfter(lines, i);
            Fence output = marker.group(1).equals("java") ? fenceAfter(lines, subject.close()) : subject;
            examples.add(new Example(marker.group(1), attributes, i, subject, output));
        }
        return examples;
    }

    private static Fence fenceAfter(List<String> lines, int line) {
        int open = line + 1;
        while (open < lines.size() && !lines.get(open).startsWith(FENCE)) {
            open++;
        }
        int close = open + 1;
        while (close < lines.size() && !lines.get(close).equals(FENCE)) {
            close++;
        }
        if (close >= lines.size()) {
            throw new IllegalStateException("doc-check marker at line " + (line + 1) + " has no fenced block after it");
        }
        return new Fence(open, close);
    }

    /** A command of a shell block and the lines quoted after it (blank lines before the next command excluded). */
    record Command(String command, List<String> quoted, int blankLinesAfter) {
    }

    /** The commands of a shell block, in order. */
    static List<Command> commands(List<String> block) {
        List<Command> commands = new ArrayList<>();
        int i = 0;
        while (i < block.size()) {
            if (!block.get(i).startsWith("$ ")) {
                throw new IllegalStateException("a shell block must start with a '$ ' command line: " + block.get(i));
            }
            String command = block.get(i).substring(2);
            int end = i + 1;
            while (end < block.size() && !block.get(end).startsWith("$ ")) {
                end++;
            }
            int blank = 0;
            while (end - blank > i + 1 && block.get(end - blank - 1).isBlank()) {
                blank++;
            }
            commands.add(new Command(command, List.copyOf(block.subList(i + 1, end - blank)), blank));
            i = end;
        }
        return commands;
    }

    /** The lines of a java example's output block that quote output (not the {@code $ } command lines shown). */
    static List<String> quotedOutput(List<String> block) {
        return block.stream().filter(line -> !line.startsWith("$ ")).toList();
    }

    /** The output block with its quoted lines replaced, keeping the command lines at the top. */
    static List<String> withOutput(List<String> block, List<String> output) {
        List<String> lines = new ArrayList<>(block.stream().filter(line -> line.startsWith("$ ")).toList());
        lines.addAll(output);
        return lines;
    }
}
