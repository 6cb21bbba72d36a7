package dev.xent.autodiff;

import static dev.xent.autodiff.GradientAssertions.assertGradientsMatch;
import static dev.xent.autodiff.Generators.SEED;
import static dev.xent.autodiff.Generators.shapes;
import static dev.xent.autodiff.Generators.tensors;
import static dev.xent.autodiff.Generators.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.xent.core.Node;
import dev.xent.core.Tensor;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * where, the comparisons, gather/take, oneHot and xlogy: gradients against central finite differences
 * (QuickTheories, fixed seed), forward values against their definitions, and their errors.
 */
class SelectionOpsTest {
    private static final int EXAMPLES = 100;

    /** A 0/1 tensor of {@code shape}, drawn from the seed. */
    private static Gen<Tensor> masks(int[] shape) {
        return tensors(shape, integers().between(0, 1).map(Integer::doubleValue));
    }

    @Test
    void whereGradientsMatchFiniteDifferencesWithABroadcastMask() {
        Gen<Tensor[]> inputs = integers().between(1, 4).zip(integers().between(1, 4), (n, c) -> new int[] {n, c})
                .flatMap(s -> tensors(s, values(-3, 3)).zip(tensors(s, values(-3, 3)), masks(new int[] {s[1]}),
                        (a, b, m) -> new Tensor[] {a, b, m}));
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(inputs).checkAssert(abm -> {
            Node mask = Graph.constant(abm[2]);
            assertGradientsMatch(nodes -> nodes.get(0).where(mask, nodes.get(1)), abm[0], abm[1]);
            Tensor y = Node.where(mask, Graph.constant(abm[0]), Graph.constant(abm[1])).value();
            int columns = abm[0].dim(1);
            for (int i = 0; i < y.size(); i++) {
                Tensor picked = abm[2].getFlat(i % columns) == 1 ? abm[0] : abm[1];
                assertEquals(picked.getFlat(i), y.getFlat(i), 0.0);
            }
        });
    }

    @Test
    void whereByAComparisonSelectsAndSendsNoGradientToTheOtherBranch() {
        Node x = Graph.variable(Tensor.of(-2, 0.5, 3));
        Node clipped = x.where(x.lessThan(1), x.log().rsub(0)); // x where x < 1, else -log x
        clipped.backward();
        assertArrayEquals(new double[] {-2, 0.5, -Math.log(3)}, clipped.value().toArray(), 0.0);
        // log(-2) is NaN, but the mask sends it no gradient: nothing becomes NaN.
        assertArrayEquals(new double[] {1, 1, -1.0 / 3}, x.gradient().toArray(), 1e-15);
    }

    @Test
    void comparisonsAreConstantMasksWithBroadcasting() {
        Node x = Graph.variable(Tensor.of(new double[][] {{1, 2}, {3, 4}}));
        Node row = Graph.constant(Tensor.of(2, 3));
        assertArrayEquals(new double[] {0, 0, 1, 1}, x.greaterThan(row).value().toArray());
        assertArrayEquals(new double[] {1, 1, 0, 0}, x.lessThan(row).value().toArray());
        assertArrayEquals(new double[] {0, 0, 1, 1}, x.greaterThan(2.5).value().toArray());
        assertArrayEquals(new double[] {1, 0, 0, 0}, x.lessThan(2).value().toArray());
        assertArrayEquals(new double[] {0, 1, 0, 0}, x.equalTo(2).value().toArray());
        assertFalse(x.greaterThan(row).requiresGradient());
    }

    @Test
    void whereRejectsAMaskThatIsNotZeroOrOneOrNeedsAGradient() {
        Node a = Graph.variable(Tensor.of(1, 2));
        Node b = Graph.constant(Tensor.of(3, 4));
        var notBinary = assertThrows(IllegalArgumentException.class, () -> a.where(Graph.constant(Tensor.of(1, 0.5)), b));
        assertTrue(notBinary.getMessage().contains("element 1 is 0.5"), notBinary.getMessage());
        var variable = assertThrows(IllegalArgumentException.class, () -> a.where(a, b));
        assertTrue(variable.getMessage().contains("constant"), variable.getMessage());
        var mismatch = assertThrows(IllegalArgumentException.class, () -> a.where(Graph.constant(Tensor.of(1, 0, 1)), b));
        assertTrue(mismatch.getMessage().contains("do not broadcast"), mismatch.getMessage());
    }

    @Test
    void whereBroadcastsAllThreeOperandsLikeNumPy() {
        // A scalar and a row, selected by an N x C mask: the result is N x C and the gradients are summed back.
        qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(integers().between(1, 4).zip(integers().between(1, 4), (n, c) -> new int[] {n, c})
                        .flatMap(s -> tensors(new int[0], values(-3, 3)).zip(tensors(new int[] {s[1]}, values(-3, 3)),
                                masks(s), (a, b, m) -> new Tensor[] {a, b, m})))
                .checkAssert(abm -> {
                    Node mask = Graph.constant(abm[2]);
                    assertGradientsMatch(nodes -> nodes.get(0).where(mask, nodes.get(1)), abm[0], abm[1]);
                    Tensor y = Graph.constant(abm[0]).where(mask, Graph.constant(abm[1])).value();
                    assertArrayEquals(abm[2].shape(), y.shape());
                    int columns = abm[2].dim(1);
                    for (int i = 0; i < y.size(); i++) {
                        double expected = abm[2].getFlat(i) == 1 ? abm[0].item() : abm[1].getFlat(i % columns);
                        assertEquals(expected, y.getFlat(i), 0.0);
                    }
                });
    }

    @Test
    void gatherGradientsMatchFiniteDifferencesAlongEveryAxis() {
        Gen<Object[]> inputs = tensors(shapes(1, 3), values(-3, 3))
                .flatMap(x -> integers().between(0, x.rank() - 1).flatMap(axis -> {
                    int[] shape = x.shape();
                    int[] reduced = Axis.of(shape, axis).reducedShape;
                    return tensors(reduced, integers().between(0, shape[axis] - 1).map(Integer::doubleValue))
                            .map(indices -> new Object[] {x, axis, indices});
                }));
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(inputs).checkAssert(xai -> {
            Tensor x = (Tensor) xai[0];
            int axis = (Integer) xai[1];
            Node indices = Graph.constant((Tensor) xai[2]);
            assertGradientsMatch(nodes -> nodes.get(0).gather(axis, indices), x);
            assertGradientsMatch(nodes -> nodes.get(0).mul(nodes.get(0)).gather(axis, indices).sum(), x);
        });
    }

    @Test
    void takePicksEachRowsValueAtItsTargetIndexAndOneHotMatchesIt() {
        Tensor logits = Tensor.of(new double[][] {{1.2, -0.8, -0.5}, {0.9, -1.2, 1.1}});
        Node x = Graph.variable(logits);
        Node targets = Graph.constant(Tensor.of(0, 2));
        Node picked = x.logSoftmax(1).take(targets);
        Node viaOneHot = x.logSoftmax(1).mul(targets.oneHot(3)).sum(1);
        assertArrayEquals(viaOneHot.value().toArray(), picked.value().toArray(), 0.0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1}, targets.oneHot(3).value().toArray());
        assertArrayEquals(new int[] {2, 3}, targets.oneHot(3).shape());
        assertFalse(targets.oneHot(3).requiresGradient());
        picked.backward();
        Tensor softmax = Graph.constant(logits).softmax(1).value();
        assertEquals(1 - softmax.get(0, 0), x.gradient().get(0, 0), 1e-15);
        assertEquals(-softmax.get(0, 1), x.gradient().get(0, 1), 1e-15);
    }

    @Test
    void gatherAndOneHotRejectIndicesOutOfRangeOrOfTheWrongShape() {
        Node x = Graph.variable(Tensor.of(new double[][] {{1, 2}, {3, 4}}));
        var outOfRange = assertThrows(IllegalArgumentException.class, () -> x.take(Graph.constant(Tensor.of(0, 2))));
        assertTrue(outOfRange.getMessage().contains("position 1 is 2.0"), outOfRange.getMessage());
        var fractional = assertThrows(IllegalArgumentException.class,
                () -> Graph.constant(Tensor.of(0.5)).oneHot(2));
        assertTrue(fractional.getMessage().contains("0.5"), fractional.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> x.gather(1, Graph.constant(Tensor.of(0, 1, 1))));
        assertTrue(shape.getMessage().contains("needs indices of shape [2]"), shape.getMessage());
    }

    @Test
    void xlogyIsZeroWhereXIsZeroEvenAtYZeroWithoutNaNGradients() {
        Node x = Graph.variable(Tensor.of(0, 0, 0.5, 2));
        Node y = Graph.variable(Tensor.of(0, 0.3, 0.25, 1));
        Node z = x.xlogy(y);
        z.backward();
        assertArrayEquals(new double[] {0, 0, 0.5 * Math.log(0.25), 0}, z.value().toArray(), 0.0);
        assertArrayEquals(new double[] {0, Math.log(0.3), Math.log(0.25), 0}, x.gradient().toArray(), 0.0);
        assertArrayEquals(new double[] {0, 0, 2, 2}, y.gradient().toArray(), 0.0);
        assertTrue(Double.isNaN(Graph.constant(1).xlogy(Graph.constant(Double.NaN)).value().item()));
    }
}
