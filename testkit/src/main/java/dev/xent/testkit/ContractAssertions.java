package dev.xent.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.autodiff.GradientCheck;
import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The contract's assertions, each failing with a message that names the loss, parameter or value at fault. */
final class ContractAssertions {
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    private ContractAssertions() {
    }

    static void assertClose(Tensor expected, Tensor actual, double tolerance, String what) {
        GradientCheck.Report report = GradientCheck.compare(expected, actual);
        assertTrue(report.within(tolerance), () -> what + ": relative difference " + report.maxRelativeError()
                + " > " + tolerance + "\n  expected " + expected + "\n  actual   " + actual);
    }

    static void assertRejected(LossProvider provider, Parameter parameter, Object value) {
        Map<String, Object> given = new HashMap<>();
        given.put(parameter.name(), value);
        ParameterException e = assertThrows(ParameterException.class, () -> provider.create(given),
                "parameter '" + parameter.name() + "' (" + parameter.type().jsonName() + ", allowed: "
                        + parameter.allowed() + ") accepted " + value + " (" + value.getClass().getSimpleName() + ")");
        assertEquals(parameter.name(), e.parameter(), "the exception names the parameter");
        assertTrue(e.getMessage().contains(parameter.name()), "the message names the parameter: " + e.getMessage());
    }

    static String describe(Loss loss) {
        return loss.name() + loss.parameters();
    }

    static void assertSnakeCase(String what, String name) {
        assertNotNull(name, what + " is null");
        assertTrue(SNAKE_CASE.matcher(name).matches(), what + " '" + name + "' is not snake_case");
    }

    static void assertNotBlank(String what, String text) {
        assertTrue(text != null && !text.isBlank(), what + " is blank");
    }
}
