package dev.xent.example.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.LossRegistry;
import dev.xent.core.Losses;
import dev.xent.core.spi.LossProvider;
import org.junit.jupiter.api.Test;

/**
 * The same tests run twice (see the pom): on the class path, where META-INF/services finds the losses,
 * and on the module path (system property {@code xent.expectModulePath}), where only module-info's
 * {@code uses} (core) and {@code provides} (losses-binary) can. This test proves which one ran.
 */
class ModulePathTest {
    private static final boolean MODULE_PATH = Boolean.getBoolean("xent.expectModulePath");

    @Test
    void lossesComeFromTheLossesBinaryModuleOnTheModulePathAndFromItsJarOnTheClassPath() {
        assertFalse(Losses.providers().isEmpty());
        for (LossProvider provider : Losses.providers()) {
            Module module = provider.getClass().getModule();
            if (MODULE_PATH) {
                assertEquals("dev.xent.losses.binary", module.getName(), provider.name() + " is not in its named module");
                assertEquals("module dev.xent.losses.binary", LossRegistry.sourceOf(provider));
            } else {
                assertFalse(module.isNamed(), provider.name() + " should be in the unnamed module on the class path");
                assertTrue(LossRegistry.sourceOf(provider).startsWith("xent-losses-binary")
                        || LossRegistry.sourceOf(provider).equals("classes"), LossRegistry.sourceOf(provider));
            }
        }
    }

    @Test
    void thisApplicationIsANamedModuleOnlyOnTheModulePath() {
        Module self = getClass().getModule();
        assertEquals(MODULE_PATH, self.isNamed(), "module of the test: " + self);
        if (MODULE_PATH) {
            assertEquals("dev.xent.example.library", self.getName());
            assertTrue(self.getDescriptor().requires().stream().anyMatch(r -> r.name().equals("dev.xent.core")));
            assertFalse(self.canRead(Losses.providers().get(0).getClass().getModule()),
                    "the application does not read dev.xent.losses.binary: it only finds it as a service");
        }
    }
}
