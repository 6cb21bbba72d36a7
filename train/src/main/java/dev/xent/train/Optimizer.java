package dev.xent.train;

import dev.xent.core.ClosestName;
import dev.xent.core.spi.NumberRange;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The optimizers a train job can name, with their hyper-parameters and defaults (the defaults of
 * PyTorch's {@code torch.optim}, except where noted). Updates, with g the gradient and t the step:
 * <ul>
 * <li>{@code sgd}: {@code w -= learning_rate * g}.
 * <li>{@code momentum}: {@code v = momentum * v + g; w -= learning_rate * v} (PyTorch's SGD with momentum).
 * <li>{@code rmsprop}: {@code s = decay * s + (1 - decay) * g^2; w -= learning_rate * g / (sqrt(s) + epsilon)}.
 * <li>{@code adam}: {@code m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g^2;
 *     w -= learning_rate * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)}.
 * <li>{@code conjugate_gradient}: full batch, non-linear conjugate gradient (Polak-Ribiere) with a
 *     line search, from commons-math3; one iteration per epoch; stops early when the objective's
 *     relative change falls to {@code tolerance}.
 * </ul>
 */
public enum Optimizer {
    /** Plain gradient descent; {@code learning_rate} 0.01. */
    SGD("sgd", List.of(learningRate(0.01))),
    /** Gradient descent with momentum; {@code learning_rate} 0.01, {@code momentum} 0.9. */
    MOMENTUM("momentum", List.of(learningRate(0.01),
            Parameter.number("momentum", 0.9, NumberRange.closedOpen(0, 1), "velocity decay per step"))),
    /** RMSprop; {@code learning_rate} 0.001, {@code decay} 0.9, {@code epsilon} 1e-8. */
    RMSPROP("rmsprop", List.of(learningRate(0.001),
            Parameter.number("decay", 0.9, NumberRange.closedOpen(0, 1), "decay of the squared-gradient average"),
            epsilon())),
    /** Adam with bias correction; {@code learning_rate} 0.001, {@code beta1} 0.9, {@code beta2} 0.999, {@code epsilon} 1e-8. */
    ADAM("adam", List.of(learningRate(0.001),
            Parameter.number("beta1", 0.9, NumberRange.closedOpen(0, 1), "decay of the first-moment estimate"),
            Parameter.number("beta2", 0.999, NumberRange.closedOpen(0, 1), "decay of the second-moment estimate"),
            epsilon())),
    /** Full-batch non-linear conjugate gradient (Polak-Ribiere, commons-math3); {@code tolerance} 1e-10. */
    CONJUGATE_GRADIENT("conjugate_gradient", List.of(
            Parameter.number("tolerance", 1e-10, NumberRange.atLeast(0),
                    "stop when |f_prev - f| <= tolerance * max(|f_prev|, |f|) between iterations")));

    private final String jsonName;
    private final List<Parameter> parameters;

    Optimizer(String jsonName, List<Parameter> parameters) {
        this.jsonName = jsonName;
        this.parameters = parameters;
    }

    private static Parameter learningRate(double defaultValue) {
        return Parameter.number("learning_rate", defaultValue, NumberRange.positive(), "step size");
    }

    private static Parameter epsilon() {
        return Parameter.number("epsilon", 1e-8, NumberRange.positive(), "added to the denominator for stability");
    }

    /** The name in job files. */
    public String jsonName() {
        return jsonName;
    }

    /** The hyper-parameters with their defaults. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Every name accepted in job files. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Optimizer::jsonName).toList();
    }

    /** The optimizer with this job-file name; throws {@link IllegalArgumentException} with the closest name. */
    public static Optimizer named(String name) {
        for (Optimizer o : values()) {
            if (o.jsonName.equals(name)) {
                return o;
            }
        }
        String hint = ClosestName.of(name, names()).map(n -> "; did you mean '" + n + "'?").orElse("");
        throw new IllegalArgumentException("unknown optimizer '" + name + "'" + hint + " (allowed: "
                + String.join(", ", names()) + ")");
    }

    /**
     * Validates hyper-parameters and fills in defaults; throws
     * {@link dev.xent.core.spi.ParameterException} for an unknown name, wrong type or range.
     */
    public ParameterValues resolve(Map<String, ?> given) {
        return ParameterValues.resolve("optimizer " + jsonName, parameters, given);
    }

    /** Whether it takes one step per mini-batch (every optimizer but conjugate_gradient). */
    public boolean isStepwise() {
        return this != CONJUGATE_GRADIENT;
    }

    /** A fresh update rule for {@code size} parameters (stepwise optimizers only). */
    GradientStep newStep(ParameterValues hp, int size) {
        double lr = hp.number("learning_rate");
        return switch (this) {
            case SGD -> (w, g) -> {
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * g[i];
                }
            };
            case MOMENTUM -> {
                double mu = hp.number("momentum");
                double[] velocity = new double[size];
                yield (w, g) -> {
                    for (int i = 0; i < w.length; i++) {
                        velocity[i] = mu * velocity[i] + g[i];
                        w[i] -= lr * velocity[i];
                    }
                };
            }
            case RMSPROP -> {
                double decay = hp.number("decay");
                double eps = hp.number("epsilon");
                double[] meanSquare = new double[size];
                yield (w, g) -> {
                    for (int i = 0; i < w.length; i++) {
                        meanSquare[i] = decay * meanSquare[i] + (1 - decay) * g[i] * g[i];
                        w[i] -= lr * g[i] / (Math.sqrt(meanSquare[i]) + eps);
                    }
                };
            }
            case ADAM -> new AdamStep(lr, hp.number("beta1"), hp.number("beta2"), hp.number("epsilon"), size);
            case CONJUGATE_GRADIENT -> throw new IllegalStateException("conjugate_gradient has no single step");
        };
    }
}
