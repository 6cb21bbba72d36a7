import dev.xent.autodiff.Graph;
import dev.xent.autodiff.GraphEvaluation;
import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Node;
import dev.xent.core.Tensor;
import dev.xent.core.numeric.ChunkedSum;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * One build's side of {@code AB}: loaded once per benchmarks.jar, in that jar's own class loader, it runs
 * batches of {@code GraphEvaluation.valueAndGradient} calls (or, with {@code -Dab.path=kernel}, the loss's own
 * fused {@code valueAndGradient} into a buffer, with {@code -Dab.path=value} its {@code value}; add the
 * incubator module for the vector kernels) on the inputs of {@code LossBenchmark} (logits uniform in [-6, 6], seed 42,
 * from_logits = true, default parameters, C = 10 classes). With {@code -Dab.path=chain} a call builds
 * the chain of {@code BackwardTest} instead, {@code size} links of {@code chain.add(x).mul(1.0)} (two
 * nodes each), and runs its backward pass (the loss is not used). With {@code -Dab.path=plain} (binary losses)
 * a call is a plain loop over the arrays with stable BCE on logits, value and gradient, summed plainly in the
 * kernels' chunks on their pool: the yardstick of {@code PlainLoopBenchmark}. With {@code -Dab.from_logits=false}
 * an element-wise loss gets probabilities instead, {@code sigmoid} of the same logits, and from_logits = false.
 */
public class Runner implements IntToDoubleFunction {
    private final Loss loss;
    private final Tensor p;
    private final Tensor t;
    private final double[] g;
    private final boolean kernel = "kernel".equals(System.getProperty("ab.path"));
    private final boolean valueOnly = "value".equals(System.getProperty("ab.path"));
    private final boolean chain = "chain".equals(System.getProperty("ab.path"));
    private final boolean plain = "plain".equals(System.getProperty("ab.path"));
    private final int size;

    public Runner(String name, Integer size) {
        this.size = size;
        boolean fromLogits = !"false".equals(System.getProperty("ab.from_logits"));
        loss = Losses.create(name, Map.of("from_logits", fromLogits));
        SplittableRandom random = new SplittableRandom(42);
        boolean classWise = loss.inputSpace().isClassWise();
        int rows = classWise ? size / 10 : size;
        double[] logits = new double[size];
        for (int i = 0; i < size; i++) {
            logits[i] = random.nextDouble(-6, 6);
            if (!fromLogits && !classWise) {
                logits[i] = 1 / (1 + Math.exp(-logits[i]));
            }
        }
        double[] labels = new double[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = classWise ? random.nextInt(10) : random.nextInt(2);
        }
        p = classWise ? Tensor.wrap(logits, rows, 10) : Tensor.wrap(logits, size);
        t = Tensor.wrap(labels, rows);
        g = new double[size];
    }

    @Override
    public double applyAsDouble(int calls) {
        if (chain) {
            return chains(calls);
        }
        if (plain) {
            return plainLoops(calls);
        }
        double sum = 0;
        for (int i = 0; i < calls; i++) {
            if (valueOnly) {
                sum += loss.value(p, t, null);
                continue;
            }
            sum += kernel ? loss.valueAndGradient(p, t, null, g) : GraphEvaluation.valueAndGradient(loss, p, t, null, g);
        }
        return sum;
    }

    private double plainLoops(int calls) {
        double[] x = p.toArray();
        double[] y = t.toArray();
        double scale = 1.0 / size;
        double total = 0;
        for (int c = 0; c < calls; c++) {
            // the kernels' chunks of 16,384 on their pool (-Dxent.threads), each summed plainly
            total += scale * ChunkedSum.sum(size, 16384, (from, to, chunk) -> {
                double sum = 0;
                for (int i = from; i < to; i++) {
                    double e = Math.exp(-Math.abs(x[i]));
                    double r = 1.0 / (1.0 + e);
                    g[i] = scale * ((x[i] >= 0 ? r : e * r) - y[i]);
                    sum += Math.max(x[i], 0.0) - x[i] * y[i] + Math.log(1.0 + e);
                }
                chunk.add(sum);
            });
        }
        return total;
    }

    private double chains(int calls) {
        double sum = 0;
        for (int c = 0; c < calls; c++) {
            Node x = Graph.variable(Tensor.scalar(0.5));
            Node link = x;
            for (int i = 0; i < size; i++) {
                link = link.add(x).mul(1.0);
            }
            link.backward();
            sum += x.gradient().item();
        }
        return sum;
    }
}
