package dev.xent.train;

import dev.xent.core.Node;
import dev.xent.core.numeric.Parallelism;
import dev.xent.core.numeric.StableMath;
import java.util.Arrays;
import java.util.List;

/** The non-linearity between the hidden layers of an {@code mlp}. */
public enum Activation {
    /** {@code tanh(x)}; weights start Glorot-uniform. */
    TANH("tanh"),
    /** {@code max(0, x)}; weights start He-uniform. */
    RELU("relu");

    /** Values per task of the parallel tanh (about 0.3 ms of work). */
    private static final int TANH_GRAIN = 8192;

    private final String jsonName;

    Activation(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name in job files. */
    public String jsonName() {
        return jsonName;
    }

    /** Every name accepted in job files. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Activation::jsonName).toList();
    }

    /** The activation with this job-file name; throws {@link IllegalArgumentException} listing the choices. */
    public static Activation named(String name) {
        for (Activation a : values()) {
            if (a.jsonName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; allowed: " + String.join(", ", names()));
    }

    Node apply(Node x) {
        return this == TANH ? x.tanh() : x.relu();
    }

    /**
     * Replaces the first {@code n} values by their activation, in one pass (the graph's {@code tanh} or
     * {@code relu} forward). tanh is {@link StableMath#tanh} (14 ns a value against 45 for {@code Math.tanh},
     * a native call on JDK 17: JMH {@code TanhBenchmark}, quiet machine), shared among the
     * kernel threads ({@link Parallelism#forEachRange}); each value is the same whoever computes it.
     */
    void forward(double[] values, int n) {
        if (this == TANH) {
            Parallelism.forEachRange(n, TANH_GRAIN, (from, to) -> {
                for (int i = from; i < to; i++) {
                    values[i] = StableMath.tanh(values[i]);
                }
            });
        } else {
            for (int i = 0; i < n; i++) {
                values[i] = values[i] > 0 ? values[i] : 0;
            }
        }
    }

    /**
     * Turns the gradient with respect to the first {@code n} activations {@code y} into the gradient
     * with respect to their inputs, in place and in one pass: {@code g (1 - y^2)} for tanh, g where
     * {@code y > 0} (the input was positive) and 0 elsewhere for relu, as the graph's backward steps.
     */
    void backward(double[] y, double[] gradient, int n) {
        if (this == TANH) {
            for (int i = 0; i < n; i++) {
                gradient[i] = gradient[i] * (1 - y[i] * y[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                gradient[i] = y[i] > 0 ? gradient[i] : 0;
            }
        }
    }
}
