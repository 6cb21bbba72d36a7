package org.example.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.TargetDomain;
import dev.xent.core.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reference values of the Poisson NLL and the KL divergence (mpmath, 40 digits), and their target domains. */
class PoissonAndKlDivergenceTest {
    private final Loss poisson = Losses.create("poisson", Map.of("reduction", "none"));
    private final Loss kl = Losses.create("kl_divergence", Map.of("reduction", "none"));

    @Test
    void poissonIsExpOfTheLogRateMinusCountTimesLogRateAndMayBeNegative() {
        Tensor logRates = Tensor.of(0, Math.log(2));
        Tensor counts = Tensor.of(1, 3);
        // 2 - 3 log 2 = -0.07944154167983592825...
        assertArrayEquals(new double[] {1, -0.07944154167983593}, poisson.perSample(logRates, counts).toArray(), 1e-15);
        assertArrayEquals(new double[] {0, -1}, poisson.gradient(logRates, counts).toArray(), 1e-15);
        assertEquals(TargetDomain.NON_NEGATIVE, poisson.targetDomain());
    }

    @Test
    void poissonRejectsANegativeCountNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> poisson.perSample(Tensor.of(0, 1), Tensor.of(2, -1)));
        assertEquals("target at index 1 is -1.0; allowed: [0, inf)", e.getMessage());
    }

    @Test
    void klDivergenceTreatsZeroTargetEntriesAsZeroTerms() {
        Tensor p = Tensor.of(new double[][] {{0.5, 0.5, 0}, {0.2, 0.3, 0.5}});
        Tensor q = Tensor.of(new double[][] {{1, 0, 0}, {0, 0.4, 0.6}});
        // log 2; 0.4 log(4/3) + 0.6 log(6/5) = 0.22446576305708516384...
        assertArrayEquals(new double[] {Math.log(2), 0.22446576305708516}, kl.perSample(p, q).toArray(), 1e-15);
        // -q / p, and 0 where q = 0 even where p = 0
        assertArrayEquals(new double[] {-2, 0, 0, 0, -0.4 / 0.3, -1.2}, kl.gradient(p, q).toArray(), 1e-15);
    }

    @Test
    void klDivergenceTakesOnlyDistributionsAsTargets() {
        Tensor p = Tensor.of(new double[][] {{0.5, 0.5}});
        var e = assertThrows(IllegalArgumentException.class, () -> kl.perSample(p, Tensor.of(1)));
        assertTrue(e.getMessage().startsWith("targets must be an N x C matrix of distributions"), e.getMessage());
    }
}
