package dev.xent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClosestNameTest {
    private static final List<String> LOSSES = List.of("binary_cross_entropy", "categorical_cross_entropy",
            "focal", "hinge");

    @Test
    void aMisspeltNameFindsTheNearestCandidate() {
        assertEquals(Optional.of("binary_cross_entropy"), ClosestName.of("binary_crossentropy", LOSSES));
        assertEquals(Optional.of("focal"), ClosestName.of("focl", LOSSES));
        assertEquals(Optional.of("hinge"), ClosestName.of("hinge", LOSSES));
    }

    @Test
    void aNameFarFromEveryCandidateHasNoMatch() {
        assertEquals(Optional.empty(), ClosestName.of("mse", LOSSES));
        assertEquals(Optional.empty(), ClosestName.of("anything", List.of()));
    }

    @Test
    void theAllowedDistanceGrowsWithTheNameButIsAtLeastTwo() {
        assertEquals(Optional.of("ab"), ClosestName.of("xy", List.of("ab")));
        assertEquals(Optional.empty(), ClosestName.of("xyz", List.of("abc")));
        // 21 characters allow 7 edits.
        assertEquals(Optional.of("categorical_cross_entropy"), ClosestName.of("categorcal_crossentro", LOSSES));
    }

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, ClosestName.distance("loss", "loss"));
        assertEquals(3, ClosestName.distance("kitten", "sitting"));
        assertEquals(4, ClosestName.distance("", "loss"));
        assertEquals(4, ClosestName.distance("loss", ""));
    }
}
