package dev.xent.cli.train;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG loss curve of a training run: training loss (and validation loss) against the epoch,
 * rendered with XChart (headless: the command line sets {@code java.awt.headless}).
 */
final class LossCurvePlot {
    private LossCurvePlot() {
    }

    /** Needs at least one epoch. */
    static void write(List<EpochRecord> history, String title, OutputStream out) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
                .xAxisTitle("epoch").yAxisTitle("mean loss").build();
        int n = history.size();
        double[] epochs = new double[n];
        double[] train = new double[epochs.length];
        double[] validation = new double[epochs.length];
        for (int i = 0; i < n; i++) {
            EpochRecord r = history.get(i);
            epochs[i] = r.epoch();
            train[i] = r.trainLoss();
            validation[i] = r.validationLoss() == null ? Double.NaN : r.validationLoss();
        }
        chart.addSeries("training loss", epochs, train).setMarker(SeriesMarkers.NONE);
        if (history.get(0).validationLoss() != null) {
            chart.addSeries("validation loss", epochs, validation).setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
}
