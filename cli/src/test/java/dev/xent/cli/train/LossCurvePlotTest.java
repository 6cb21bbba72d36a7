package dev.xent.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.train.EpochRecord;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LossCurvePlotTest {

    /** Decodes a PNG and checks its size and that it holds a drawing, not a blank canvas. */
    static BufferedImage assertDrawn(byte[] png, int width, int height) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < width; x += 2) {
            for (int y = 0; y < height; y += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "a drawing has curves, text and antialiasing: " + colours.size() + " colours");
        return image;
    }

    /** Whether a colour appears in the image (the curves' and markers' colours are fixed). */
    static boolean hasColour(BufferedImage image, int rgb) {
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] render(int epochs, boolean validation, Integer bestEpoch) throws Exception {
        List<EpochRecord> history = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double loss = 0.1 + 0.5 / epoch;
            history.add(new EpochRecord(epoch, loss, loss + 0.01, validation ? loss + 0.02 + 0.001 * epoch : null));
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        LossCurvePlot.write(history, bestEpoch, "test, adam", png);
        return png.toByteArray();
    }

    @Test
    void trainingCurvesAreDrawnAtTheDocumentedSize() throws Exception {
        BufferedImage image = assertDrawn(render(200, false, null), LossCurvePlot.WIDTH, LossCurvePlot.HEIGHT);
        assertTrue(hasColour(image, 0x1f77b4), "the training curve");
    }

    @Test
    void theRestoredBestEpochIsMarked() throws Exception {
        BufferedImage image = assertDrawn(render(52, true, 42), LossCurvePlot.WIDTH, LossCurvePlot.HEIGHT);
        assertTrue(hasColour(image, 0xff7f0e), "the validation curve");
        assertTrue(hasColour(image, 0x2ca02c), "the best epoch's marker and line");
        BufferedImage withoutBest = assertDrawn(render(52, true, null), LossCurvePlot.WIDTH, LossCurvePlot.HEIGHT);
        assertTrue(!hasColour(withoutBest, 0x2ca02c), "no mark without a restored epoch");
    }

    @Test
    void aSingleEpochStillGivesAPlot() throws Exception {
        assertDrawn(render(1, true, null), LossCurvePlot.WIDTH, LossCurvePlot.HEIGHT);
    }
}
