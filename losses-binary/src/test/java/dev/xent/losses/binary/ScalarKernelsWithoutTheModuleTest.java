package dev.xent.losses.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.VectorSupport;
import dev.xent.testkit.VectorSwitch;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs in surefire's execution without {@code jdk.incubator.vector} (see the pom): the scalar kernels
 * run whatever the switch says, without error. That no vector class is even loaded is checked at the
 * process level ({@code ShadedJarWithoutTheVectorModuleIT} in integration-tests, with
 * {@code -Xlog:class+load}).
 */
class ScalarKernelsWithoutTheModuleTest {

    @Test
    void withoutTheModuleEveryLossRunsTheScalarKernelsEvenWithTheSwitchOn() {
        assumeFalse(VectorSupport.modulePresent(), "jdk.incubator.vector is in the boot layer");
        for (String name : new String[] {"binary_cross_entropy", "binary_focal_cross_entropy"}) {
            for (boolean logits : new boolean[] {true, false}) {
                Map<String, Object> parameters = Map.of("from_logits", logits);
                ElementwiseLoss byDefault = (ElementwiseLoss) Losses.create(name, parameters);
                ElementwiseLoss switchedOn = VectorSwitch.on(() -> (ElementwiseLoss) Losses.create(name, parameters));
                assertNull(byDefault.vectorKernels(), name + " " + parameters);
                assertNull(switchedOn.vectorKernels(), name + " " + parameters);
                Tensor x = Tensor.of(logits ? 0.5 : 0.6);
                assertEquals(byDefault.value(x, Tensor.of(1)), switchedOn.value(x, Tensor.of(1)));
            }
        }
    }
}
