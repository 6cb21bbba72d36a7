package dev.xent.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NumberRangeTest {

    @Test
    void rangesPrintAsMathematicalIntervals() {
        assertEquals("[0, 0.5)", NumberRange.closedOpen(0, 0.5).toString());
        assertEquals("[-1, 1]", NumberRange.closed(-1, 1).toString());
        assertEquals("(0, inf)", NumberRange.positive().toString());
        assertEquals("[2, inf)", NumberRange.atLeast(2).toString());
        assertEquals("(-inf, inf)", NumberRange.ANY.toString());
        assertEquals("[1.0E-12, 1.0E20]", NumberRange.closed(1e-12, 1e20).toString());
    }

    @Test
    void boundsAreInsideOnlyWhenInclusive() {
        NumberRange range = NumberRange.closedOpen(0, 0.5);
        assertTrue(range.contains(0));
        assertTrue(range.contains(0.4999));
        assertFalse(range.contains(0.5));
        assertFalse(range.contains(-1e-300));
        assertFalse(NumberRange.positive().contains(0));
    }

    @Test
    void nanAndInfinitiesAreOutsideEveryDefaultRange() {
        for (NumberRange range : List.of(NumberRange.ANY, NumberRange.positive(), NumberRange.atLeast(0))) {
            assertFalse(range.contains(Double.NaN), range.toString());
            assertFalse(range.contains(Double.POSITIVE_INFINITY), range.toString());
        }
        assertFalse(NumberRange.ANY.contains(Double.NEGATIVE_INFINITY));
        assertTrue(NumberRange.ANY.contains(-Double.MAX_VALUE));
    }

    @Test
    void parametersDescribeWhatTheyAllow() {
        assertEquals("true | false", Parameter.bool("b", true, "").allowed());
        assertEquals("mean | sum | none", Parameter.reduction().allowed());
        assertEquals("[0, 0.5)", Parameter.number("n", 0.0, NumberRange.closedOpen(0, 0.5), "").allowed());
        assertEquals("any", Parameter.integer("i", null, null, "").allowed());
        assertEquals("numbers in [0, inf)", Parameter.numberList("l", null, NumberRange.atLeast(0), "").allowed());
        assertEquals("numbers in (-inf, inf)", Parameter.numberList("l", null, null, "").allowed());
    }
}
