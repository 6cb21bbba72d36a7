package dev.xent.testkit;

import dev.xent.autodiff.AbstractGraphLoss;
import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.Node;
import dev.xent.core.TargetDomain;
import dev.xent.core.Tensor;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.List;
import java.util.Map;

/** Providers that each break one rule, to show that {@link LossProviderContract} catches it. */
final class BrokenProviders {
    private BrokenProviders() {
    }

    /** Behaves like {@link ScaledSquaredErrorProvider}; each broken provider overrides one thing. */
    abstract static class Forwarding implements LossProvider {
        final LossProvider wellBehaved = new ScaledSquaredErrorProvider();

        @Override
        public String name() {
            return wellBehaved.name();
        }

        @Override
        public String description() {
            return wellBehaved.description();
        }

        @Override
        public List<Parameter> parameters() {
            return wellBehaved.parameters();
        }

        @Override
        public Loss create(Map<String, ?> params) {
            return wellBehaved.create(params);
        }

        ParameterValues resolve(Map<String, ?> params) {
            return ParameterValues.resolve(name(), parameters(), params);
        }
    }

    /** {@code (p - y)^2}, for broken providers to override one method of. */
    private static class SquaredError extends AbstractGraphLoss {
        SquaredError(String name, ParameterValues parameters) {
            super(name, parameters, InputSpace.REAL);
        }

        @Override
        public Node graph(Node predictions, Node targets) {
            Node difference = predictions.sub(targets);
            return difference.mul(difference);
        }
    }

    /** Not listed in META-INF/services. */
    static final class Unregistered extends Forwarding {
        @Override
        public String name() {
            return "test_unregistered";
        }
    }

    /** Ignores whatever parameters it is given instead of validating them. */
    static final class IgnoresParameters extends Forwarding {
        @Override
        public Loss create(Map<String, ?> params) {
            return wellBehaved.create(Map.of());
        }
    }

    /** A fused gradient that is 1% off its own graph. */
    static final class WrongGradient extends Forwarding {
        @Override
        public Loss create(Map<String, ?> params) {
            return new SquaredError(name(), resolve(params)) {
                @Override
                public Tensor gradient(Tensor predictions, Tensor targets, Tensor sampleWeights) {
                    double[] gradient = super.gradient(predictions, targets, sampleWeights).toArray();
                    for (int i = 0; i < gradient.length; i++) {
                        gradient[i] *= 1.01;
                    }
                    return Tensor.wrap(gradient, predictions.shape());
                }
            };
        }
    }

    /** {@code p - y}, declared non-negative: negative whenever the prediction is below the target. */
    static final class NegativeLoss extends Forwarding {
        @Override
        public Loss create(Map<String, ?> params) {
            return new Difference(name(), resolve(params)) {
                @Override
                public boolean isNonNegative() {
                    return true;
                }
            };
        }
    }

    /** {@code p - y}, not declared non-negative: the contract leaves non-negativity out. */
    static final class UndeclaredNegativeLoss extends Forwarding {
        @Override
        public Loss create(Map<String, ?> params) {
            return new Difference(name(), resolve(params));
        }
    }

    /** Declares non-negative targets but validates only the input space's (any real). */
    static final class IgnoresTargetDomain extends Forwarding {
        @Override
        public Loss create(Map<String, ?> params) {
            return new AbstractGraphLoss(name(), resolve(params), InputSpace.REAL, TargetDomain.NON_NEGATIVE) {
                @Override
                public void validate(Tensor predictions, Tensor targets) {
                    InputSpace.REAL.validate(predictions, targets);
                }

                @Override
                public Node graph(Node predictions, Node targets) {
                    return predictions.exp().sub(targets.mul(predictions));
                }
            };
        }
    }

    /** {@code p - y}. */
    private static class Difference extends AbstractGraphLoss {
        Difference(String name, ParameterValues parameters) {
            super(name, parameters, InputSpace.REAL);
        }

        @Override
        public Node graph(Node predictions, Node targets) {
            return predictions.sub(targets);
        }
    }

    /** Skips validation, so a NaN prediction flows through as a NaN loss. */
    static final class AcceptsNaN extends Forwarding {
        @Override
        public Loss create(Map<String, ?> params) {
            return new SquaredError(name(), resolve(params)) {
                @Override
                public void validate(Tensor predictions, Tensor targets) {
                    // Deliberately nothing.
                }
            };
        }
    }
}
