import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * {@code AB} for the multi-class configurations of {@code MulticlassRates} (the same inputs: logits uniform in
 * [-6, 6], seed 42, class indices or softmax distributions, probabilities the softmax of the logits; plus
 * focal and probabilities with distribution targets): each benchmarks.jar gets its own class loader, their
 * batches alternate, and the median and minimum time per call are printed with the ratio to the first jar.
 * Clock {@code cpu}: the calling thread's CPU time (for {@code -Dxent.threads=1}); {@code wall}: elapsed.
 *
 * <p>Compile with MulticlassRates.java into one directory. args: harnessDirectory configuration rows callsPerBatch batches warmupSeconds cpu|wall jar...
 * (configurations: index, smoothing, distribution, focal, focaldist, probabilities, probdist)
 */
public class MulticlassAB {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]); String config = a[1]; int rows = Integer.parseInt(a[2]);
        int calls = Integer.parseInt(a[3]); int batches = Integer.parseInt(a[4]); double warmup = Double.parseDouble(a[5]);
        boolean wall = a[6].equals("wall");
        int n = a.length - 7;
        IntToDoubleFunction[] rs = new IntToDoubleFunction[n];
        for (int j = 0; j < n; j++) {
            URL[] urls = {Path.of(a[7 + j]).toUri().toURL(), dir.toUri().toURL()};
            ClassLoader l = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            Thread.currentThread().setContextClassLoader(l);
            rs[j] = (IntToDoubleFunction) l.loadClass("MulticlassAB$Runner").getConstructor(String.class, Integer.class).newInstance(config, rows);
        }
        var mx = ManagementFactory.getThreadMXBean();
        double sink = 0;
        long end = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < end) for (var r : rs) sink += r.applyAsDouble(calls);
        double[][] t = new double[n][batches];
        for (int b = 0; b < batches; b++) for (int j = 0; j < n; j++) {
            long c0 = wall ? System.nanoTime() : mx.getCurrentThreadCpuTime();
            sink += rs[j].applyAsDouble(calls);
            t[j][b] = ((wall ? System.nanoTime() : mx.getCurrentThreadCpuTime()) - c0) / 1e6 / calls;
        }
        double base = 0;
        for (int j = 0; j < n; j++) {
            Arrays.sort(t[j]);
            double med = t[j][batches / 2];
            if (j == 0) base = med;
            System.out.printf("%-13s rows=%-8d %-10s median %9.4f ms (%7.1f M/s) min %9.4f ms  ratio %.3f%s%n", config, rows,
                Path.of(a[7 + j]).getFileName(), med, rows * 10 / med / 1e3, t[j][0], base / med, sink == 0 ? " " : "");
        }
    }

    public static final class Runner implements IntToDoubleFunction {
        final Loss loss; final Tensor predictions; final Tensor targets; final double[] g;
        public Runner(String name, Integer rows) {
            int classes = 10;
            double[][] in = MulticlassRates.inputs(rows, classes); // logits, indices, distributions, probabilities
            double[] q = in[2];
            double[] p = in[3];
            Tensor logits = Tensor.wrap(in[0], rows, classes);
            Tensor indices = Tensor.wrap(in[1], rows);
            Tensor pr = logits; Tensor t = indices;
            switch (name) {
                case "index" -> loss = Losses.create("categorical_cross_entropy", Map.of("from_logits", true));
                case "smoothing" -> loss = Losses.create("categorical_cross_entropy", Map.of("from_logits", true, "label_smoothing", 0.1));
                case "distribution" -> { loss = Losses.create("categorical_cross_entropy", Map.of("from_logits", true)); t = Tensor.wrap(q, rows, classes); }
                case "focal" -> loss = Losses.create("categorical_focal_cross_entropy", Map.of("from_logits", true));
                case "focaldist" -> { loss = Losses.create("categorical_focal_cross_entropy", Map.of("from_logits", true)); t = Tensor.wrap(q, rows, classes); }
                case "probabilities" -> { loss = Losses.create("categorical_cross_entropy", Map.of()); pr = Tensor.wrap(p, rows, classes); }
                case "probdist" -> { loss = Losses.create("categorical_cross_entropy", Map.of()); pr = Tensor.wrap(p, rows, classes); t = Tensor.wrap(q, rows, classes); }
                default -> throw new IllegalArgumentException(name);
            }
            predictions = pr; targets = t; g = new double[in[0].length];
        }
        public double applyAsDouble(int calls) {
            double s = 0;
            for (int i = 0; i < calls; i++) s += loss.valueAndGradient(predictions, targets, null, g);
            return s;
        }
    }
}
