package dev.xent.example.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import dev.xent.core.UnknownLossException;
import dev.xent.core.ValueAndGradient;
import dev.xent.core.spi.LossProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With only xent-core and xent-losses-binary, the binary losses are there by name and nothing else is. */
class LibraryUsageTest {

    @Test
    void binaryCrossEntropyIsCreatedByNameAndMatchesPyTorch() {
        Loss bce = Losses.create("binary_cross_entropy");
        // p = torch.tensor([0.9, 0.2, 0.6], dtype=torch.float64, requires_grad=True)
        // torch.nn.functional.binary_cross_entropy(p, torch.tensor([1., 0, 1], dtype=torch.float64)).backward()
        // value 0.2797765635793423, p.grad = [-0.3703703703703704, 0.4166666666666666, -0.5555555555555556]
        ValueAndGradient result = bce.valueAndGradient(Tensor.of(0.9, 0.2, 0.6), Tensor.of(1, 0, 1));
        assertEquals(0.2797765635793423, result.value(), 1e-15);
        assertArrayEquals(new double[] {-0.3703703703703704, 0.4166666666666666, -0.5555555555555556},
                result.gradient().toArray(), 1e-15);
    }

    @Test
    void onlyTheBinaryLossesAreDiscovered() {
        List<String> names = Losses.providers().stream().map(LossProvider::name).toList();
        assertEquals(List.of("binary_cross_entropy", "binary_focal_cross_entropy"), names);
        assertTrue(Losses.registry().problems().isEmpty(), () -> "problems: " + Losses.registry().problems());
    }

    @Test
    void multiclassLossIsNotAvailableAndTheErrorListsWhatIs() {
        UnknownLossException e = assertThrows(UnknownLossException.class,
                () -> Losses.create("categorical_cross_entropy"));
        assertTrue(e.getMessage().contains("'categorical_cross_entropy'"), e.getMessage());
        assertTrue(e.getMessage().contains("available: binary_cross_entropy, binary_focal_cross_entropy"), e.getMessage());
    }
}
