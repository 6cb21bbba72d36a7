package org.example.brier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xent.core.LossRegistry;
import dev.xent.core.Losses;
import org.junit.jupiter.api.Test;

/**
 * The tests run twice (see the pom). On the module path (system property {@code xent.expectModulePath})
 * the loss must come from the named module org.example.brier, which only its {@code provides} line can
 * register; on the class path, from META-INF/services.
 */
class RegistrationTest {

    @Test
    void brierScoreIsRegisteredForTheClassPathAndTheModulePath() {
        var provider = Losses.registry().provider("brier_score");
        boolean modulePath = Boolean.getBoolean("xent.expectModulePath");
        assertEquals(modulePath, provider.getClass().getModule().isNamed(), LossRegistry.sourceOf(provider));
        if (modulePath) {
            assertEquals("module org.example.brier", LossRegistry.sourceOf(provider));
        }
    }
}
