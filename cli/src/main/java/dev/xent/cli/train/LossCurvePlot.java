package dev.xent.cli.train;

import dev.xent.train.EpochListener;
import dev.xent.train.EpochRecord;
import dev.xent.train.TrainingResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG loss curve of a training run: training loss (and validation loss) against the epoch,
 * rendered with XChart (headless: the command line sets {@code java.awt.headless}). The x axis runs
 * from 0 to the last epoch so that its ticks fall on round epochs; the legend sits inside the plot,
 * top right, where falling curves leave room; the epoch whose model early stopping restored is marked
 * by a dashed line and a point on the monitored curve.
 */
final class LossCurvePlot {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    private static final Color TRAINING = new Color(0x1f77b4);
    private static final Color VALIDATION = new Color(0xff7f0e);
    private static final Color BEST = new Color(0x2ca02c);

    private LossCurvePlot() {
    }

    /** Needs at least one epoch; {@code bestEpoch} is the epoch whose model was restored, or null. */
    static void write(List<EpochRecord> history, Integer bestEpoch, String title, OutputStream out) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle("mean loss").build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setXAxisMin(0.0);
        styler.setXAxisMax((double) Math.max(1, history.get(history.size() - 1).epoch()));
        styler.setYAxisDecimalPattern("0.0#####");
        int n = history.size();
        double[] epochs = new double[n];
        double[] train = new double[n];
        double[] validation = new double[n];
        for (int i = 0; i < n; i++) {
            EpochRecord r = history.get(i);
            epochs[i] = r.epoch();
            train[i] = r.trainLoss();
            validation[i] = r.validationLoss() == null ? Double.NaN : r.validationLoss();
        }
        boolean validated = history.get(0).validationLoss() != null;
        curve(chart.addSeries("training loss", epochs, train), TRAINING);
        if (validated) {
            curve(chart.addSeries("validation loss", epochs, validation), VALIDATION);
        }
        // XChart puts the ticks of equally spaced x values (epochs are) on the values themselves, every
        // k-th one: 1, 11, ..., 191, the last epochs unlabelled. One invisible point between two epochs
        // makes the x values unequally spaced, and the ticks fall on round numbers (0, 50, 100, ...).
        XYSeries spacing = chart.addSeries(" ", new double[] {0.5}, new double[] {train[0]});
        spacing.setMarker(SeriesMarkers.NONE);
        spacing.setShowInLegend(false);
        if (bestEpoch != null) {
            markBest(chart, bestEpoch, validated ? validation : train, epochs);
        }
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }

    private static void curve(XYSeries series, Color color) {
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
    }

    /** A dashed line at the restored epoch and a point on the curve early stopping watched. */
    private static void markBest(XYChart chart, int bestEpoch, double[] monitored, double[] epochs) {
        for (int i = 0; i < epochs.length; i++) {
            if (epochs[i] == bestEpoch) {
                XYSeries best = chart.addSeries("best epoch " + bestEpoch + " (restored)",
                        new double[] {bestEpoch}, new double[] {monitored[i]});
                best.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                best.setMarker(SeriesMarkers.DIAMOND);
                best.setMarkerColor(BEST);
                chart.getStyler().setAnnotationLineColor(BEST);
                chart.getStyler().setAnnotationLineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
                chart.addAnnotation(new AnnotationLine(bestEpoch, true, false));
                return;
            }
        }
    }
}
