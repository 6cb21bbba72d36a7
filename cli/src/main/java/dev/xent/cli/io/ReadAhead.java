package dev.xent.cli.io;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Takes items from a source on a background thread, in chunks, while the caller works on the
 * previous ones: lexing a CSV file (the slowest part of a streamed evaluate) overlaps number parsing,
 * validation and the loss. At most {@value #WAITING_CHUNKS} chunks of {@value #CHUNK_ITEMS} items
 * wait, so memory stays bounded. A failure of the source is thrown by {@link #next()} after every
 * item before it, so the caller still meets problems in file order.
 *
 * @param <T> the item type
 */
final class ReadAhead<T> implements AutoCloseable {
    static final int CHUNK_ITEMS = 4096;
    static final int WAITING_CHUNKS = 2;

    private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(WAITING_CHUNKS);
    private final Thread thread;
    /** The last chunk of a source that failed outside {@code source.get()}: its failure is {@link #failed}. */
    private final Chunk failedChunk = new Chunk(new Object[0], 0, true, null);
    private volatile Throwable failed;
    private Chunk current;
    private int position;

    /** The items of a chunk; the last chunk also carries the source's failure, if any. */
    private record Chunk(Object[] items, int size, boolean last, Throwable failure) {
    }

    /**
     * Starts reading; the source must not be used by anyone else from now on.
     *
     * @param source gives the next item, null after the last
     */
    ReadAhead(Supplier<? extends T> source, String threadName) {
        thread = new Thread(() -> fill(source), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void fill(Supplier<? extends T> source) {
        try {
            boolean last = false;
            while (!last) {
                Object[] items = new Object[CHUNK_ITEMS];
                int size = 0;
                Throwable failure = null;
                try {
                    T item;
                    while (size < CHUNK_ITEMS && (item = source.get()) != null) {
                        items[size++] = item;
                    }
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                last = failure != null || size < CHUNK_ITEMS;
                chunks.put(new Chunk(items, size, last, failure));
            }
        } catch (InterruptedException e) {
            // Closed by the reader: nobody waits for more items.
        } catch (Throwable e) {
            // Out of memory for a new chunk: the reader, waiting for one, gets the error instead.
            failed = e;
            chunks.clear();
            chunks.offer(failedChunk);
        }
    }

    /**
     * The next item, or null after the last one.
     *
     * @throws RuntimeException the source's own failure, once every item before it was returned
     */
    @SuppressWarnings("unchecked")
    T next() {
        while (current == null || position == current.size()) {
            if (current != null && current.last()) {
                Throwable failure = current == failedChunk ? failed : current.failure();
                if (failure instanceof RuntimeException e) {
                    throw e;
                }
                if (failure instanceof Error e) {
                    throw e;
                }
                return null;
            }
            current = take();
            position = 0;
        }
        return (T) current.items()[position++];
    }

    private Chunk take() {
        try {
            return chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while reading"));
        }
    }

    /** Stops the background thread and waits for it, so that the source can be closed safely. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
