import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * Compares builds of the autodiff path on a shared, noisy machine: each benchmarks.jar gets its own
 * class loader (with {@code Runner}) in one JVM, and their batches alternate (A B A B ...), so every
 * build sees the same load. Prints the thread CPU time per call: median and minimum over the batches;
 * with {@code -Dab.clock=wall} the elapsed time instead (for parallel runs: the thread CPU time of the
 * calling thread misses the pool's work). A jar given as {@code name.jar@kernel} (or {@code @graph})
 * runs that path ({@code ab.path}, see Runner), so one run can interleave the graph and the fused kernel.
 * See docs/autodiff-performance.md for the commands.
 *
 * <p>args: runnerDirectory loss size callsPerBatch batches warmupSeconds jar[@path]...
 */
public class AB {
    public static void main(String[] a) throws Exception {
        Path runnerDirectory = Path.of(a[0]);
        String loss = a[1];
        int size = Integer.parseInt(a[2]);
        int calls = Integer.parseInt(a[3]);
        int batches = Integer.parseInt(a[4]);
        double warmup = Double.parseDouble(a[5]);
        int n = a.length - 6;
        IntToDoubleFunction[] runners = new IntToDoubleFunction[n];
        for (int j = 0; j < n; j++) {
            String[] jarAndPath = a[6 + j].split("@");
            if (jarAndPath.length > 1) {
                System.setProperty("ab.path", jarAndPath[1]); // read by Runner's constructor
            }
            URL[] urls = {Path.of(jarAndPath[0]).toUri().toURL(), runnerDirectory.toUri().toURL()};
            ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            Thread.currentThread().setContextClassLoader(loader); // ServiceLoader of Losses
            runners[j] = (IntToDoubleFunction) loader.loadClass("Runner").getConstructor(String.class, Integer.class)
                    .newInstance(loss, size);
        }
        var mx = ManagementFactory.getThreadMXBean();
        boolean wall = "wall".equals(System.getProperty("ab.clock"));
        double sink = 0;
        long end = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < end) {
            for (IntToDoubleFunction r : runners) {
                sink += r.applyAsDouble(calls);
            }
        }
        double[][] us = new double[n][batches];
        for (int b = 0; b < batches; b++) {
            for (int j = 0; j < n; j++) {
                long c0 = wall ? System.nanoTime() : mx.getCurrentThreadCpuTime();
                sink += runners[j].applyAsDouble(calls);
                us[j][b] = ((wall ? System.nanoTime() : mx.getCurrentThreadCpuTime()) - c0) / 1e3 / calls;
            }
        }
        for (int j = 0; j < n; j++) {
            Arrays.sort(us[j]);
            System.out.printf("%-34s size=%-8d %-18s median %10.3f us  min %10.3f us%s%n", loss, size,
                    Path.of(a[6 + j]).getFileName(), us[j][batches / 2], us[j][0], sink == 0 ? " " : "");
        }
    }
}
