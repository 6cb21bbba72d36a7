package dev.xent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReductionTest {

    @Test
    void jsonNamesAreLowerCaseAndParseBack() {
        for (Reduction r : Reduction.values()) {
            assertEquals(r, Reduction.fromJsonName(r.jsonName()));
        }
        assertEquals("mean", Reduction.MEAN.jsonName());
        assertEquals(Reduction.NONE, Reduction.fromJsonName("none"));
    }

    @Test
    void anUnknownOrUpperCaseNameListsTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reduction.fromJsonName("MEAN"));
        assertEquals("unknown reduction 'MEAN'; allowed: mean, sum, none", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Reduction.fromJsonName(null));
    }
}
