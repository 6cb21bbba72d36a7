import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Value + gradient rates of the multi-class configurations at 1e6 x 10 (the inputs of
 * bench/pytorch_reference.py's multi-class cases: logits uniform in [-6, 6], class indices or softmax
 * distributions; probabilities: the softmax of the logits), median of {@code calls} calls after a
 * warm-up, in million elements per second. Thread count: {@code -Dxent.threads}; vector kernels:
 * {@code --add-modules jdk.incubator.vector -Dxent.vector=true}.
 *
 * <p>args: warmupSeconds calls configuration... (index, smoothing, distribution, focal, probabilities)
 */
public class MulticlassRates {
    public static void main(String[] a) {
        double warmup = Double.parseDouble(a[0]);
        int calls = Integer.parseInt(a[1]);
        int rows = 1_000_000;
        int classes = 10;
        double[][] inputs = inputs(rows, classes);
        double[] x = inputs[0];
        double[] labels = inputs[1];
        double[] q = inputs[2];
        double[] p = inputs[3];
        Tensor logits = Tensor.wrap(x, rows, classes);
        Tensor indices = Tensor.wrap(labels, rows);
        double[] g = new double[x.length];
        for (int j = 2; j < a.length; j++) {
            String name = a[j];
            Loss loss;
            Tensor predictions = logits;
            Tensor targets = indices;
            switch (name) {
                case "index" -> loss = Losses.create("categorical_cross_entropy", Map.of("from_logits", true));
                case "smoothing" -> loss = Losses.create("categorical_cross_entropy",
                        Map.of("from_logits", true, "label_smoothing", 0.1));
                case "distribution" -> {
                    loss = Losses.create("categorical_cross_entropy", Map.of("from_logits", true));
                    targets = Tensor.wrap(q, rows, classes);
                }
                case "focal" -> loss = Losses.create("categorical_focal_cross_entropy", Map.of("from_logits", true));
                case "probabilities" -> {
                    loss = Losses.create("categorical_cross_entropy", Map.of());
                    predictions = Tensor.wrap(p, rows, classes);
                }
                default -> throw new IllegalArgumentException("unknown configuration " + name);
            }
            double sink = 0;
            long end = System.nanoTime() + (long) (warmup * 1e9);
            while (System.nanoTime() < end) {
                sink += loss.valueAndGradient(predictions, targets, null, g);
            }
            double[] seconds = new double[calls];
            for (int c = 0; c < calls; c++) {
                long t0 = System.nanoTime();
                sink += loss.valueAndGradient(predictions, targets, null, g);
                seconds[c] = (System.nanoTime() - t0) / 1e9;
            }
            Arrays.sort(seconds);
            double median = seconds[calls / 2];
            System.out.printf("%-14s 1e6x10 value+gradient: median %7.2f ms, %7.1f M elements/s%s%n", name, median * 1e3,
                    x.length / median / 1e6, sink == 0 ? " " : "");
        }
    }

    /** The inputs {logits, class indices, distributions, probabilities} of {@code rows} rows (seed 42). */
    static double[][] inputs(int rows, int classes) {
        SplittableRandom random = new SplittableRandom(42);
        double[] x = new double[rows * classes];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-6, 6);
        }
        double[] labels = new double[rows];
        double[] q = new double[rows * classes];
        double[] p = new double[rows * classes];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(classes);
            softmax(x, r * classes, classes, p);
            double[] scores = new double[classes];
            for (int c = 0; c < classes; c++) {
                scores[c] = random.nextDouble(-2, 2);
            }
            softmax(scores, 0, classes, scores);
            System.arraycopy(scores, 0, q, r * classes, classes);
        }
        return new double[][] {x, labels, q, p};
    }

    private static void softmax(double[] in, int offset, int classes, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, in[offset + c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            out[offset + c] = Math.exp(in[offset + c] - max);
            sum += out[offset + c];
        }
        for (int c = 0; c < classes; c++) {
            out[offset + c] /= sum;
        }
    }
}
