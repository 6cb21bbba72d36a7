package dev.xent.cli.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr, one step per epoch, showing the latest training loss; or nothing. */
final class TrainingProgress implements EpochListener, AutoCloseable {
    private final ProgressBar bar;

    private TrainingProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** @param visible false (with --quiet, or when stderr is not a terminal) shows nothing */
    static TrainingProgress start(int epochs, boolean visible) {
        if (!visible) {
            return new TrainingProgress(null);
        }
        return new TrainingProgress(new ProgressBarBuilder().setTaskName("train").setInitialMax(epochs)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100).clearDisplayOnFinish().build());
    }

    @Override
    public void epochFinished(EpochRecord record) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(java.util.Locale.ROOT, "loss %.4g", record.trainLoss()));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
