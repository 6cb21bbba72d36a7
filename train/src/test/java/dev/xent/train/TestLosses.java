package dev.xent.train;

import dev.xent.core.Loss;
import dev.xent.core.Losses;
import java.util.Map;

/** The built-in losses on logits the tests train with, found by name as a user's application finds them. */
final class TestLosses {
    private TestLosses() {
    }

    /** binary_cross_entropy on logits. */
    static Loss binaryOnLogits() {
        return Losses.create("binary_cross_entropy", Map.of("from_logits", true));
    }

    /** categorical_cross_entropy on logits, class-index targets. */
    static Loss softmaxOnLogits() {
        return Losses.create("categorical_cross_entropy", Map.of("from_logits", true));
    }
}
