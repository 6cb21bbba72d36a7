package dev.xent.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Node;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * docs/autodiff.md's table of every op stays true: each op of {@link Node} has a row, and the file and
 * the finite-difference tests each row names exist.
 */
class OpTableTest {
    private static final Path DOC = Path.of("../docs/autodiff.md");
    private static final Path SOURCES = Path.of("src/main/java/dev/xent/autodiff");
    /** Node's methods that are not ops. */
    private static final Set<String> NOT_OPS = Set.of("value", "gradient", "shape", "requiresGradient", "backward", "constant");
    private static final Pattern TEST_NAME = Pattern.compile("`(\\w+Test)\\.(\\w+)(\\[[^]]*])?`");

    @Test
    void everyOpOfNodeHasARowNamingAnExistingFileAndExistingFiniteDifferenceTests() throws IOException {
        List<String[]> rows = opRows();
        for (Method m : Node.class.getMethods()) {
            if (m.getDeclaringClass() != Node.class || Modifier.isStatic(m.getModifiers()) || NOT_OPS.contains(m.getName())) {
                continue;
            }
            String op = "`" + m.getName() + "(";
            assertTrue(rows.stream().anyMatch(r -> r[0].contains(op)), "docs/autodiff.md has no row for " + m.getName());
        }
        for (String[] row : rows) {
            String file = row[3].replace("`", "").trim();
            assertTrue(Files.isRegularFile(SOURCES.resolve(file + ".java")), row[0].trim() + ": no file " + file + ".java");
            Matcher test = TEST_NAME.matcher(row[4]);
            boolean named = false;
            while (test.find()) {
                named = true;
                assertTrue(hasTestMethod(test.group(1), test.group(2)), row[0].trim() + ": no test " + test.group(1) + "." + test.group(2));
            }
            assertTrue(named, row[0].trim() + " names no test");
        }
    }

    /** The cells of each row of the op table (op, forward, derivative, file, test). */
    private static List<String[]> opRows() throws IOException {
        String doc = Files.readString(DOC);
        String table = doc.substring(doc.indexOf("## Every op"));
        List<String[]> rows = new ArrayList<>();
        for (String line : table.split("\n")) {
            if (line.startsWith("| `")) {
                // The table writes |x| as abs(x): every '|' is a cell border.
                String[] cells = line.substring(1, line.length() - 1).split("\\|");
                assertTrue(cells.length == 5, "a row of the op table has " + cells.length + " cells: " + line);
                rows.add(cells);
            } else if (!rows.isEmpty() && !line.startsWith("|")) {
                break;
            }
        }
        assertTrue(rows.size() > 30, "the op table has only " + rows.size() + " rows");
        return rows;
    }

    private static boolean hasTestMethod(String className, String method) {
        try {
            return Arrays.stream(Class.forName("dev.xent.autodiff." + className).getDeclaredMethods())
                    .anyMatch(m -> m.getName().equals(method)
                            && (m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(ParameterizedTest.class)));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
