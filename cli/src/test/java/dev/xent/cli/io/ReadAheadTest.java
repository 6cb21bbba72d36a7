package dev.xent.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
    private static final int ITEMS = 3 * ReadAhead.CHUNK_ITEMS + 17;

    @Test
    void itemsArriveInOrderAcrossChunksAndTheEndRepeats() {
        AtomicInteger counter = new AtomicInteger();
        try (ReadAhead<Integer> items = new ReadAhead<>(() -> counter.get() < ITEMS ? counter.getAndIncrement() : null,
                "test")) {
            for (int i = 0; i < ITEMS; i++) {
                assertEquals(i, items.next());
            }
            assertNull(items.next());
            assertNull(items.next());
        }
    }

    @Test
    void aFailureOfTheSourceComesAfterEveryItemBeforeIt() {
        IllegalStateException failure = new IllegalStateException("broken at item " + ITEMS);
        AtomicInteger counter = new AtomicInteger();
        try (ReadAhead<Integer> items = new ReadAhead<>(() -> {
            if (counter.get() == ITEMS) {
                throw failure;
            }
            return counter.getAndIncrement();
        }, "test")) {
            for (int i = 0; i < ITEMS; i++) {
                assertEquals(i, items.next());
            }
            assertSame(failure, assertThrows(IllegalStateException.class, items::next));
        }
    }

    @Test
    void closingStopsTheThreadWhileItWaitsAndHoldsAtMostTheWaitingChunks() throws InterruptedException {
        AtomicInteger produced = new AtomicInteger();
        ReadAhead<Integer> items = new ReadAhead<>(produced::getAndIncrement, "test");
        assertEquals(0, items.next());
        // Let the thread fill the queue: then it waits, with the taken chunk, the waiting ones and one in hand.
        while (produced.get() < (ReadAhead.WAITING_CHUNKS + 2) * ReadAhead.CHUNK_ITEMS) {
            Thread.sleep(1);
        }
        Thread.sleep(50);
        assertTrue(produced.get() <= (ReadAhead.WAITING_CHUNKS + 2) * ReadAhead.CHUNK_ITEMS + 1, "bounded read-ahead");
        items.close();
    }
}
