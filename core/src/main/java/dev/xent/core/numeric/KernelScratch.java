package dev.xent.core.numeric;

/**
 * Per-thread scratch arrays for block kernels, kept and reused across calls, so that a call allocates
 * none per chunk (a fresh 8 KB per chunk of 16384 elements would be half a byte per element).
 *
 * <p>A kernel asks for numbered slots at the start of a chunk and owns them on this thread until the
 * chunk is done; it must not call another kernel meanwhile. An array may be longer than asked and holds
 * whatever the previous user left in it.
 */
public final class KernelScratch {
    private static final ThreadLocal<KernelScratch> PER_THREAD = ThreadLocal.withInitial(KernelScratch::new);
    private static final int SLOTS = 12;

    private final double[][] doubles = new double[SLOTS][0];
    private final int[][] ints = new int[SLOTS][0];

    private KernelScratch() {
    }

    /** This thread's double array of slot {@code slot} (0 to 11), at least {@code length} long. */
    public static double[] doubles(int slot, int length) {
        double[][] arrays = PER_THREAD.get().doubles;
        if (arrays[slot].length < length) {
            arrays[slot] = new double[length];
        }
        return arrays[slot];
    }

    /** This thread's int array of slot {@code slot} (0 to 11), at least {@code length} long. */
    public static int[] ints(int slot, int length) {
        int[][] arrays = PER_THREAD.get().ints;
        if (arrays[slot].length < length) {
            arrays[slot] = new int[length];
        }
        return arrays[slot];
    }
}
