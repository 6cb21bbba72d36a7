package dev.xent.cli.explain;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The explain plot (PNG, rendered headless with XChart): the cross-entropy against the predicted
 * probability, {@code -log p} (y = 1) and {@code -log(1 - p)} (y = 0), with each data row marked at
 * its predicted probability and its loss, in the colour of its target's curve. Rows whose markers
 * would cover each other (typically several confident rows at p near 0 or 1) share one marker, and
 * every marker is labelled with the ids of its rows, as long as there are few enough to read.
 */
final class ExplainPlot {
    static final int WIDTH = 800;
    static final int HEIGHT = 560;
    private static final int CURVE_POINTS = 400;
    private static final double EDGE = 1e-3;
    /** Markers closer than this share one: about a marker's size, as a share of each axis's range. */
    private static final double OVERLAP = 0.015;
    private static final int MAX_LABELS = 40;
    private static final int MAX_IDS_PER_LABEL = 4;
    private static final Color POSITIVE = new Color(0x1f77b4);
    private static final Color NEGATIVE = new Color(0xff7f0e);
    private static final Color SOFT = new Color(0x7f7f7f);

    private record Mark(String id, double probability, double loss) {
    }

    private final List<Mark> positive = new ArrayList<>();
    private final List<Mark> negative = new ArrayList<>();
    private final List<Mark> soft = new ArrayList<>();
    private final String xTitle;

    /** @param xTitle the x axis: the probability of class 1, or of the true class */
    ExplainPlot(String xTitle) {
        this.xTitle = xTitle;
    }

    /** Marks a row with target 1 (or a class-wise row at its true class's probability). */
    void positive(String id, double probability, double loss) {
        positive.add(new Mark(id, probability, loss));
    }

    /** Marks a row with target 0. */
    void negative(String id, double probability, double loss) {
        negative.add(new Mark(id, probability, loss));
    }

    /** Marks a row with a soft target. */
    void soft(String id, double probability, double loss) {
        soft.add(new Mark(id, probability, loss));
    }

    /** Renders the chart as PNG. */
    void writePng(String title, OutputStream out) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle("loss").build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideN);
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(1.0);
        styler.setXAxisDecimalPattern("0.0");
        styler.setYAxisDecimalPattern("0.0##");
        styler.setMarkerSize(10);
        double[] p = new double[CURVE_POINTS];
        double[] positiveCurve = new double[CURVE_POINTS];
        double[] negativeCurve = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            p[i] = EDGE + (1 - 2 * EDGE) * i / (CURVE_POINTS - 1);
            positiveCurve[i] = -Math.log(p[i]);
            negativeCurve[i] = -Math.log1p(-p[i]);
        }
        line(chart.addSeries("-log p (y = 1)", p, positiveCurve), POSITIVE);
        line(chart.addSeries("-log(1 - p) (y = 0)", p, negativeCurve), NEGATIVE);
        double yRange = Math.max(positiveCurve[0], maxLoss());
        List<List<Mark>> positiveGroups = markers(chart, "rows with y = 1", positive, POSITIVE, yRange);
        List<List<Mark>> negativeGroups = markers(chart, "rows with y = 0", negative, NEGATIVE, yRange);
        List<List<Mark>> softGroups = markers(chart, "rows with soft targets", soft, SOFT, yRange);
        if (positiveGroups.size() + negativeGroups.size() + softGroups.size() <= MAX_LABELS) {
            // Where the curves cross, a y = 1 row and a y = 0 row meet: their labels go to opposite sides.
            positiveGroups.forEach(group -> label(chart, group, yRange, false));
            negativeGroups.forEach(group -> label(chart, group, yRange, true));
            softGroups.forEach(group -> label(chart, group, yRange, false));
        }
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }

    private double maxLoss() {
        double max = 0;
        for (List<Mark> marks : List.of(positive, negative, soft)) {
            for (Mark mark : marks) {
                max = Double.isFinite(mark.loss()) ? Math.max(max, mark.loss()) : max;
            }
        }
        return max;
    }

    private static void line(XYSeries series, Color color) {
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
    }

    /** One marker per group of overlapping rows, in the colour of their curve; gives the groups. */
    private static List<List<Mark>> markers(XYChart chart, String name, List<Mark> marks, Color color, double yRange) {
        List<List<Mark>> groups = overlapping(marks, yRange);
        if (groups.isEmpty()) {
            return groups;
        }
        double[] x = groups.stream().mapToDouble(group -> group.get(0).probability()).toArray();
        double[] y = groups.stream().mapToDouble(group -> group.get(0).loss()).toArray();
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(color);
        return groups;
    }

    /** Rows in order, each joining the first earlier group whose first row is within {@link #OVERLAP}. */
    private static List<List<Mark>> overlapping(List<Mark> marks, double yRange) {
        List<List<Mark>> groups = new ArrayList<>();
        for (Mark mark : marks) {
            List<Mark> joined = null;
            for (List<Mark> group : groups) {
                Mark first = group.get(0);
                if (Math.abs(first.probability() - mark.probability()) < OVERLAP
                        && Math.abs(first.loss() - mark.loss()) < OVERLAP * yRange) {
                    joined = group;
                    break;
                }
            }
            if (joined == null) {
                groups.add(new ArrayList<>(List.of(mark)));
            } else {
                joined.add(mark);
            }
        }
        return groups;
    }

    /** The ids of a group's rows next to its marker, on the preferred side unless the text would leave the plot. */
    private static void label(XYChart chart, List<Mark> group, double yRange, boolean preferLeft) {
        List<String> ids = group.stream().map(Mark::id).toList();
        String text = ids.size() <= MAX_IDS_PER_LABEL ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, MAX_IDS_PER_LABEL)) + " +" + (ids.size() - MAX_IDS_PER_LABEL);
        Mark first = group.get(0);
        // AnnotationText centres its text on (x, y); about 7 px per character on a plot about 700 px wide.
        double halfWidth = (text.length() * 7 / 2.0 + 10) / 700.0;
        boolean left = preferLeft ? first.probability() - 2 * halfWidth >= 0 : first.probability() + 2 * halfWidth > 1;
        double x = left ? first.probability() - halfWidth : first.probability() + halfWidth;
        double offset = 0.035 * yRange;
        double y = !Double.isFinite(first.loss()) ? yRange
                : preferLeft && first.loss() >= 2 * offset ? first.loss() - offset : first.loss() + offset;
        chart.addAnnotation(new AnnotationText(text, x, y, false));
    }
}
