package dev.xent.train;

import dev.xent.core.Node;
import java.util.Arrays;
import java.util.List;

/** The non-linearity between the hidden layers of an {@code mlp}. */
public enum Activation {
    /** {@code tanh(x)}; weights start Glorot-uniform. */
    TANH("tanh"),
    /** {@code max(0, x)}; weights start He-uniform. */
    RELU("relu");

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
}
