package dev.xent.core.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Reduction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterValuesTest {
    private static final List<Parameter> SPECS = List.of(
            Parameter.bool("from_logits", false, "predictions are logits"),
            Parameter.number("label_smoothing", 0.0, NumberRange.closedOpen(0, 0.5), "smoothing of the targets"),
            Parameter.integer("ignore_index", null, NumberRange.ANY, "a class index whose rows are ignored"),
            Parameter.numberList("class_weights", null, NumberRange.atLeast(0), "one weight per class"),
            Parameter.number("epsilon", null, null, "any finite number"),
            Parameter.numberList("offsets", null, null, "any finite numbers"),
            Parameter.reduction());

    private static ParameterValues resolve(Map<String, ?> given) {
        return ParameterValues.resolve("test_loss", SPECS, given);
    }

    /** The message of the {@link ParameterException} that {@code given} causes, after checking its parameter. */
    private static String error(String parameter, Map<String, ?> given) {
        ParameterException e = assertThrows(ParameterException.class, () -> resolve(given));
        assertEquals(parameter, e.parameter());
        return e.getMessage();
    }

    /** A map that, unlike {@link Map#of}, may hold null (as a JSON {@code null} does). */
    private static Map<String, Object> withNull(String name) {
        Map<String, Object> map = new HashMap<>();
        map.put(name, null);
        return map;
    }

    @Test
    void missingParametersTakeTheirDefaults() {
        ParameterValues values = resolve(Map.of());
        assertFalse(values.bool("from_logits"));
        assertEquals(0.0, values.number("label_smoothing"));
        assertFalse(values.isSet("ignore_index"));
        assertNull(values.optionalInteger("ignore_index"));
        assertNull(values.numbers("class_weights"));
        assertNull(values.optionalNumber("epsilon"));
        assertEquals(Reduction.MEAN, values.reduction());
    }

    @Test
    void asMapFollowsTheDeclarationOrderWhateverOrderTheyWereGivenIn() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("reduction", "sum");
        given.put("class_weights", List.of(1, 2.5));
        given.put("from_logits", true);
        Map<String, Object> resolved = resolve(given).asMap();
        assertEquals(List.of("from_logits", "label_smoothing", "ignore_index", "class_weights", "epsilon", "offsets",
                "reduction"), List.copyOf(resolved.keySet()));
        assertEquals(Arrays.asList(true, 0.0, null, List.of(1.0, 2.5), null, null, "sum"),
                new ArrayList<>(resolved.values()));
        assertThrows(UnsupportedOperationException.class, () -> resolved.put("from_logits", false));
    }

    @Test
    void valuesAreNormalisedToOneJavaTypePerParameterType() {
        ParameterValues values = resolve(Map.of("label_smoothing", new BigDecimal("0.25"), "ignore_index", 3L,
                "class_weights", new double[] {1, 2}, "epsilon", 2));
        assertEquals(0.25, values.asMap().get("label_smoothing"));
        assertEquals(3, values.asMap().get("ignore_index"));
        assertEquals(2.0, values.asMap().get("epsilon"));
        assertEquals(List.of(1.0, 2.0), values.asMap().get("class_weights"));
        assertArrayEquals(new double[] {1, 2}, values.numbers("class_weights"));
        assertEquals(3, values.integer("ignore_index"));
    }

    @Test
    void aWholeNumberWrittenAsARealIsAcceptedForAnInteger() {
        assertEquals(-100, resolve(Map.of("ignore_index", -100.0)).integer("ignore_index"));
    }

    @Test
    void nullMeansNoneForAParameterWhoseDefaultIsNone() {
        ParameterValues values = resolve(withNull("ignore_index"));
        assertFalse(values.isSet("ignore_index"));
        assertTrue(values.asMap().containsKey("ignore_index"));
    }

    @Test
    void nullIsRejectedForAParameterThatCannotBeNone() {
        assertEquals("test_loss: parameter 'from_logits' = null is not allowed; expected boolean (true | false)",
                error("from_logits", withNull("from_logits")));
        assertEquals("test_loss: parameter 'reduction' = null is not allowed; expected string (mean | sum | none)",
                error("reduction", withNull("reduction")));
    }

    @Test
    void anUnknownParameterSuggestsTheClosestNameAndListsTheAcceptedOnes() {
        assertEquals("test_loss: unknown parameter 'label_smothing'; did you mean 'label_smoothing'? (accepted: "
                        + "from_logits, label_smoothing, ignore_index, class_weights, epsilon, offsets, reduction)",
                error("label_smothing", Map.of("label_smothing", 0.1)));
    }

    @Test
    void anUnknownParameterFarFromEveryNameGetsNoSuggestion() {
        String message = error("temperature", Map.of("temperature", 2));
        assertTrue(message.startsWith("test_loss: unknown parameter 'temperature' (accepted: "), message);
    }

    @Test
    void aLossWithoutParametersSaysItAcceptsNone() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> ParameterValues.resolve("plain", List.of(), Map.of("reduction", "sum")));
        assertEquals("plain: unknown parameter 'reduction' (accepted: none)", e.getMessage());
    }

    @Test
    void aStringForANumberIsTheWrongType() {
        assertEquals("test_loss: parameter 'label_smoothing' = \"0.1\" (a string) has the wrong type; expected number",
                error("label_smoothing", Map.of("label_smoothing", "0.1")));
    }

    @Test
    void aNumberForABooleanIsTheWrongType() {
        assertEquals("test_loss: parameter 'from_logits' = 1 (a number) has the wrong type; expected boolean",
                error("from_logits", Map.of("from_logits", 1)));
    }

    @Test
    void aNonListForAListIsTheWrongType() {
        assertEquals("test_loss: parameter 'class_weights' = 1.0 (a number) has the wrong type; expected list of numbers",
                error("class_weights", Map.of("class_weights", 1.0)));
        assertEquals("test_loss: parameter 'class_weights' = {a=1} (an object) has the wrong type; expected list of numbers",
                error("class_weights", Map.of("class_weights", Map.of("a", 1))));
    }

    @Test
    void aNonNumberInsideAListNamesTheElement() {
        assertEquals("test_loss: parameter 'class_weights' element 1 is \"2\" (a string); expected a number",
                error("class_weights", Map.of("class_weights", List.of(1, "2"))));
    }

    @Test
    void aNonIntegralNumberForAnIntegerIsRejected() {
        assertEquals("test_loss: parameter 'ignore_index' = 1.5 must be a whole number",
                error("ignore_index", Map.of("ignore_index", 1.5)));
    }

    @Test
    void aWholeNumberBeyond32BitsForAnIntegerIsOutOfRangeNotTruncated() {
        assertEquals("test_loss: parameter 'ignore_index' = 1.0E10 is out of range; allowed: 32-bit whole numbers,"
                + " [-2147483648, 2147483647]", error("ignore_index", Map.of("ignore_index", 1e10)));
        assertEquals("test_loss: parameter 'ignore_index' = 18446744073709551617 is out of range; allowed: 32-bit whole"
                + " numbers, [-2147483648, 2147483647]",
                error("ignore_index", Map.of("ignore_index", new java.math.BigInteger("18446744073709551617"))));
    }

    @Test
    void aNumberOutOfRangeShowsTheRangeAsAnInterval() {
        assertEquals("test_loss: parameter 'label_smoothing' = 0.5 is out of range; allowed: [0, 0.5)",
                error("label_smoothing", Map.of("label_smoothing", 0.5)));
        assertEquals("test_loss: parameter 'label_smoothing' = -0.1 is out of range; allowed: [0, 0.5)",
                error("label_smoothing", Map.of("label_smoothing", -0.1)));
    }

    @Test
    void nanAndInfinityAreOutOfEveryRangeIncludingNone() {
        assertTrue(error("label_smoothing", Map.of("label_smoothing", Double.NaN)).contains("out of range"));
        assertEquals("test_loss: parameter 'epsilon' = Infinity is out of range; allowed: (-inf, inf)",
                error("epsilon", Map.of("epsilon", Double.POSITIVE_INFINITY)));
    }

    @Test
    void aListElementOutOfRangeNamesTheElementAndTheRange() {
        assertEquals("test_loss: parameter 'class_weights' element 1 = -1 is out of range; allowed: [0, inf)",
                error("class_weights", Map.of("class_weights", List.of(2, -1))));
    }

    @Test
    void aListWithoutARangeStillRejectsNaNAndInfinity() {
        assertEquals("test_loss: parameter 'offsets' element 0 = NaN is out of range; allowed: (-inf, inf)",
                error("offsets", Map.of("offsets", List.of(Double.NaN))));
        assertEquals(List.of(-3.0), resolve(Map.of("offsets", List.of(-3))).asMap().get("offsets"));
    }

    @Test
    void aChoiceOutsideItsSetListsTheAllowedStrings() {
        assertEquals("test_loss: parameter 'reduction' = \"avg\" is not allowed; allowed: mean | sum | none",
                error("reduction", Map.of("reduction", "avg")));
        assertEquals("test_loss: parameter 'reduction' = true (a boolean) has the wrong type; expected string "
                + "(mean | sum | none)", error("reduction", Map.of("reduction", true)));
    }

    @Test
    void askingForAnUndeclaredParameterIsAProgrammingError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resolve(Map.of()).bool("logits"));
        assertTrue(e.getMessage().startsWith("no parameter 'logits' was declared"), e.getMessage());
    }
}
