package dev.xent.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassLabelsTest {

    @Test
    void numericClassLabelsSortAsNumbersAndMergeEqualValues() {
        ClassLabels labels = ClassLabels.found(List.of("10", "2", "1.0", "1", "0"));
        assertEquals(List.of("0", "1", "2", "10"), labels.classes());
        assertEquals(1, labels.indexOf("1.0"));
        assertEquals(-1, labels.indexOf("3"));
        assertEquals(List.of("a", "b"), ClassLabels.found(List.of("b", "a", "b")).classes());
        assertEquals(-1, ClassLabels.given(List.of("no", "yes")).indexOf("maybe"));
    }
}
