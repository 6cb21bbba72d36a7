package dev.xent.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.core.Loss;
import dev.xent.core.LossRegistry;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A loss by name with its JSON-style parameters: what travels to the executors, where the loss is
 * created again through the registry of the task's class loader (so plugin jars given to
 * {@code spark-submit --jars} are found there as on the driver). The constructor creates the loss
 * once, so a bad name or parameter fails on the driver, before any job runs.
 */
public final class LossSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<ClassLoader, LossRegistry> REGISTRIES = new WeakHashMap<>();

    private final String name;
    private final LinkedHashMap<String, Object> params;
    private transient Loss loss;

    private LossSpec(String name, Map<String, ?> params) {
        this.name = name;
        this.params = new LinkedHashMap<>(params);
        this.loss = registry().create(name, this.params);
    }

    /**
     * A loss by name or alias with parameters (JSON names; values Boolean, Number, String or a List).
     *
     * @throws dev.xent.core.UnknownLossException for an unknown name (listing what is available)
     * @throws dev.xent.core.spi.ParameterException for a bad parameter
     */
    public static LossSpec of(String name, Map<String, ?> params) {
        return new LossSpec(name, params);
    }

    /** A loss by name with default parameters. */
    public static LossSpec of(String name) {
        return new LossSpec(name, Map.of());
    }

    /**
     * A loss by name with its parameters as a JSON object, e.g. {@code {"from_logits": true}}
     * (null or blank for none).
     *
     * @throws IllegalArgumentException for malformed JSON (line and column) or a value that is not an object
     */
    public static LossSpec fromJson(String name, String paramsJson) {
        if (paramsJson == null || paramsJson.isBlank()) {
            return of(name);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(paramsJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": malformed JSON parameters at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage(), e);
        }
        if (!tree.isObject()) {
            throw new IllegalArgumentException(name + ": parameters must be a JSON object, not " + paramsJson);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) plainJson(tree);
        return of(name, values);
    }

    /**
     * A JSON tree as plain Java values, by Jackson's own untyped mapping: objects as maps, arrays as
     * lists, whole numbers as Integer or Long, other numbers as Double.
     */
    public static Object plainJson(JsonNode node) {
        return node == null ? null : JSON.convertValue(node, Object.class);
    }

    /** The same loss with some parameters replaced or added. */
    public LossSpec with(Map<String, ?> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(params);
        merged.putAll(overrides);
        return new LossSpec(name, merged);
    }

    /** The name as given (a name or an alias). */
    public String name() {
        return name;
    }

    /** The parameters as given (without defaults). */
    public Map<String, Object> params() {
        return Collections.unmodifiableMap(params);
    }

    /** The loss, created here (driver or executor) on first use. */
    public Loss loss() {
        if (loss == null) {
            loss = registry().create(name, params);
        }
        return loss;
    }

    /** The provider of this loss (from the same registry as {@link #loss()}). */
    public dev.xent.core.spi.LossProvider provider() {
        return registry().provider(name);
    }

    /** The registry of this thread's context class loader (Spark's, with the jars of {@code --jars}). */
    static LossRegistry registry() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = LossSpec.class.getClassLoader();
        }
        synchronized (REGISTRIES) {
            return REGISTRIES.computeIfAbsent(loader, LossRegistry::load);
        }
    }

    @Override
    public String toString() {
        return loss().name() + " " + loss().parameters();
    }
}
