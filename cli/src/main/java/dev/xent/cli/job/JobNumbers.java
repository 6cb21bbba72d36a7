package dev.xent.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.BadInputException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Makes every number of a job either exact or an error. A job is read with numbers that have a point
 * or an exponent as {@link BigDecimal} (the text's exact value) and integers of any size as
 * integers; this turns each decimal into the nearest double, and refuses a decimal that is not zero
 * but rounds to zero or to infinity, naming its JSON path. Integers stay exact: those beyond 64 bits
 * reach the parameter checks whole ({@link java.math.BigInteger}), which refuse them as out of range
 * where a 32- or 64-bit integer is needed, and round them like any other number where a real number
 * is. Nothing is truncated.
 */
final class JobNumbers {
    private JobNumbers() {
    }

    /**
     * Replaces the decimals under {@code node} (JSON path {@code path}) by doubles.
     *
     * @throws BadInputException naming the path of a decimal out of the double range
     */
    static void toDoubles(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(exact(field.getValue(), path + "." + field.getKey()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, exact(array.get(i), path + "[" + i + "]"));
            }
        }
    }

    /** {@code node} with its decimals as doubles (itself, changed in place, unless it is a decimal). */
    private static JsonNode exact(JsonNode node, String path) {
        if (node.isBigDecimal()) {
            return toDouble(node.decimalValue(), path);
        }
        if (node.isBigInteger() && Double.isInfinite(node.doubleValue())) {
            throw beyondRange(node.bigIntegerValue().toString(), path);
        }
        toDoubles(node, path);
        return node;
    }

    /** The double nearest to {@code exact}. */
    private static DoubleNode toDouble(BigDecimal exact, String path) {
        double value = exact.doubleValue();
        if (Double.isInfinite(value)) {
            throw beyondRange(exact.toString(), path);
        }
        if (value == 0 && exact.signum() != 0) {
            throw new BadInputException(path + ": " + exact + " is too small for a number in double precision (it would"
                    + " be 0; the smallest is 4.9E-324)");
        }
        return DoubleNode.valueOf(value);
    }

    private static BadInputException beyondRange(String number, String path) {
        return new BadInputException(path + ": " + number + " is beyond the range of numbers (double precision,"
                + " magnitude at most 1.7976931348623157E308)");
    }
}
