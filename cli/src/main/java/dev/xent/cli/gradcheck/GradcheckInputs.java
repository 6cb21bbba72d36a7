package dev.xent.cli.gradcheck;

import dev.xent.cli.BadInputException;
import dev.xent.cli.Memory;
import dev.xent.cli.data.Block;
import dev.xent.cli.data.BlockReader;
import dev.xent.cli.data.PredictionData;
import dev.xent.cli.job.JobObject;
import dev.xent.core.Loss;
import dev.xent.core.TargetDomain;
import dev.xent.core.Tensor;
import java.util.List;

/**
 * Where a gradcheck job checks: random valid inputs ({@code rows}, {@code classes}, {@code targets},
 * {@code sample_weights}, {@code seed}; targets drawn from the loss's {@link TargetDomain}), or the
 * user's own rows ({@code data}: the section of an evaluate job, read whole).
 *
 * @param predictions the predictions
 * @param targets     the targets
 * @param weights     the sample weights, or null
 * @param description what the report says about the inputs: {@code targets} ({@code elements},
 *                    {@code indices} or {@code distributions}) or the data file
 * @param seed        the seed of random inputs, or null for data rows
 */
record GradcheckInputs(Tensor predictions, Tensor targets, Tensor weights, String description, Long seed) {
    /** The most rows checked: central differences cost two loss evaluations per prediction. */
    static final int MAX_ROWS = 100_000;

    /** Inputs, three gradients and the graph's forward and backward values: about this many arrays of the input's size. */
    private static final int ARRAYS_OF_INPUT_SIZE = 20;

    /** The keys of {@code root} that say where to check, besides those {@link #read} reads. */
    static final List<String> KEYS = List.of("rows", "classes", "targets", "sample_weights", "seed", "data");

    static GradcheckInputs read(JobObject root, Loss loss) {
        if (root.has("data")) {
            for (String random : List.of("rows", "classes", "targets", "sample_weights", "seed")) {
                if (root.has(random)) {
                    throw new BadInputException(root.pathOf(random) + ": random inputs are not drawn when "
                            + root.pathOf("data") + " gives the rows to check; remove one of them");
                }
            }
            return fromData(root.object("data").allowOnly("path", "prediction", "target", "weight", "classes"), loss);
        }
        TargetDomain domain = loss.targetDomain();
        int rows = root.integer("rows", 64, 1, MAX_ROWS);
        boolean classWise = loss.inputSpace().isClassWise() || domain.isClassWise();
        int columns = root.integer("classes", classWise ? 5 : 1, 1, 10_000);
        if (classWise && columns < 2) {
            throw new BadInputException(root.pathOf("classes") + ": a class-wise loss needs at least 2 classes");
        }
        Memory.require(ARRAYS_OF_INPUT_SIZE * 8.0 * rows * columns, "a gradcheck of " + rows + " x " + columns
                + " elements", root.pathOf("rows"));
        String targets = root.choice("targets", domain == TargetDomain.DISTRIBUTIONS ? "distributions" : "indices",
                List.of("indices", "distributions"));
        boolean distributions = targets.equals("distributions");
        if (distributions && domain == TargetDomain.CLASS_INDICES || !distributions && domain == TargetDomain.DISTRIBUTIONS) {
            throw new BadInputException(root.pathOf("targets") + ": " + loss.name() + " takes only "
                    + domain.allowed() + " as targets, not " + targets);
        }
        boolean weighted = root.bool("sample_weights", true);
        long seed = root.longInteger("seed", 1);
        RandomInputs inputs = RandomInputs.generate(loss.inputSpace(), domain, rows, columns, distributions, weighted,
                seed);
        String kind = domain.isClassWise() ? targets : "elements";
        return new GradcheckInputs(inputs.predictions(), inputs.targets(), inputs.weights(), kind, seed);
    }

    /** Every row of the data file, validated by the loss (errors name the line and column). */
    private static GradcheckInputs fromData(JobObject section, Loss loss) {
        PredictionData data = PredictionData.read(section);
        try (BlockReader reader = data.open(loss)) {
            Block block = reader.next(MAX_ROWS);
            if (block == null) {
                throw new BadInputException(section.pathOf("path") + ": " + data.file() + " has no data rows");
            }
            if (reader.next(1) != null) {
                throw new BadInputException(section.pathOf("path") + ": " + data.file() + " has more than " + MAX_ROWS
                        + " rows; gradcheck checks at most " + MAX_ROWS);
            }
            return new GradcheckInputs(block.predictions(), block.targets(), block.weights(),
                    data.file().getFileName().toString(), null);
        }
    }

    /** How an error names row {@code row} (0-based) of these inputs. */
    String rowName(int row) {
        return seed == null ? description + " data row " + (row + 1)
                : "row " + row + " of the random inputs (seed " + seed + ")";
    }
}
