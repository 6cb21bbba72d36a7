package dev.xent.losses.multiclass;

import dev.xent.core.spi.NumberRange;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.ArrayList;
import java.util.List;

/**
 * The focal options of {@link CategoricalFocalCrossEntropy} (its other options are
 * {@link ClassWiseOptions}), read once through their {@link Parameter} constants.
 *
 * @param gamma the focusing exponent
 * @param alpha the factor multiplying every class term
 */
record CategoricalFocalOptions(double gamma, double alpha) {
    static final Parameter GAMMA = Parameter.number("gamma", 2.0, NumberRange.atLeast(0),
            "focusing exponent: (1 - p)^gamma down-weights well-classified samples; 0 gives cross-entropy");
    static final Parameter ALPHA = Parameter.number("alpha", 0.25, NumberRange.positive(),
            "balancing factor multiplying every class term; 1 disables it");

    /** The focal options, then the class-wise ones, in the order they are documented. */
    static final List<Parameter> PARAMETERS = parameters();

    private static List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        all.add(GAMMA);
        all.add(ALPHA);
        all.addAll(ClassWiseOptions.PARAMETERS);
        return List.copyOf(all);
    }

    static CategoricalFocalOptions read(ParameterValues values) {
        return new CategoricalFocalOptions(values.number(GAMMA.name()), values.number(ALPHA.name()));
    }

    /** The class term {@code alpha (1 - p)^gamma log p}. */
    FocalTerm term() {
        return new FocalTerm(gamma, alpha);
    }
}
