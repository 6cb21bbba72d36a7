package dev.xent.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Each target domain accepts its values and rejects the first other one, naming its position and what is allowed. */
class TargetDomainTest {
    private static final Tensor REALS = Tensor.of(0.5, -1, 2);
    private static final Tensor ROWS = Tensor.of(new double[][] {{0.2, 0.8}, {0.5, 0.5}});

    private static String rejection(TargetDomain domain, InputSpace space, Tensor predictions, Tensor targets) {
        return assertThrows(IllegalArgumentException.class, () -> domain.validate(space, predictions, targets)).getMessage();
    }

    @Test
    void elementDomainsNameTheFirstTargetOutsideThem() {
        assertEquals("target at index 1 is -1.0; allowed: [0, inf)",
                rejection(TargetDomain.NON_NEGATIVE, InputSpace.REAL, REALS, Tensor.of(3, -1, 0)));
        assertEquals("target at index 2 is 0.0; allowed: (0, inf)",
                rejection(TargetDomain.POSITIVE, InputSpace.REAL, REALS, Tensor.of(3, 1, 0)));
        assertEquals("target at index 0 is 0.5; allowed: 0 or 1",
                rejection(TargetDomain.BINARY_LABELS, InputSpace.ELEMENTWISE_LOGITS, REALS, Tensor.of(0.5, 1, 0)));
        assertEquals("target at index 1 is 1.5; allowed: [0, 1]",
                rejection(TargetDomain.UNIT_INTERVAL, InputSpace.REAL, REALS, Tensor.of(0, 1.5, 0)));
        assertEquals("target at index 0 is Infinity; must be finite",
                rejection(TargetDomain.REAL, InputSpace.REAL, REALS, Tensor.of(Double.POSITIVE_INFINITY, 1, 0)));
        assertDoesNotThrow(() -> TargetDomain.NON_NEGATIVE.validate(InputSpace.REAL, REALS, Tensor.of(0, 7, 0.25)));
        assertDoesNotThrow(() -> TargetDomain.POSITIVE.validate(InputSpace.REAL, REALS, Tensor.of(1e-300, 7, 0.25)));
    }

    @Test
    void predictionsAreCheckedAgainstTheInputSpaceAndShapesFirst() {
        assertEquals("prediction at index 0 is NaN; must be finite",
                rejection(TargetDomain.NON_NEGATIVE, InputSpace.REAL, Tensor.of(Double.NaN, 1, 2), Tensor.of(-1, 1, 0)));
        assertEquals("shape mismatch: predictions [3] but targets [2]",
                rejection(TargetDomain.NON_NEGATIVE, InputSpace.REAL, REALS, Tensor.of(1, 2)));
    }

    @Test
    void classDomainsTakeOnlyTheirShapeOfTargets() {
        assertDoesNotThrow(() -> TargetDomain.DISTRIBUTIONS.validate(InputSpace.CLASS_PROBABILITIES, ROWS,
                Tensor.of(new double[][] {{0, 1}, {0.25, 0.75}})));
        assertEquals("targets must be an N x C matrix of distributions (non-negative rows summing to 1) (predictions"
                        + " are [2, 2]); shape is [2]",
                rejection(TargetDomain.DISTRIBUTIONS, InputSpace.CLASS_PROBABILITIES, ROWS, Tensor.of(0, 1)));
        assertEquals("targets must be a vector of N class indices in [0, C) (predictions are [2, 2]); shape is [2, 2]",
                rejection(TargetDomain.CLASS_INDICES, InputSpace.CLASS_LOGITS, ROWS, ROWS));
        assertEquals("class index at row 1 is 2.0; allowed: an integer in [0, 2)",
                rejection(TargetDomain.CLASS_INDICES, InputSpace.CLASS_LOGITS, ROWS, Tensor.of(0, 2)));
        assertEquals("target row 0 sums to 1.5; rows must sum to 1 (within 1.0E-6)",
                rejection(TargetDomain.DISTRIBUTIONS, InputSpace.CLASS_LOGITS, ROWS,
                        Tensor.of(new double[][] {{0.5, 1}, {0.5, 0.5}})));
    }

    @Test
    void eachInputSpaceHasTheDefaultDomainItAlwaysValidated() {
        assertEquals(TargetDomain.UNIT_INTERVAL, TargetDomain.of(InputSpace.ELEMENTWISE_PROBABILITIES));
        assertEquals(TargetDomain.UNIT_INTERVAL, TargetDomain.of(InputSpace.ELEMENTWISE_LOGITS));
        assertEquals(TargetDomain.CLASS_INDICES_OR_DISTRIBUTIONS, TargetDomain.of(InputSpace.CLASS_LOGITS));
        assertEquals(TargetDomain.CLASS_INDICES_OR_DISTRIBUTIONS, TargetDomain.of(InputSpace.CLASS_PROBABILITIES));
        assertEquals(TargetDomain.REAL, TargetDomain.of(InputSpace.REAL));
        assertEquals("class_indices_or_distributions", TargetDomain.CLASS_INDICES_OR_DISTRIBUTIONS.jsonName());
    }
}
