package dev.xent.cli.train;

import dev.xent.train.EpochListener;
import dev.xent.train.EpochRecord;
import dev.xent.train.TrainingResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr, one step per epoch, showing the latest training loss; or nothing. The
 * library renders it on its own thread at most every {@value #REFRESH_MILLIS} ms, and the loss
 * shown is formatted at most that often too, so a run of many short epochs pays almost nothing.
 * When training runs all its epochs, the bar's line is erased (no blank line is left; the summary
 * follows); when early stopping ends it, the bar completes and stays, saying where it stopped.
 */
final class TrainingProgress implements EpochListener, AutoCloseable {
    static final int REFRESH_MILLIS = 200;
    /** The bar's width when the terminal's is unknown (asking the terminal costs about half a second). */
    private static final int DEFAULT_WIDTH = 80;
    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final ProgressBar bar;
    private final LineConsumer line;
    private long nextMessageNanos;

    private TrainingProgress(ProgressBar bar, LineConsumer line) {
        this.bar = bar;
        this.line = line;
    }

    /** @param err where the bar is drawn, or null to show nothing (--quiet, --json, or stderr not a terminal) */
    static TrainingProgress start(int epochs, PrintWriter err) {
        if (err == null) {
            return new TrainingProgress(null, null);
        }
        LineConsumer line = new LineConsumer(err, terminalWidth());
        return new TrainingProgress(new ProgressBarBuilder().setTaskName("train").setInitialMax(epochs)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(REFRESH_MILLIS).hideEta()
                .setConsumer(line).build(), line);
    }

    private static int terminalWidth() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "")) - 1);
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH - 1;
        }
    }

    @Override
    public void epochFinished(EpochRecord record) {
        if (bar == null) {
            return;
        }
        bar.step();
        long now = System.nanoTime();
        if (now - nextMessageNanos >= 0) {
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4g", record.trainLoss()));
            nextMessageNanos = now + REFRESH_MILLIS * 1_000_000L;
        }
    }

    /** After an early stop, completes the bar at the epoch it stopped at and keeps it, saying so. */
    void finished(TrainingResult result) {
        if (bar != null && result.stoppedEarly()) {
            bar.maxHint(bar.getCurrent());
            bar.setExtraMessage(TrainTask.stopDescription(result));
            line.keep = true;
        }
    }

    /** Closes the bar and waits until its line is erased (or kept), so the summary prints after it. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            line.awaitClosed();
        }
    }

    /**
     * Draws the bar on one line (carriage return, no newline) and erases that line when closed. The
     * library renders on its own thread, which may still be drawing while the bar closes: draws after
     * {@code close} are dropped, so nothing lands after the erased (or kept) line. The library closes
     * its consumer on that thread too, after {@code ProgressBar.close()} returned: hence the latch.
     */
    private static final class LineConsumer implements ProgressBarConsumer {
        private final PrintWriter err;
        private final int width;
        private int drawn;
        private volatile boolean keep;
        private boolean closed;
        private final CountDownLatch erased = new CountDownLatch(1);

        LineConsumer(PrintWriter err, int width) {
            this.err = err;
            this.width = width;
        }

        void awaitClosed() {
            try {
                if (!erased.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
            }
        }

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public synchronized void accept(String rendered) {
            if (closed) {
                return;
            }
            String line = rendered.length() > width ? rendered.substring(0, width) : rendered;
            err.print('\r' + line + " ".repeat(Math.max(0, drawn - line.length())));
            err.flush();
            drawn = line.length();
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            err.print(keep ? System.lineSeparator() : '\r' + " ".repeat(drawn) + '\r');
            err.flush();
            erased.countDown();
        }
    }
}
