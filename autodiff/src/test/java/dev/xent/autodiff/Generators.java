package dev.xent.autodiff;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.xent.core.Tensor;
import java.util.List;
import org.quicktheories.core.Gen;

/** QuickTheories generators of small tensors, with values kept inside an op's domain. */
final class Generators {
    /** Every property in this module uses this seed, so failures reproduce. */
    static final long SEED = 20261123L;
    /** Values this close to a kink are moved away: far more than a finite-difference step (~1e-5). */
    private static final double KINK_MARGIN = 0.01;

    private Generators() {
    }

    /** Shapes of rank {@code minRank..maxRank} with every dimension in 1..4. */
    static Gen<int[]> shapes(int minRank, int maxRank) {
        return integers().between(minRank, maxRank).flatMap(rank -> lists().of(integers().between(1, 4)).ofSize(rank)
                .map(dims -> dims.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** Values uniform in {@code [low, high]}, pushed at least {@link #KINK_MARGIN} away from each kink. */
    static Gen<Double> values(double low, double high, double... kinks) {
        return doubles().between(low, high).map(v -> {
            for (double kink : kinks) {
                if (Math.abs(v - kink) < KINK_MARGIN) {
                    return kink + (v < kink ? -2 : 2) * KINK_MARGIN;
                }
            }
            return v;
        });
    }

    /** Values on the grid {@code (k + offset) / 10}: two grids with offsets 0 and 0.5 never come within 0.05. */
    static Gen<Double> gridValues(double offset) {
        return integers().between(-30, 30).map(k -> (k + offset) / 10);
    }

    /** Tensors of the given shape with values from {@code values}. */
    static Gen<Tensor> tensors(int[] shape, Gen<Double> values) {
        return lists().of(values).ofSize(size(shape)).map(list -> Tensor.wrap(toArray(list), shape));
    }

    /** Tensors of any shape from {@code shapes} with values from {@code values}. */
    static Gen<Tensor> tensors(Gen<int[]> shapes, Gen<Double> values) {
        return shapes.flatMap(shape -> tensors(shape, values));
    }

    static int size(int[] shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        return size;
    }

    private static double[] toArray(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
