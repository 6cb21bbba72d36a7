package dev.xent.core.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.junit.jupiter.api.Test;

/** The stable scalar identities at every finite input (moved here from autodiff with StableMath). */
class StableMathTest {
    private static final long SEED = 20261123L;

    @Test
    void softplusAndLogSigmoidAreFiniteForEveryFiniteInput() {
        qt().withFixedSeed(SEED).withExamples(2000)
                .forAll(doubles().any().assuming(Double::isFinite))
                .checkAssert(v -> {
                    double softplus = StableMath.softplus(v);
                    double logSigmoid = StableMath.logSigmoid(v);
                    assertTrue(Double.isFinite(softplus) && softplus >= Math.max(v, 0), "softplus(" + v + ")");
                    assertTrue(Double.isFinite(logSigmoid) && logSigmoid <= 0, "logSigmoid(" + v + ")");
                });
    }

    @Test
    void softplusAndLogSigmoidAreExactUpToTenThousand() {
        for (double v = -1e4; v <= 1e4; v += 12.5) {
            double expected = v > 30 ? v : v < -30 ? Math.exp(v) : Math.log1p(Math.exp(v));
            assertEquals(expected, StableMath.softplus(v), 1e-15 * Math.max(1e-300, expected), "softplus(" + v + ")");
            assertEquals(-StableMath.softplus(-v), StableMath.logSigmoid(v), 0.0);
        }
    }

    @Test
    void sigmoidNeverReturnsNaNAndStaysInTheUnitInterval() {
        qt().withFixedSeed(SEED).withExamples(2000)
                .forAll(doubles().any())
                .checkAssert(v -> {
                    if (Double.isNaN(v)) {
                        return;
                    }
                    double s = StableMath.sigmoid(v);
                    assertTrue(s >= 0 && s <= 1, "sigmoid(" + v + ") = " + s);
                    double gradient = s * (1 - s);
                    assertFalse(Double.isNaN(gradient));
                });
    }
}
