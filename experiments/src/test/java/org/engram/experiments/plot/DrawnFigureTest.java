package org.engram.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figures drawn several at once give the files of figures drawn one at a time, in their order. */
class DrawnFigureTest {
    @TempDir
    Path dir;

    private static Map<String, Figure> figures() {
        AccuracyMatrix r = AccuracyMatrix.of(new double[][] {{0.9, 0.1}, {0.7, 0.8}});
        List<String> tasks = List.of("0,1", "2,3");
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (int k = 1; k <= 3; k++) {
            double[] times = new double[50 * k];
            int[] neurons = new int[times.length];
            for (int i = 0; i < times.length; i++) {
                times[i] = (i * 7.3) % 100;
                neurons[i] = (i * 13) % 20;
            }
            figures.put("raster_" + k, SpikeRasterPlot.of(times, neurons, 20, 0, 100, "Raster " + k));
            figures.put("rate_" + k, PopulationRatePlot.of(new double[] {10 * k, 0, 5, 25}, 20, 100, 25, "Rate " + k));
        }
        figures.put("forgetting", ForgettingPlot.of(r, tasks, "Forgetting"));
        figures.put("heatmap", AccuracyHeatMap.of(r, tasks, "Accuracy matrix"));
        return figures;
    }

    private List<byte[]> written(Map<String, DrawnFigure> drawn, String folder) throws Exception {
        List<byte[]> bytes = new ArrayList<>();
        for (Map.Entry<String, DrawnFigure> e : drawn.entrySet()) {
            for (Path file : e.getValue().write(dir.resolve(folder), e.getKey())) {
                bytes.add(Files.readAllBytes(file));
            }
        }
        return bytes;
    }

    private static Map<String, DrawnFigure> drawn(Map<String, Figure> figures, int threads) {
        Map<String, DrawnFigure> drawn = new LinkedHashMap<>();
        DrawnFigure.drawEach(figures, threads, drawn::put);
        return drawn;
    }

    @Test
    void figuresDrawnSeveralAtOnceAreTheFilesOfFiguresDrawnOneAtATime() throws Exception {
        Map<String, Figure> figures = figures();
        Map<String, DrawnFigure> one = drawn(figures, 1);
        Map<String, DrawnFigure> several = drawn(figures(), 3);
        assertEquals(List.copyOf(figures.keySet()), List.copyOf(several.keySet()), "in the figures' order");
        List<byte[]> expected = written(one, "one");
        List<byte[]> found = written(several, "several");
        assertEquals(expected.size(), found.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), found.get(i), "file " + i);
        }
    }

    /** A figure whose chart does {@code whenDrawn} as it is drawn. */
    private static Figure hooked(Runnable whenDrawn) {
        return new Figure(new JFreeChart(new XYPlot() {
            private static final long serialVersionUID = 1L;

            @Override
            public void draw(Graphics2D g, Rectangle2D area, Point2D anchor, PlotState parentState,
                             PlotRenderingInfo info) {
                whenDrawn.run();
            }
        }), 100, 100);
    }

    /** A figure whose chart cannot be drawn. */
    private static Figure broken(String why) {
        return hooked(() -> {
            throw new IllegalStateException(why);
        });
    }

    /** The figures drawn ahead of the one written are at most as many as the threads: a long list is not held whole. */
    @Test
    void atMostAsManyFiguresAsThreadsAreDrawnAheadOfTheOneWritten() {
        Set<Integer> started = ConcurrentHashMap.newKeySet();
        Map<Integer, Figure> figures = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            int figure = i;
            figures.put(figure, hooked(() -> started.add(figure)));
        }
        List<Integer> written = new ArrayList<>();
        DrawnFigure.drawEach(figures, 3, (figure, drawn) -> {
            assertTrue(started.stream().allMatch(s -> s < figure + 3), figure + ": " + started);
            written.add(figure);
        });
        assertEquals(List.copyOf(figures.keySet()), written);
    }

    /**
     * No more figures are drawn at once than half the heap holds the rasters of, counted from the pixels of the
     * largest figure's PNG as a reader decodes them: two printed figures of 59 in drawn at once on 2 cores ran out
     * of memory in a 2 GB heap that drew them one at a time (from a review).
     */
    @Test
    void noMoreFiguresAreDrawnAtOnceThanHalfTheHeapHolds() throws Exception {
        Figure screen = figures().get("heatmap");
        Figure printed = screen.printedAt(4);
        long raster = Math.max(decodedBytes(screen), decodedBytes(printed));
        List<Figure> both = List.of(screen, printed);
        assertEquals(3, DrawnFigure.atOnce(both, 2 * 3 * raster + 1));
        assertEquals(2, DrawnFigure.atOnce(both, 2 * 3 * raster - 1));
        assertEquals(1, DrawnFigure.atOnce(both, raster), "one at least, as the width's own check allows");
    }

    /** Where half the heap holds one figure's raster alone, figures are drawn one at a time, on the caller's thread. */
    @Test
    void figuresOfWhichHalfTheHeapHoldsOneAreDrawnOneAtATime() throws Exception {
        Set<Thread> drawers = ConcurrentHashMap.newKeySet();
        Map<Integer, Figure> figures = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            figures.put(i, hooked(() -> drawers.add(Thread.currentThread())));
        }
        long raster = decodedBytes(figures.get(0));
        drawers.clear();
        DrawnFigure.drawEach(figures, 3, 4 * raster, (figure, drawn) -> { });
        assertTrue(drawers.size() == 2 && !drawers.contains(Thread.currentThread()), "two at once: " + drawers);
        drawers.clear();
        DrawnFigure.drawEach(figures, 3, 4 * raster - 1, (figure, drawn) -> { });
        assertEquals(Set.of(Thread.currentThread()), drawers);
    }

    /** The bytes of a figure's PNG decoded, 4 a pixel. */
    private static long decodedBytes(Figure figure) throws Exception {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(figure.png()));
        return 4L * decoded.getWidth() * decoded.getHeight();
    }

    /** An error in drawing, such as running out of memory, is thrown as it is, not wrapped, from any thread. */
    @Test
    void anErrorInDrawingIsThrownAsItIs() {
        Map<String, Figure> figures = new LinkedHashMap<>();
        figures.put("fine", figures().get("rate_1"));
        figures.put("error", hooked(() -> {
            throw new OutOfMemoryError("drawing");
        }));
        for (int threads : new int[] {1, 2}) {
            OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> drawn(figures, threads));
            assertEquals("drawing", e.getMessage(), threads + " threads");
        }
    }

    @Test
    void theFirstFailureInTheFiguresOrderIsThrown() {
        Map<String, Figure> figures = new LinkedHashMap<>();
        figures.put("fine", figures().get("rate_1"));
        figures.put("first", broken("the first broken figure"));
        figures.put("second", broken("the second broken figure"));
        for (int threads : new int[] {1, 3}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> drawn(figures, threads));
            assertEquals("the first broken figure", e.getMessage(), threads + " threads");
        }
    }
}
