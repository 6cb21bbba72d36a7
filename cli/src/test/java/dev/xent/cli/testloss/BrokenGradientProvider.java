package dev.xent.cli.testloss;

import dev.xent.autodiff.AbstractGraphLoss;
import dev.xent.core.InputSpace;
import dev.xent.core.Loss;
import dev.xent.core.Node;
import dev.xent.core.Tensor;
import dev.xent.core.spi.LossProvider;
import dev.xent.core.spi.Parameter;
import dev.xent.core.spi.ParameterValues;
import java.util.List;
import java.util.Map;

/** Test-only loss whose analytic gradient is wrong (twice the truth): gradcheck must catch it. */
public final class BrokenGradientProvider implements LossProvider {
    @Override
    public String name() {
        return "test_broken_gradient";
    }

    @Override
    public String description() {
        return "test-only loss with a wrong analytic gradient";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.reduction());
    }

    @Override
    public Loss create(Map<String, ?> params) {
        return new AbstractGraphLoss(name(), ParameterValues.resolve(name(), parameters(), params), InputSpace.REAL) {
            @Override
            public Node graph(Node p, Node y) {
                Node d = p.sub(y);
                return d.mul(d);
            }

            @Override
            public Tensor gradient(Tensor p, Tensor y, Tensor w) {
                double[] g = super.gradient(p, y, w).toArray();
                for (int i = 0; i < g.length; i++) {
                    g[i] *= 2;
                }
                return Tensor.wrap(g, p.shape());
            }
        };
    }
}
