package dev.xent.testkit;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.xent.core.InputSpace;
import dev.xent.core.TargetDomain;
import dev.xent.core.Tensor;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * QuickTheories generators of valid {@link LossInput}s for each {@link InputSpace} and
 * {@link TargetDomain}: 1 to 6 rows,
 * vectors or matrices (1 to 4 columns, 2 to 4 classes), with or without sample weights.
 *
 * <p>Values stay a little inside their domain (probabilities in [0.02, 0.98], logits in [-6, 6], real
 * numbers in [-3, 3]) so that a finite-difference step around them is still a valid input. Edge values
 * (0, 1, huge logits, infinities) belong in a loss's own stability tests, as explicit tables.
 */
public final class LossInputs {
    private static final int MAX_ROWS = 6;
    private static final int MAX_COLUMNS = 4;
    private static final double PROBABILITY_MARGIN = 0.02;
    private static final double LOGIT_BOUND = 6;
    private static final double REAL_BOUND = 3;
    private static final double KINK_MARGIN = 0.01;

    private LossInputs() {
    }

    /** Valid inputs for {@code space}, with the targets of its default domain ({@link TargetDomain#of}). */
    public static Gen<LossInput> of(InputSpace space) {
        return of(space, TargetDomain.of(space));
    }

    /**
     * Valid inputs for predictions in {@code space} and targets in {@code domain}: counts and other
     * values from 0 to 10 for {@link TargetDomain#NON_NEGATIVE} (a third of them exactly 0), values in
     * [0.1, 5] for {@link TargetDomain#POSITIVE}, distributions with some entries exactly 0.
     */
    public static Gen<LossInput> of(InputSpace space, TargetDomain domain) {
        return in -> {
            int rows = integers().between(1, MAX_ROWS).generate(in);
            Tensor weights = booleans().all().generate(in) ? positives(in, rows, 0.1, 3) : null;
            return space.isClassWise() || domain.isClassWise()
                    ? classWise(in, space, domain, rows, weights)
                    : elementwise(in, space, domain, rows, weights);
        };
    }

    private static LossInput elementwise(RandomnessSource in, InputSpace space, TargetDomain domain, int rows,
                                         Tensor weights) {
        int[] shape = booleans().all().generate(in)
                ? new int[] {rows}
                : new int[] {rows, integers().between(1, MAX_COLUMNS).generate(in)};
        int size = shape.length == 1 ? rows : rows * shape[1];
        double[] predictions = elementwisePredictions(in, space, size);
        double[] targets = elementTargets(in, domain, size);
        if (space == InputSpace.REAL) {
            awayFromTies(predictions, targets);
        }
        return new LossInput(Tensor.wrap(predictions, shape), Tensor.wrap(targets, shape), weights);
    }

    /**
     * Moves every target within {@link #KINK_MARGIN} of its real prediction to twice the margin above
     * the prediction (above the target too, so still inside its domain): losses with a kink at y = x (absolute error, pinball,
     * hinge-like) are then differentiable where finite differences probe them.
     */
    private static void awayFromTies(double[] predictions, double[] targets) {
        for (int i = 0; i < targets.length; i++) {
            if (Math.abs(targets[i] - predictions[i]) < KINK_MARGIN) {
                targets[i] = predictions[i] + 2 * KINK_MARGIN; // above the target: stays >= 0 or > 0
            }
        }
    }

    private static double[] elementTargets(RandomnessSource in, TargetDomain domain, int size) {
        return switch (domain) {
            case REAL -> uniform(in, size, -REAL_BOUND, REAL_BOUND);
            case NON_NEGATIVE -> counts(in, size);
            case POSITIVE -> uniform(in, size, 0.1, 5);
            case BINARY_LABELS -> hardLabels(in, size);
            default -> booleans().all().generate(in) ? hardLabels(in, size) : uniform(in, size, 0, 1);
        };
    }

    private static LossInput classWise(RandomnessSource in, InputSpace space, TargetDomain domain, int rows,
                                       Tensor weights) {
        int classes = integers().between(2, MAX_COLUMNS).generate(in);
        Tensor predictions = switch (space) {
            case CLASS_LOGITS, ELEMENTWISE_LOGITS -> Tensor.wrap(uniform(in, rows * classes, -LOGIT_BOUND, LOGIT_BOUND),
                    rows, classes);
            case REAL -> Tensor.wrap(uniform(in, rows * classes, -REAL_BOUND, REAL_BOUND), rows, classes);
            default -> distributions(in, rows, classes, 1);
        };
        if (!domain.isClassWise()) {
            return new LossInput(predictions, Tensor.wrap(elementTargets(in, domain, rows * classes), rows, classes),
                    weights);
        }
        boolean indices = domain == TargetDomain.CLASS_INDICES
                || domain == TargetDomain.CLASS_INDICES_OR_DISTRIBUTIONS && booleans().all().generate(in);
        Tensor targets;
        if (indices) {
            double[] values = new double[rows];
            for (int r = 0; r < rows; r++) {
                values[r] = integers().between(0, classes - 1).generate(in);
            }
            targets = Tensor.wrap(values, rows);
        } else if (domain == TargetDomain.DISTRIBUTIONS) {
            targets = distributionsWithZeros(in, rows, classes);
        } else {
            targets = distributions(in, rows, classes, 0);
        }
        return new LossInput(predictions, targets, weights);
    }

    /** Distributions of which about a third of the entries are exactly 0 (never a whole row). */
    private static Tensor distributionsWithZeros(RandomnessSource in, int rows, int classes) {
        double[] values = distributions(in, rows, classes, 0).toArray();
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                int i = r * classes + c;
                boolean keep = c == r % classes || integers().between(0, 2).generate(in) > 0;
                values[i] = keep ? values[i] : 0;
                sum += values[i];
            }
            if (sum == 0) {
                values[r * classes + r % classes] = sum = 1;
            }
            for (int c = 0; c < classes; c++) {
                values[r * classes + c] /= sum;
            }
        }
        return Tensor.wrap(values, rows, classes);
    }

    /** Whole counts 0..10 and, half of the time, real amounts in [0, 10]; a third of the values exactly 0. */
    private static double[] counts(RandomnessSource in, int size) {
        boolean whole = booleans().all().generate(in);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            boolean zero = integers().between(0, 2).generate(in) == 0;
            values[i] = zero ? 0 : whole ? integers().between(1, 10).generate(in) : doubles().between(0, 10).generate(in);
        }
        return values;
    }

    /**
     * Rows of positive values normalised to sum to 1. With {@code floor} 1 every entry is at least
     * 1 / (1 + 10 (classes - 1)) > 0.02, away from 0; with floor 0 entries may be 0 (soft or one-hot targets).
     */
    private static Tensor distributions(RandomnessSource in, int rows, int classes, double floor) {
        double[] values = uniform(in, rows * classes, floor, 10);
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += values[r * classes + c];
            }
            if (sum == 0) {
                values[r * classes] = sum = 1;
            }
            for (int c = 0; c < classes; c++) {
                values[r * classes + c] /= sum;
            }
        }
        return Tensor.wrap(values, rows, classes);
    }

    private static Tensor positives(RandomnessSource in, int count, double low, double high) {
        return Tensor.wrap(uniform(in, count, low, high), count);
    }

    private static double[] hardLabels(RandomnessSource in, int count) {
        double[] labels = new double[count];
        for (int i = 0; i < count; i++) {
            labels[i] = booleans().all().generate(in) ? 1 : 0;
        }
        return labels;
    }

    private static double[] uniform(RandomnessSource in, int count, double low, double high) {
        Gen<Double> values = doubles().between(low, high);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = values.generate(in);
        }
        return out;
    }

    /** Element-wise predictions, away from the edges of the space. */
    private static double[] elementwisePredictions(RandomnessSource in, InputSpace space, int size) {
        return switch (space) {
            case ELEMENTWISE_PROBABILITIES -> uniform(in, size, PROBABILITY_MARGIN, 1 - PROBABILITY_MARGIN);
            case ELEMENTWISE_LOGITS -> uniform(in, size, -LOGIT_BOUND, LOGIT_BOUND);
            default -> uniform(in, size, -REAL_BOUND, REAL_BOUND);
        };
    }
}
