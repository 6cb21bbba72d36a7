package dev.xent.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.spi.ParameterException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizerTest {

    /** Three steps on f(w) = sum(c w^3) + sum(w^2), c = (1, 3, -2), from w = (1, -2, 0.5), with default hyper-parameters. */
    private static double[] threeSteps(String name) {
        Optimizer optimizer = Optimizer.named(name);
        double[] w = {1.0, -2.0, 0.5};
        double[] c = {1.0, 3.0, -2.0};
        GradientStep step = optimizer.newStep(optimizer.resolve(Map.of()), w.length);
        double[] g = new double[w.length];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < w.length; i++) {
                g[i] = 3 * c[i] * w[i] * w[i] + 2 * w[i];
            }
            step.apply(w, g);
        }
        return w;
    }

    // Expected values from PyTorch 1.13 (float64), same function and start: torch.optim.SGD(lr=0.01),
    // SGD(lr=0.01, momentum=0.9), RMSprop(lr=0.001, alpha=0.9, eps=1e-8), Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-8).
    @Test
    void everyStepwiseOptimizerMatchesPyTorchWithItsDefaults() {
        assertArrayEquals(new double[] {0.86133408783125, -3.3874543830630395, 0.515615804236135},
                threeSteps("sgd"), 1e-14);
        assertArrayEquals(new double[] {0.73764643533125, -4.47354929250304, 0.529033878046135},
                threeSteps("momentum"), 1e-14);
        assertArrayEquals(new double[] {0.9926355058526474, -2.007385901992121, 0.5074406468464224},
                threeSteps("rmsprop"), 1e-14);
        assertArrayEquals(new double[] {0.9970001541051281, -2.0030001009153953, 0.5030007316973676},
                threeSteps("adam"), 1e-14);
    }

    @Test
    void defaultsAreFilledIn() {
        Map<String, Object> adam = Optimizer.ADAM.resolve(Map.of("learning_rate", 0.1)).asMap();
        assertEquals(Map.of("learning_rate", 0.1, "beta1", 0.9, "beta2", 0.999, "epsilon", 1e-8), adam);
        assertEquals(Map.of("tolerance", 1e-10), Optimizer.CONJUGATE_GRADIENT.resolve(Map.of()).asMap());
    }

    @Test
    void anUnknownOptimizerNamesTheClosestOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizer.named("adma"));
        assertEquals("unknown optimizer 'adma'; did you mean 'adam'? (allowed: sgd, momentum, rmsprop, adam, "
                + "conjugate_gradient)", e.getMessage());
    }

    @Test
    void hyperParametersAreCheckedByNameTypeAndRange() {
        ParameterException unknown = assertThrows(ParameterException.class,
                () -> Optimizer.SGD.resolve(Map.of("beta1", 0.9)));
        assertTrue(unknown.getMessage().startsWith("optimizer sgd: unknown parameter 'beta1'"), unknown.getMessage());
        ParameterException range = assertThrows(ParameterException.class,
                () -> Optimizer.ADAM.resolve(Map.of("learning_rate", -1)));
        assertTrue(range.getMessage().contains("'learning_rate' = -1 is out of range"), range.getMessage());
        assertThrows(ParameterException.class, () -> Optimizer.MOMENTUM.resolve(Map.of("momentum", 1.0)));
        assertThrows(ParameterException.class, () -> Optimizer.RMSPROP.resolve(Map.of("decay", "high")));
    }
}
