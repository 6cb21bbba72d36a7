package dev.xent.losses.binary;

import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Every parameter combination the tests sweep, and random inputs for them. */
final class LossCases {
    static final long SEED = 20261123L;

    private LossCases() {
    }

    /** A loss by its JSON name and parameters (kept for readable failure messages). */
    record Config(String name, Map<String, Object> parameters) {
        Loss create() {
            return Losses.create(name, parameters);
        }

        boolean fromLogits() {
            return Boolean.TRUE.equals(parameters.get("from_logits"));
        }

        @Override
        public String toString() {
            return name + parameters;
        }
    }

    /** Both losses, both input spaces, with and without smoothing, every reduction, and their own parameters. */
    static List<Config> all() {
        List<Config> configs = new ArrayList<>();
        for (String reduction : List.of("mean", "sum", "none")) {
            for (boolean logits : List.of(false, true)) {
                for (double smoothing : List.of(0.0, 0.2)) {
                    for (double posWeight : List.of(1.0, 2.5)) {
                        configs.add(config("binary_cross_entropy", reduction, logits, smoothing, "pos_weight", posWeight));
                    }
                    for (double gamma : List.of(0.0, 0.5, 2.0)) {
                        Config plain = config("binary_focal_cross_entropy", reduction, logits, smoothing, "gamma", gamma);
                        configs.add(plain);
                        Map<String, Object> balanced = new LinkedHashMap<>(plain.parameters());
                        balanced.put("alpha", 0.25);
                        configs.add(new Config(plain.name(), balanced));
                    }
                }
            }
        }
        return configs;
    }

    private static Config config(String name, String reduction, boolean logits, double smoothing, String own, double value) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("reduction", reduction);
        parameters.put("from_logits", logits);
        parameters.put("label_smoothing", smoothing);
        parameters.put(own, value);
        return new Config(name, parameters);
    }

    /** Random inputs of rank 1 or 2, with or without row weights. */
    record Inputs(Tensor predictions, Tensor targets, Tensor weights) {
        @Override
        public String toString() {
            return "predictions " + predictions + ", targets " + targets + ", weights " + weights;
        }
    }

    /**
     * Inputs from {@code seed}: logits in [-8, 8] or probabilities in [0.02, 0.98] (far from the clip
     * bounds and from 0 and 1, so finite differences stay on one side of every kink); targets are hard
     * labels or soft ones; weights in [0, 2] with at least one positive.
     */
    static Inputs inputs(long seed, boolean logits) {
        Random random = new Random(seed);
        int rows = 1 + random.nextInt(4);
        boolean matrix = random.nextBoolean();
        int columns = matrix ? 1 + random.nextInt(3) : 1;
        int[] shape = matrix ? new int[] {rows, columns} : new int[] {rows};
        double[] predictions = new double[rows * columns];
        double[] targets = new double[rows * columns];
        boolean soft = random.nextBoolean();
        for (int i = 0; i < predictions.length; i++) {
            predictions[i] = logits ? -8 + 16 * random.nextDouble() : 0.02 + 0.96 * random.nextDouble();
            targets[i] = soft ? random.nextDouble() : random.nextInt(2);
        }
        Tensor weights = null;
        if (random.nextBoolean()) {
            double[] w = new double[rows];
            for (int r = 0; r < rows; r++) {
                w[r] = random.nextInt(5) == 0 ? 0.0 : 2 * random.nextDouble();
            }
            w[random.nextInt(rows)] = 0.5 + random.nextDouble();
            weights = Tensor.of(w);
        }
        return new Inputs(Tensor.wrap(predictions, shape), Tensor.wrap(targets, shape), weights);
    }
}
