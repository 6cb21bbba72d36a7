package org.example.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xent.core.LossRegistry;
import dev.xent.core.Losses;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tests run twice (see the pom). On the module path (system property {@code xent.expectModulePath})
 * the loss must come from the named module org.example.losses, which only its {@code provides} line can
 * register; on the class path, from META-INF/services.
 */
class RegistrationTest {

    @Test
    void theLossesAreRegisteredForTheClassPathAndTheModulePath() {
        boolean modulePath = Boolean.getBoolean("xent.expectModulePath");
        for (String name : List.of("brier_score", "poisson_nll", "kl_divergence")) {
            var provider = Losses.registry().provider(name);
            assertEquals(modulePath, provider.getClass().getModule().isNamed(), LossRegistry.sourceOf(provider));
            if (modulePath) {
                assertEquals("module org.example.losses", LossRegistry.sourceOf(provider));
            }
        }
    }
}
