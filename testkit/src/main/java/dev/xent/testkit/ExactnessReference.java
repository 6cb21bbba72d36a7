package dev.xent.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.autodiff.GraphEvaluation;
import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Reduction;
import dev.xent.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assertions;

/**
 * Checks losses against a high-precision reference in ulps: a JSON fixture of cases (a loss, its
 * parameters, inputs) with, for every per-sample loss, the reduced value and every gradient element,
 * the true value rounded to a double and its condition number (the generator and the definition are
 * in {@code tools/exactness/generate_reference.py}; the bounds in docs/exactness.md).
 *
 * <p>A quantity passes when it is within {@code 4 + 2 cond} ulps of the reference (values and
 * per-sample losses) or {@code 8 + 2 cond} ulps (gradient elements), one ulp being the spacing of
 * doubles at the reference ({@link Math#ulp}). Focal losses get {@code gamma} ulps more: their factor
 * {@code (1 - p_t)^gamma} multiplies the relative error of the rounded {@code 1 - p_t} (an ulp or so)
 * by {@code gamma} (docs/exactness.md).
 */
public final class ExactnessReference {
    /** Ulps every value may be off by, before the condition number's share. */
    public static final double VALUE_ULPS = 4;
    /** Ulps every gradient element may be off by, before the condition number's share. */
    public static final double GRADIENT_ULPS = 8;

    private ExactnessReference() {
    }

    /** One quantity's true value (rounded once to a double) and its condition number. */
    public record Quantity(double reference, double condition) {
    }

    /** One case of the fixture. */
    public record Case(String name, String loss, Map<String, Object> parameters, Tensor predictions, Tensor targets,
                       Tensor weights, List<Quantity> perSample, Quantity value, List<Quantity> gradient) {

        /** The ulps a focal loss's factor {@code (1 - p)^gamma} adds (its {@code gamma}), 0 for other losses. */
        public double focusingAllowance() {
            Object gamma = parameters.get("gamma");
            return gamma == null ? 0 : ((Number) gamma).doubleValue();
        }

        /** The reduction named in the parameters (mean by default). */
        public Reduction reduction() {
            Object r = parameters.get("reduction");
            return r == null ? Reduction.MEAN : Reduction.fromJsonName(r.toString());
        }
    }

    /** What one way of computing (a fused kernel, the graph) gives for a case. */
    public interface Computation {
        Tensor perSample(Loss loss, Tensor predictions, Tensor targets);

        double value(Loss loss, Tensor predictions, Tensor targets, Tensor weights);

        Tensor gradient(Loss loss, Tensor predictions, Tensor targets, Tensor weights);
    }

    /** The loss's own methods (its fused kernels for the built-in losses). */
    public static final Computation KERNEL = new Computation() {
        @Override
        public Tensor perSample(Loss loss, Tensor predictions, Tensor targets) {
            return loss.perSample(predictions, targets);
        }

        @Override
        public double value(Loss loss, Tensor predictions, Tensor targets, Tensor weights) {
            return loss.value(predictions, targets, weights);
        }

        @Override
        public Tensor gradient(Loss loss, Tensor predictions, Tensor targets, Tensor weights) {
            return loss.gradient(predictions, targets, weights);
        }
    };

    /** The loss's expression on the autodiff graph ({@link GraphEvaluation}). */
    public static final Computation GRAPH = new Computation() {
        @Override
        public Tensor perSample(Loss loss, Tensor predictions, Tensor targets) {
            return GraphEvaluation.perSample(loss, predictions, targets);
        }

        @Override
        public double value(Loss loss, Tensor predictions, Tensor targets, Tensor weights) {
            return GraphEvaluation.value(loss, predictions, targets, weights);
        }

        @Override
        public Tensor gradient(Loss loss, Tensor predictions, Tensor targets, Tensor weights) {
            return GraphEvaluation.gradient(loss, predictions, targets, weights);
        }
    };

    /** Reads a fixture. */
    public static List<Case> load(InputStream json) {
        try (json) {
            JsonNode root = new ObjectMapper().readTree(json);
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> parameters = new ObjectMapper().convertValue(c.get("params"), Map.class);
                cases.add(new Case(c.get("name").asText(), c.get("loss").asText(), parameters,
                        tensor(c.get("predictions")), tensor(c.get("targets")),
                        c.get("weights").isNull() ? null : Tensor.of(doubles(c.get("weights"))),
                        quantities(c.get("perSample")), c.has("value") ? quantity(c.get("value")) : null,
                        quantities(c.get("gradient"))));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Tensor tensor(JsonNode node) {
        JsonNode shape = node.get("shape");
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asInt();
        }
        return Tensor.wrap(doubles(node.get("values")), dims);
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static Quantity quantity(JsonNode pair) {
        return new Quantity(pair.get(0).asDouble(), pair.get(1).asDouble());
    }

    private static List<Quantity> quantities(JsonNode array) {
        List<Quantity> list = new ArrayList<>();
        array.forEach(pair -> list.add(quantity(pair)));
        return list;
    }

    /**
     * How many ulps of the reference {@code computed} is from it: 0 when equal, infinite for NaN or an
     * infinity where the reference is finite.
     */
    public static double ulps(double computed, double reference) {
        if (computed == reference) {
            return 0;
        }
        if (!Double.isFinite(computed)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(computed - reference) / Math.ulp(reference);
    }

    /**
     * Runs every case through {@code computation} with the loss {@code create} makes from the case's name
     * and parameters; returns the failures (one line each, empty if all pass) and adds the worst ulps
     * and worst ratio to the bound, per loss and quantity, to {@code worst}.
     */
    public static List<String> check(List<Case> cases, Function<Case, Loss> create, Computation computation,
                                     Map<String, Worst> worst) {
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Loss loss = create.apply(c);
            Tensor perSample = computation.perSample(loss, c.predictions(), c.targets());
            for (int i = 0; i < c.perSample().size(); i++) {
                compare(c, "per-sample " + i, perSample.getFlat(i), c.perSample().get(i), VALUE_ULPS, failures, worst);
            }
            if (c.value() != null) {
                double value = computation.value(loss, c.predictions(), c.targets(), c.weights());
                compare(c, "value (" + c.reduction().jsonName() + ")", value, c.value(), VALUE_ULPS, failures, worst);
            }
            Tensor gradient = computation.gradient(loss, c.predictions(), c.targets(), c.weights());
            for (int i = 0; i < c.gradient().size(); i++) {
                compare(c, "gradient " + i, gradient.getFlat(i), c.gradient().get(i), GRADIENT_ULPS, failures, worst);
            }
        }
        return failures;
    }

    private static void compare(Case c, String what, double computed, Quantity expected, double allowance,
                                List<String> failures, Map<String, Worst> worst) {
        double ulps = ulps(computed, expected.reference());
        double bound = allowance + c.focusingAllowance() + 2 * expected.condition();
        String kind = what.startsWith("gradient") ? "gradient" : what.startsWith("value") ? "value" : "per-sample";
        worst.computeIfAbsent(c.loss() + " " + kind, k -> new Worst()).add(ulps, expected.condition(), bound,
                c.name() + " " + what);
        if (!(ulps <= bound)) {
            failures.add(String.format("%s: %s is %s, reference %s: %.3g ulps, allowed %.3g (condition %.3g)",
                    c.name(), what, computed, expected.reference(), ulps, bound, expected.condition()));
        }
    }

    /** The worst errors seen for one loss and quantity: in ulps where the condition number is small, and as a share of the bound. */
    public static final class Worst {
        private double ulpsWhereWellConditioned;
        private String whereUlps = "";
        private double shareOfBound;
        private String whereShare = "";
        private int count;

        void add(double ulps, double condition, double bound, String where) {
            count++;
            if (condition <= 1 && ulps > ulpsWhereWellConditioned) {
                ulpsWhereWellConditioned = ulps;
                whereUlps = where;
            }
            if (ulps / bound > shareOfBound) {
                shareOfBound = ulps / bound;
                whereShare = where;
            }
        }

        @Override
        public String toString() {
            return String.format("%6d quantities; worst with condition <= 1: %.2f ulps (%s); worst share of the bound %.2f (%s)",
                    count, ulpsWhereWellConditioned, whereUlps, shareOfBound, whereShare);
        }
    }

    /**
     * Asserts that every case but the {@code knownLimits} is within its bounds on {@code computation}, with
     * the losses created by name and parameters (on the vector kernels if {@code vector}, else on the scalar ones); prints
     * the summary of the worst errors under {@code title}. At most 20 failures are shown.
     */
    public static void assertWithinBounds(String title, List<Case> cases, Computation computation, boolean vector,
                                          Predicate<Case> knownLimits) {
        List<Case> checked = cases.stream().filter(knownLimits.negate()).toList();
        Map<String, Worst> worst = new HashMap<>();
        List<String> failures = check(checked, c -> vector
                ? VectorSwitch.on(() -> Losses.create(c.loss(), c.parameters()))
                : VectorSwitch.off(() -> Losses.create(c.loss(), c.parameters())), computation, worst);
        System.out.println("exactness, " + title + " (" + (cases.size() - checked.size())
                + " cases of known limits left out):\n" + summary(worst));
        Assertions.assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())),
                failures.size() + " failures");
    }

    /** A summary of {@code worst}, one line per loss and quantity, sorted. */
    public static String summary(Map<String, Worst> worst) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(worst).forEach((k, w) -> out.append(String.format("%-52s %s%n", k, w)));
        return out.toString();
    }
}
