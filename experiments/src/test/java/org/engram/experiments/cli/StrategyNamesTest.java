package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.engram.experiments.metrics.ErrorBars;
import org.engram.experiments.plot.Figure;
import org.engram.experiments.run.RunPlots;
import org.engram.experiments.run.RunResults;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.util.ShapeUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plot --name LABEL=NAME} shows a name of one's own for a strategy in every figure's legend,
 * axis and title (and so in captions.md), keeps the labels in file names and the strategies'
 * colours, and refuses names it cannot show; {@code compare} takes strategies' names the same way.
 */
class StrategyNamesTest {
    /** A name with a comma, quotes and letters beyond ASCII. */
    private static final String SI = "SI (c = 1), \"β\"";

    @TempDir
    static Path dir;
    static Path run;

    @BeforeAll
    static void runOnce() throws IOException {
        run = TinyRuns.run(dir, "named", "name: named\n" + TinyRuns.ONE_SEED
                + "strategies: [{name: naive}, {name: si, params: {c: 1.0}}]\n");
    }

    @Test
    void everyFigureShowsTheNamesAndTheFilesKeepTheLabels() throws IOException {
        Path out = dir.resolve("figures");
        CliRunner.Result r = CliRunner.run("plot", run.toString(), "--out", out.toString(), "--name",
                "naive=Fine-tuning", "--name", "si=" + SI);
        assertEquals(0, r.exitCode(), r.err());
        String escaped = "SI (c = 1), &quot;β&quot;";
        for (String svg : List.of("average_accuracy.svg", "comparison.svg", "learning_curve_loss.svg",
                "learning_curve_accuracy.svg")) {
            String text = Files.readString(out.resolve(svg));
            assertTrue(text.contains(">Fine-tuning<") && text.contains(">" + escaped + "<"), svg + ": " + text);
            assertFalse(text.contains(">naive<"), svg);
        }
        assertTrue(Files.readString(out.resolve("forgetting_naive.svg"))
                .contains("<title>Fine-tuning: accuracy on each task as tasks are learned (seed 1)</title>"));
        assertTrue(Files.readString(out.resolve("accuracy_matrix_si.svg"))
                .contains("<title>" + SI + ": accuracy matrix (seed 1)</title>"));
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("Fine")), "files keep the labels");
        }
        // Laid out for print, the titles go to captions.md, with the names.
        Path printed = dir.resolve("printed");
        assertEquals(0, CliRunner.run("plot", run.toString(), "--out", printed.toString(), "--width-in", "3.3",
                "--name", "naive=Fine-tuning").exitCode());
        String captions = Files.readString(printed.resolve("captions.md"));
        assertTrue(captions.contains("- `forgetting_naive` (.png, .svg, .pdf): Fine-tuning: accuracy on each task")
                && captions.contains("- `forgetting_si` (.png, .svg, .pdf): si: accuracy on each task"), captions);
    }

    /** A strategy keeps its colour, line and marker under a name of one's own, as in the figures of other runs. */
    @Test
    void aNamedStrategyKeepsItsStyle() {
        RunResults results = RunResults.readFinished(run);
        UnaryOperator<Figure> asIs = UnaryOperator.identity();
        Map<String, Figure> plain = RunPlots.figures(results, asIs, Map.of(), ErrorBars.DEFAULT);
        Map<String, Figure> named = RunPlots.figures(results, asIs, Map.of("naive", "Fine-tuning", "si", SI),
                ErrorBars.DEFAULT);
        for (String base : List.of("average_accuracy", "learning_curve_loss")) {
            XYPlot before = plain.get(base).chart().getXYPlot();
            XYPlot after = named.get(base).chart().getXYPlot();
            assertEquals("naive", before.getDataset().getSeriesKey(0), base);
            assertEquals("Fine-tuning", after.getDataset().getSeriesKey(0), base);
            assertEquals(SI, after.getDataset().getSeriesKey(1), base);
            for (int series = 0; series < 2; series++) {
                assertEquals(before.getRenderer().getSeriesPaint(series), after.getRenderer().getSeriesPaint(series));
                assertEquals(before.getRenderer().getSeriesStroke(series), after.getRenderer().getSeriesStroke(series));
                assertTrue(ShapeUtils.equal(before.getRenderer().getSeriesShape(series),
                        after.getRenderer().getSeriesShape(series)), base);
            }
        }
    }

    @Test
    void namesItCannotShowAreRefusedBeforeAnythingIsDrawn() {
        Path out = dir.resolve("refused");
        for (List<String> bad : List.of(
                List.of("ewc=EWC", "engram plot: --name ewc: expected the label of one of the run's strategies "
                        + "[naive, si], found 'ewc'"),
                List.of("naive=Naive", "engram plot: --name naive: expected one name for naive, found two: "
                        + "'Fine-tuning' and 'Naive'"),
                List.of("si=S\nI", "engram plot: --name si: expected a name of one line, without tabs or other "
                        + "control characters, found 'S\\nI'"),
                List.of("si=S\tI", "engram plot: --name si: expected a name of one line, without tabs or other "
                        + "control characters, found 'S\\tI'"),
                List.of("si=", "engram plot: --name si: expected a name of one line, without tabs or other "
                        + "control characters, found an empty one"),
                List.of("si=  ", "found only spaces"),
                List.of("si= Fine-tuning", "engram plot: --name si: expected a name no other strategy has, found "
                        + "' Fine-tuning', the name of naive but for spaces"),
                List.of("si=Fine-tuning", "engram plot: --name si: expected a name no other strategy has, found "
                        + "'Fine-tuning', the name of naive"),
                List.of("si", "engram plot: --name: expected LABEL=NAME, e.g. --name naive=Fine-tuning, found 'si'"))) {
            CliRunner.Result r = CliRunner.run("plot", run.toString(), "--out", out.toString(), "--name",
                    "naive=Fine-tuning", "--name", bad.get(0));
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains(bad.get(1)), bad.get(1) + " in " + r.err());
            assertFalse(Files.exists(out), "nothing drawn");
        }
        // A label left as it is cannot be another's name.
        for (String name : List.of("naive", " naive\u00a0")) {
            CliRunner.Result r = CliRunner.run("plot", run.toString(), "--out", out.toString(), "--name", "si=" + name);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("expected a name no other strategy has, found '" + name + "', the name of naive"
                    + (name.equals("naive") ? "\n" : " but for spaces")), r.err());
            assertFalse(Files.exists(out), "nothing drawn");
        }
    }

    /** compare's rows and charts name strategies as plot's figures do; its CSV keeps the labels, as keys. */
    @Test
    void compareShowsStrategiesNamesInItsRowsAndCharts() throws IOException {
        CliRunner.Result r = CliRunner.run("compare", run.toString(), "--name", "naive=Fine-tuning", "--out",
                dir.resolve("cmp").toString());
        assertEquals(0, r.exitCode(), r.err());
        Path cmp = Path.of(r.lastLine());
        String md = Files.readString(cmp.resolve("comparison.md"));
        assertTrue(md.contains("| Fine-tuning |") && md.contains("| si |")
                && md.contains("Named in the rows: naive as Fine-tuning."), md);
        assertTrue(Files.readAllLines(cmp.resolve("comparison.csv")).get(1).startsWith("naive,"));
        String svg = Files.readString(cmp.resolve("plots/average_accuracy.svg"));
        assertTrue(svg.contains(">Fine-tuning<"), svg);
        // The legend shows the name, the description (and so a caption) what it names.
        assertTrue(svg.matches("(?s).*<desc>Average accuracy as tasks are learned \\(Engram comparison of runs "
                + "[^<]*; named in the rows: naive as Fine-tuning\\)\\. .*"), svg);
        CliRunner.Result tag = CliRunner.run("compare", run.toString(), "--name", "A=x", "--out",
                dir.resolve("cmp-tag").toString());
        assertEquals(2, tag.exitCode(), tag.err());
        assertTrue(tag.err().contains("engram compare: --name A: expected the label of one of the strategies [naive, "
                + "si] (the rows of one run, or of runs pooled into one, have no tag), found 'A'"), tag.err());
    }
}
