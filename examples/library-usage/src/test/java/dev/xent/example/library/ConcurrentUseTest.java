package dev.xent.example.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xent.core.Loss;
import dev.xent.core.Losses;
import dev.xent.core.Tensor;
import dev.xent.core.ValueAndGradient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One {@link Loss} shared by a thread pool gives bit-for-bit the results it gives on one thread. */
class ConcurrentUseTest {
    private static final int TASKS = 200;
    private static final int THREADS = 4;

    @Test
    void sharedLossGivesTheSameResultsConcurrentlyAsSequentially() throws Exception {
        for (String name : List.of("binary_cross_entropy", "binary_focal_cross_entropy")) {
            Loss loss = Losses.create(name, Map.of("from_logits", true));
            List<Callable<ValueAndGradient>> tasks = tasks(loss);
            List<ValueAndGradient> sequential = new ArrayList<>();
            for (Callable<ValueAndGradient> task : tasks) {
                sequential.add(task.call());
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<ValueAndGradient>> concurrent = pool.invokeAll(tasks);
                for (int i = 0; i < TASKS; i++) {
                    ValueAndGradient expected = sequential.get(i);
                    ValueAndGradient actual = concurrent.get(i).get();
                    assertEquals(expected.value(), actual.value(), 0.0, name + " task " + i);
                    assertArrayEquals(expected.gradient().toArray(), actual.gradient().toArray(), 0.0, name + " task " + i);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Inputs of different sizes, so that threads interleave inside the kernels. */
    private static List<Callable<ValueAndGradient>> tasks(Loss loss) {
        Random random = new Random(20261123L);
        List<Callable<ValueAndGradient>> tasks = new ArrayList<>();
        for (int t = 0; t < TASKS; t++) {
            int size = 1 + random.nextInt(2000);
            double[] logits = new double[size];
            double[] labels = new double[size];
            double[] weights = new double[size];
            for (int i = 0; i < size; i++) {
                logits[i] = 8 * random.nextGaussian();
                labels[i] = random.nextBoolean() ? 1 : 0;
                weights[i] = 0.5 + random.nextDouble();
            }
            Tensor p = Tensor.of(logits);
            Tensor y = Tensor.of(labels);
            Tensor w = t % 2 == 0 ? null : Tensor.of(weights);
            tasks.add(() -> loss.valueAndGradient(p, y, w));
        }
        return tasks;
    }
}
