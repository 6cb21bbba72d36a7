package dev.xent.losses.binary;

/**
 * Where {@link ElementwiseReduction} gets the {@link SegmentKernel} of each chunk, and whether those
 * kernels check the loss's inputs as they read them.
 */
@FunctionalInterface
interface SegmentKernels {

    /** The kernel for one chunk, made on the thread that runs it (a kernel may keep that thread's scratch). */
    SegmentKernel forChunk();

    /**
     * Whether the kernels check every element against the loss's own validation as they read it: then the
     * reduction checks only the shapes before the kernels run (no separate validation pass over the inputs),
     * and if a kernel reports an invalid element it runs the loss's validation, which throws the usual error.
     */
    default boolean checkInputs() {
        return false;
    }

    /** Kernels from {@code kernels} that check the inputs as they read them ({@link #checkInputs()}). */
    static SegmentKernels checking(java.util.function.Supplier<SegmentKernel> kernels) {
        return new SegmentKernels() {
            @Override
            public SegmentKernel forChunk() {
                return kernels.get();
            }

            @Override
            public boolean checkInputs() {
                return true;
            }
        };
    }
}
