package dev.xent.autodiff;

import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.Node;
import dev.xent.core.TargetDomain;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A loss in one class: the provider that {@link java.util.ServiceLoader} finds and the graph
 * expression of its per-sample losses. The constructor declares what {@code xent describe} shows
 * (name, description, aliases, formula, inputs, parameters); {@link #graph(Node, Node, ParameterValues)}
 * says how to compute one loss per sample, and the autodiff engine gives the rest ({@link AbstractGraphLoss}:
 * sample weights, the reductions, gradients).
 * <pre>{@code
 * public final class PoissonLoss extends GraphLossProvider {
 *     public PoissonLoss() {
 *         super("poisson_nll", "Poisson negative log-likelihood of counts, given log-rates");
 *         formula("l_i = exp(x_i) - y_i x_i");
 *         inputs(InputSpace.REAL, TargetDomain.NON_NEGATIVE);
 *     }
 *
 *     @Override
 *     protected Node graph(Node logRates, Node counts, ParameterValues parameters) {
 *         return logRates.exp().sub(counts.mul(logRates));
 *     }
 * }
 * }</pre>
 * Every such loss has the standard {@code reduction} parameter (mean, sum, none), declared after the
 * loss's own. Register the class like any provider (META-INF/services and module-info). The
 * declarations run once, in the constructor; the class stays immutable after it, as providers and
 * losses must.
 */
public abstract class GraphLossProvider implements LossProvider {
    private final String name;
    private final String description;
    private List<String> aliases = List.of();
    private String formula = "";
    private InputSpace inputSpace = InputSpace.REAL;
    private TargetDomain targetDomain = TargetDomain.REAL;
    private List<Parameter> parameters = List.of(Parameter.reduction());
    private boolean nonNegative;

    /**
     * @param name        the stable snake_case name, the JSON key
     * @param description one line saying what the loss is
     */
    protected GraphLossProvider(String name, String description) {
        this.name = name;
        this.description = description;
    }

    /** Other names that also find the loss. */
    protected final void aliases(String... names) {
        aliases = List.of(names);
    }

    /** The formula in plain text, for {@code xent describe}. */
    protected final void formula(String text) {
        formula = text;
    }

    /**
     * What predictions are and what targets may be; {@link Loss#validate} enforces both. Without this
     * call, both are any finite real numbers ({@link InputSpace#REAL}, {@link TargetDomain#REAL}).
     */
    protected final void inputs(InputSpace predictions, TargetDomain targets) {
        inputSpace = predictions;
        targetDomain = targets;
    }

    /**
     * The loss's own parameters, in the order users see them ({@link Parameter#number},
     * {@link Parameter#integer}, {@link Parameter#bool}, {@link Parameter#choice},
     * {@link Parameter#numberList}); {@code reduction} comes after them.
     */
    protected final void parameters(Parameter... declared) {
        List<Parameter> all = new ArrayList<>(List.of(declared));
        for (Parameter parameter : declared) {
            if (parameter.name().equals("reduction")) {
                throw new IllegalArgumentException(name + ": 'reduction' is declared for every GraphLossProvider; "
                        + "do not declare it again");
            }
        }
        all.add(Parameter.reduction());
        parameters = List.copyOf(all);
    }

    /** Declares every per-sample loss {@code >= 0} on valid inputs (the testkit then checks it). */
    protected final void nonNegative() {
        nonNegative = true;
    }

    /**
     * The per-sample losses, one per element (element-wise) or one per row (row-wise), given the
     * validated parameters (read them with {@link ParameterValues#number} and its siblings).
     */
    protected abstract Node graph(Node predictions, Node targets, ParameterValues parameters);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> aliases() {
        return aliases;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final String formula() {
        return formula;
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public final Loss create(Map<String, ?> params) {
        return new DefinedLoss(this, ParameterValues.resolve(name, parameters, params));
    }

    /** The configured loss: this provider's graph with one set of parameters. */
    private static final class DefinedLoss extends AbstractGraphLoss {
        private final GraphLossProvider provider;
        private final ParameterValues values;

        DefinedLoss(GraphLossProvider provider, ParameterValues values) {
            super(provider.name, values, provider.inputSpace, provider.targetDomain);
            this.provider = provider;
            this.values = values;
        }

        @Override
        public Node graph(Node predictions, Node targets) {
            return provider.graph(predictions, targets, values);
        }

        @Override
        public boolean isNonNegative() {
            return provider.nonNegative;
        }
    }
}
