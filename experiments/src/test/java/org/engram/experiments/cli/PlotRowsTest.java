package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram plot --rows} draws only the strategies given, in the order given, and refuses what
 * {@code engram compare --rows} refuses (a strategy the run does not have, one given twice) before drawing.
 */
class PlotRowsTest {
    /** Tests run in the experiments module's folder; the reference run has naive, ewc, si and hlop. */
    private static final String REFERENCE = Path.of("..", "results", "reference", "quickstart").toString();

    @TempDir
    Path dir;

    /** The legend's entries of an SVG chart, in order: JFreeChart writes each as a text element. */
    private static List<String> texts(Path svg, List<String> among) throws IOException {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(">([^<>]+)</text>").matcher(Files.readString(svg));
        while (m.find()) {
            if (among.contains(m.group(1))) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    @Test
    void drawsOnlyTheStrategiesGivenInTheOrderGiven() throws IOException {
        Path out = dir.resolve("figures");
        CliRunner.Result r = CliRunner.run("plot", REFERENCE, "--out", out.toString(), "--rows", "hlop,Fine-tuning",
                "--name", "naive=Fine-tuning");
        assertEquals(0, r.exitCode(), r.err());
        List<String> names;
        try (Stream<Path> files = Files.list(out)) {
            names = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".svg")).sorted().toList();
        }
        // The files of the strategies kept, by label, and none of those left out.
        assertTrue(names.contains("forgetting_hlop.svg") && names.contains("forgetting_naive.svg"), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.contains("ewc") || n.contains("_si")), names.toString());
        List<String> all = List.of("Fine-tuning", "naive", "ewc", "si", "hlop");
        assertEquals(List.of("hlop", "Fine-tuning"), texts(out.resolve("average_accuracy.svg"), all));
        assertEquals(List.of("hlop", "Fine-tuning"), texts(out.resolve("learning_curve_loss.svg"), all));
    }

    @Test
    void refusesWhatCompareRefusesDrawingNothing() {
        Path out = dir.resolve("refused");
        CliRunner.Result unknown = CliRunner.run("plot", REFERENCE, "--out", out.toString(), "--rows", "naive,hlp");
        assertEquals(2, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().contains("engram plot: --rows: expected strategies of the run as its figures show"
                + " them, one or more of [naive, ewc, si, hlop], found 'hlp'; did you mean 'hlop'?"), unknown.err());
        CliRunner.Result twice = CliRunner.run("plot", REFERENCE, "--out", out.toString(), "--rows", "si,naive,si");
        assertEquals(2, twice.exitCode(), twice.err());
        assertTrue(twice.err().contains("--rows: expected each strategy once, found 'si' again"), twice.err());
        CliRunner.Result empty = CliRunner.run("plot", REFERENCE, "--out", out.toString(), "--rows", "");
        assertEquals(2, empty.exitCode(), empty.err());
        assertTrue(empty.err().contains("--rows: expected one or more of the run's strategies [naive, ewc, si, hlop],"
                + " found none"), empty.err());
        assertFalse(Files.exists(out), "nothing drawn");
    }

    /**
     * The run's own plot folders show every strategy: a subset goes into a folder of its own. On a copy of the
     * reference run, which a plot that went ahead would draw into.
     */
    @Test
    void needsAFolderOfItsOwn() throws IOException {
        Path copy = RunCopies.copy(Path.of(REFERENCE), dir.resolve("run"));
        CliRunner.Result r = CliRunner.run("plot", copy.toString(), "--rows", "naive");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("engram plot: --rows: expected --out with it (the run's own plot folders show"
                + " every strategy the run has), found no --out"), r.err());
        assertEquals("", r.out());
    }
}
