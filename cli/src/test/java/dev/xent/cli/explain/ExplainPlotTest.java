package dev.xent.cli.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ExplainPlotTest {

    private static BufferedImage render(ExplainPlot plot) throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        plot.writePng("test", png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertTrue(image.getWidth() == ExplainPlot.WIDTH && image.getHeight() == ExplainPlot.HEIGHT,
                image.getWidth() + " x " + image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 2) {
            for (int y = 0; y < image.getHeight(); y += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "a drawing, not a blank canvas: " + colours.size() + " colours");
        return image;
    }

    /** Pixels of exactly this colour: the markers are filled discs of their curve's colour. */
    private static int pixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                count += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return count;
    }

    @Test
    void curvesAndMarkersAreDrawnInTheirTargetsColours() throws Exception {
        ExplainPlot empty = new ExplainPlot("predicted probability of y = 1");
        BufferedImage curvesOnly = render(empty);
        ExplainPlot plot = new ExplainPlot("predicted probability of y = 1");
        plot.positive("a", 0.06, -Math.log(0.06));
        plot.negative("b", 0.4, -Math.log(0.6));
        plot.soft("c", 0.5, 0.7);
        BufferedImage marked = render(plot);
        assertTrue(pixels(marked, 0x1f77b4) > pixels(curvesOnly, 0x1f77b4) + 30, "a y = 1 marker in the y = 1 curve's colour");
        assertTrue(pixels(marked, 0xff7f0e) > pixels(curvesOnly, 0xff7f0e) + 30, "a y = 0 marker in the y = 0 curve's colour");
    }

    @Test
    void overlappingRowsShareOneMarkerAndManyRowsStillRender() throws Exception {
        ExplainPlot confident = new ExplainPlot("predicted probability of y = 1");
        for (int i = 0; i < 5; i++) {
            confident.negative("row" + i, 1e-9 * i, 1e-9 * i);
        }
        render(confident);
        ExplainPlot many = new ExplainPlot("probability of the true class");
        for (int i = 0; i < 2000; i++) {
            double p = (i + 0.5) / 2000;
            many.positive(Integer.toString(i), p, -Math.log(p));
        }
        render(many);
    }
}
