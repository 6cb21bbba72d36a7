package dev.xent.cli.explain;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The explain plot (PNG, rendered headless with XChart): the cross-entropy against the predicted
 * probability, {@code -log p} (y = 1) and {@code -log(1 - p)} (y = 0), with each data row marked at
 * its predicted probability and its loss.
 */
final class ExplainPlot {
    private static final int CURVE_POINTS = 400;
    private static final double EDGE = 1e-3;

    private final List<Double> positiveX = new ArrayList<>();
    private final List<Double> positiveY = new ArrayList<>();
    private final List<Double> negativeX = new ArrayList<>();
    private final List<Double> negativeY = new ArrayList<>();
    private final List<Double> otherX = new ArrayList<>();
    private final List<Double> otherY = new ArrayList<>();
    private final String xTitle;

    /** @param xTitle the x axis: the probability of class 1, or of the true class */
    ExplainPlot(String xTitle) {
        this.xTitle = xTitle;
    }

    /** Marks a row with target 1 (or a class-wise row at its true class's probability). */
    void positive(double probability, double loss) {
        positiveX.add(probability);
        positiveY.add(loss);
    }

    /** Marks a row with target 0. */
    void negative(double probability, double loss) {
        negativeX.add(probability);
        negativeY.add(loss);
    }

    /** Marks a row with a soft target. */
    void soft(double probability, double loss) {
        otherX.add(probability);
        otherY.add(loss);
    }

    /** Renders the chart as PNG. */
    void writePng(String title, OutputStream out) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title).xAxisTitle(xTitle)
                .yAxisTitle("loss").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideN);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.0);
        double[] p = new double[CURVE_POINTS];
        double[] positiveCurve = new double[CURVE_POINTS];
        double[] negativeCurve = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            p[i] = EDGE + (1 - 2 * EDGE) * i / (CURVE_POINTS - 1);
            positiveCurve[i] = -Math.log(p[i]);
            negativeCurve[i] = -Math.log1p(-p[i]);
        }
        line(chart.addSeries("-log p (y = 1)", p, positiveCurve));
        line(chart.addSeries("-log(1 - p) (y = 0)", p, negativeCurve));
        markers(chart, "rows with y = 1", positiveX, positiveY);
        markers(chart, "rows with y = 0", negativeX, negativeY);
        markers(chart, "rows with soft targets", otherX, otherY);
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }

    private static void line(XYSeries series) {
        series.setMarker(SeriesMarkers.NONE);
    }

    private static void markers(XYChart chart, String name, List<Double> x, List<Double> y) {
        if (x.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
    }
}
