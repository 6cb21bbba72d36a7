package dev.xent.cli.gradcheck;

import dev.xent.core.InputSpace;
import dev.xent.core.TargetDomain;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.RowSoftmax;
import java.util.Random;

/**
 * Random predictions, targets and sample weights inside a loss's valid domain
 * ({@link InputSpace}), away from its edges so that central differences stay inside it too:
 * probabilities in [0.05, 0.95] (class probabilities: {@code 0.8 softmax(z) + 0.2 / C}, so none is below
 * {@code 0.2 / C}: the central differences' truncation error grows like {@code 1 / p^3}), logits and
 * real numbers with spread 3; targets from the loss's {@link TargetDomain}: 0, 1 or in between ([0, 1]),
 * 0 or 1 (labels), spread 3 (any real), counts 0..10 (non-negative), [0.1, 5] (positive), class
 * indices or distributions (class-wise; a third of the entries 0 for distributions-only losses);
 * sample weights in [0.5, 2].
 *
 * @param predictions the predictions
 * @param targets     the targets
 * @param weights     the sample weights, or null
 */
public record RandomInputs(Tensor predictions, Tensor targets, Tensor weights) {

    /**
     * @param columns       the classes (class-wise) or columns per row (element-wise; 1 gives a vector)
     * @param distributions class-wise targets as distributions rather than indices
     */
    public static RandomInputs generate(InputSpace space, TargetDomain domain, int rows, int columns,
                                        boolean distributions, boolean weighted, long seed) {
        Random random = new Random(seed);
        int size = rows * columns;
        double[] p = new double[size];
        double[] t;
        boolean classWise = space.isClassWise() || domain.isClassWise();
        if (classWise) {
            for (int i = 0; i < size; i++) {
                p[i] = random.nextGaussian() * (space.isLogits() ? 3 : 2);
            }
            if (!space.isLogits()) {
                RowSoftmax.inPlace(p, rows, columns);
                for (int i = 0; i < size; i++) {
                    p[i] = 0.8 * p[i] + 0.2 / columns;
                }
            }
            t = !domain.isClassWise() ? elementTargets(random, domain, size)
                    : !distributions ? indices(random, rows, columns)
                    : domain == TargetDomain.DISTRIBUTIONS ? withZeros(random, distributions(random, rows, columns), columns)
                    : distributions(random, rows, columns);
        } else {
            t = new double[size];
            for (int i = 0; i < size; i++) {
                p[i] = switch (space) {
                    case ELEMENTWISE_PROBABILITIES -> 0.05 + 0.9 * random.nextDouble();
                    default -> random.nextGaussian() * 3;
                };
                t[i] = elementTarget(random, domain);
            }
        }
        boolean matrix = columns > 1 || classWise;
        Tensor predictions = matrix ? Tensor.wrap(p, rows, columns) : Tensor.wrap(p, rows);
        Tensor targets = domain.isClassWise() && !distributions ? Tensor.wrap(t, rows)
                : matrix ? Tensor.wrap(t, rows, columns) : Tensor.wrap(t, rows);
        Tensor weights = null;
        if (weighted) {
            double[] w = new double[rows];
            for (int i = 0; i < rows; i++) {
                w[i] = 0.5 + 1.5 * random.nextDouble();
            }
            weights = Tensor.wrap(w, rows);
        }
        return new RandomInputs(predictions, targets, weights);
    }

    private static double[] elementTargets(Random random, TargetDomain domain, int size) {
        double[] t = new double[size];
        for (int i = 0; i < size; i++) {
            t[i] = elementTarget(random, domain);
        }
        return t;
    }

    private static double elementTarget(Random random, TargetDomain domain) {
        return switch (domain) {
            case REAL -> random.nextGaussian() * 3;
            case NON_NEGATIVE -> random.nextInt(11);
            case POSITIVE -> 0.1 + 4.9 * random.nextDouble();
            case BINARY_LABELS -> random.nextInt(2);
            default -> unitTarget(random);
        };
    }

    /** A third each: 0, 1, and a soft target in (0, 1). */
    private static double unitTarget(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> 0.0;
            case 1 -> 1.0;
            default -> random.nextDouble();
        };
    }

    /** The distributions with about a third of each row's entries set to 0 (never all), renormalised. */
    private static double[] withZeros(Random random, double[] t, int classes) {
        for (int r = 0; r < t.length / classes; r++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                int i = r * classes + c;
                t[i] = c != r % classes && random.nextInt(3) == 0 ? 0 : t[i];
                sum += t[i];
            }
            for (int c = 0; c < classes; c++) {
                t[r * classes + c] /= sum;
            }
        }
        return t;
    }

    private static double[] indices(Random random, int rows, int classes) {
        double[] t = new double[rows];
        for (int r = 0; r < rows; r++) {
            t[r] = random.nextInt(classes);
        }
        return t;
    }

    private static double[] distributions(Random random, int rows, int classes) {
        double[] t = new double[rows * classes];
        for (int i = 0; i < t.length; i++) {
            t[i] = random.nextGaussian();
        }
        RowSoftmax.inPlace(t, rows, classes);
        return t;
    }
}
