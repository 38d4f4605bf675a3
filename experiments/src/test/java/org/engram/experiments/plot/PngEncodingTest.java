package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PNG bytes are encoded in memory, never through ImageIO's temporary-file cache: ImageIO's own
 * shutdown hook closes that cache, which failed a run stopped by Ctrl-C while drawing its plots.
 */
class PngEncodingTest {
    @Test
    void pngNeedsNoImageIoCacheFile(@TempDir Path dir) throws Exception {
        Figure figure = ForgettingPlot.of(AccuracyMatrix.of(new double[][] {{0.9, 0.1}, {0.7, 0.8}}),
                List.of("0,1", "2,3"), "Forgetting");
        boolean useCache = ImageIO.getUseCache();
        File cacheDirectory = ImageIO.getCacheDirectory();
        Path gone = Files.createDirectory(dir.resolve("cache"));
        try {
            // A cache folder that has vanished: any encoding that goes through the cache fails.
            ImageIO.setUseCache(true);
            ImageIO.setCacheDirectory(gone.toFile());
            Files.delete(gone);
            byte[] png = figure.png();
            BufferedImage image = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(png)));
            assertEquals(Figure.PNG_SCALE * figure.width(), image.getWidth());
            assertEquals(Figure.PNG_SCALE * figure.height(), image.getHeight());
        } finally {
            ImageIO.setCacheDirectory(cacheDirectory);
            ImageIO.setUseCache(useCache);
        }
    }
}
