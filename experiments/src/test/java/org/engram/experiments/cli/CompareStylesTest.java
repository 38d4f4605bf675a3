package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.engram.experiments.metrics.ErrorBars;
import org.engram.experiments.metrics.ErrorMeasure;
import org.engram.experiments.plot.Figure;
import org.engram.experiments.run.Comparison;
import org.engram.experiments.run.RunPlots;
import org.engram.experiments.run.RunResults;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.util.ShapeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram compare} draws each row in the look of the strategy that trained it, as {@code engram plot}
 * draws that run: a variant labelled apart ({@code ewc-1000}) keeps its strategy's colour, not one of a label.
 */
class CompareStylesTest {
    @TempDir
    Path dir;

    /**
     * The average accuracy chart of a comparison of one run with naive, ewc and ewc labelled ewc-1000: each line
     * has the colour, line and marker of the same strategy in the run's own figure, ewc-1000 the colour of ewc
     * (its strategy) drawn another way, naive a colour of its own.
     */
    @Test
    void aLabelledVariantIsDrawnInItsStrategysColour() throws IOException {
        Path run = TinyRuns.run(dir, "variants", "name: variants\n" + TinyRuns.ONE_SEED + "strategies: [{name: naive},"
                + " {name: ewc}, {name: ewc, label: ewc-1000, params: {lambda: 1000}}]\n");
        RunResults results = RunResults.readFinished(run);
        XYPlot plotted = RunPlots.figures(results, f -> f, Map.of(), ErrorBars.DEFAULT).get("average_accuracy")
                .chart().getXYPlot();
        List<Figure> drawn = new ArrayList<>();
        Comparison.write(List.of(run), dir.resolve("results"), f -> {
            drawn.add(f);
            return f;
        }, new Comparison.Choices(Map.of(), ErrorMeasure.CI95, false, null, null));
        // Drawn in the order the comparison writes them: the ACC/BWT bars, then the average accuracy.
        XYPlot compared = drawn.get(1).chart().getXYPlot();
        assertTrue(drawn.get(1).chart().getTitle().getText().startsWith("Average accuracy"),
                drawn.get(1).chart().getTitle().getText());
        List<String> labels = List.of("naive", "ewc", "ewc-1000");
        for (int series = 0; series < labels.size(); series++) {
            assertEquals(labels.get(series), compared.getDataset().getSeriesKey(series));
            assertEquals(labels.get(series), plotted.getDataset().getSeriesKey(series));
            XYItemRenderer c = compared.getRenderer();
            XYItemRenderer p = plotted.getRenderer();
            assertEquals(p.getSeriesPaint(series), c.getSeriesPaint(series), labels.get(series));
            assertEquals(p.getSeriesStroke(series), c.getSeriesStroke(series), labels.get(series));
            assertTrue(ShapeUtils.equal(p.getSeriesShape(series), c.getSeriesShape(series)), labels.get(series));
        }
        XYItemRenderer c = compared.getRenderer();
        assertEquals(c.getSeriesPaint(1), c.getSeriesPaint(2), "ewc-1000 in the colour of ewc");
        assertNotEquals(c.getSeriesStroke(1), c.getSeriesStroke(2), "ewc-1000 drawn apart from ewc");
        assertNotEquals(c.getSeriesPaint(0), c.getSeriesPaint(1), "naive and ewc in colours of their own");
    }
}
