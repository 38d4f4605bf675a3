package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --error} of {@code plot} and {@code compare} on the quickstart reference run (three seeds):
 * without it every output is as before the option existed; with it the figures' words and the
 * tables' ± follow the measure; a word it does not know is refused before anything is written.
 *
 * <p>The files under {@code before-error-option/} were written by Engram 00afccf, which had no
 * {@code --error}, from this reference run: {@code engram plot results/reference/quickstart
 * --width-in 3.3 --out DIR} (its {@code captions.md}) and {@code engram compare
 * results/reference/quickstart --out DIR} ({@code comparison.csv}, and of {@code comparison.md} and
 * {@code comparison.tex} the part from the table on, before which they name the run's folder). Made
 * again the same way, with that commit's build, if the reference run is; {@code comparison-table.tex}
 * was written anew when the table's layout was narrowed, its numbers unchanged; {@code comparison-table.md}'s
 * metrics' definitions line follows {@code SummaryWriter.DEFINITIONS} as its wording changes.
 */
class ErrorOptionTest {
    /** Tests run in the experiments module's folder. */
    private static final String REFERENCE = Path.of("..", "results", "reference", "quickstart").toString();

    @TempDir
    Path dir;

    /** What the last {@link #compare} printed. */
    private String printed;

    private static String before(String name) throws IOException {
        try (InputStream in = ErrorOptionTest.class.getResourceAsStream("before-error-option/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The part of a comparison file from its first line that starts with {@code start} on. */
    private static String from(Path file, String start) throws IOException {
        String text = Files.readString(file);
        return text.substring(text.startsWith(start) ? 0 : text.indexOf("\n" + start) + 1);
    }

    private Path compare(String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "compare";
        args[1] = REFERENCE;
        args[2] = "--out";
        args[3] = dir.resolve("cmp").toString();
        System.arraycopy(options, 0, args, 4, options.length);
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.exitCode(), r.err());
        printed = r.out();
        return Path.of(r.lastLine());
    }

    @Test
    void withoutTheOptionEveryOutputIsAsBefore() throws IOException {
        Path print = dir.resolve("print");
        CliRunner.Result plot = CliRunner.run("plot", REFERENCE, "--width-in", "3.3", "--out", print.toString());
        assertEquals(0, plot.exitCode(), plot.err());
        assertEquals(before("captions.md"), Files.readString(print.resolve("captions.md")));
        Path cmp = compare();
        assertEquals(before("comparison-table.md"), from(cmp.resolve("comparison.md"), "| Strategy"));
        assertEquals(before("comparison-table.tex"), from(cmp.resolve("comparison.tex"), "% Needs"));
        assertEquals(before("comparison.csv"), Files.readString(cmp.resolve("comparison.csv")));
    }

    /**
     * naive's ACC over its three seeds, from metrics.json's per-seed values: the table's ± is their
     * sample standard deviation by the textbook formula, rounded to one decimal as the table rounds.
     */
    @Test
    void compareTablesShowTheChosenMeasureAndSaySo() throws IOException {
        JsonNode seeds = new ObjectMapper().readTree(Path.of(REFERENCE, "metrics.json").toFile()).get("strategies")
                .get("naive").get("seeds");
        double[] acc = {seeds.get("1").get("acc").asDouble(), seeds.get("2").get("acc").asDouble(),
            seeds.get("3").get("acc").asDouble()};
        double mean = (acc[0] + acc[1] + acc[2]) / 3;
        double ss = 0;
        for (double a : acc) {
            ss += (a - mean) * (a - mean);
        }
        String sd = String.format(Locale.ROOT, "%.1f ± %.1f", 100 * mean, 100 * Math.sqrt(ss / 2));
        Path cmp = compare("--error", "sd");
        String md = Files.readString(cmp.resolve("comparison.md"));
        assertTrue(md.contains("\n| naive | 3 | " + sd + " | "), sd + " in " + md);
        assertTrue(md.contains("\n± is one standard deviation over seeds"), md);
        assertTrue(printed.contains("\n| naive | 3 | " + sd + " | ") && printed.contains("|\n\n± is one standard "
                + "deviation over seeds"), "the table printed says what ± is: " + printed);
        assertTrue(Files.readString(cmp.resolve("comparison.tex")).contains("% Needs \\usepackage{booktabs}. \\pm is "
                + "one standard deviation over seeds"));
        assertEquals(before("comparison.csv"), Files.readString(cmp.resolve("comparison.csv")),
                "the CSV holds the interval and the sd whatever the measure");
        Path none = compare("--error", "none");
        String plain = Files.readString(none.resolve("comparison.md"));
        assertTrue(plain.contains(String.format(Locale.ROOT, "\n| naive | 3 | %.1f | ", 100 * mean)), plain);
        assertFalse(plain.contains(" ± "), plain);
        assertTrue(plain.contains("\nValues are means over seeds, without ±;"), plain);
        // Neither LaTeX table, nor its comments, speak of a ± it does not have.
        for (String tex : new String[] {"comparison.tex", "comparison-narrow.tex"}) {
            String latex = Files.readString(none.resolve(tex));
            assertFalse(latex.contains("\\pm "), tex + ": " + latex);   // "without \pm;" says there is none
            assertTrue(latex.contains("short column names"), tex + ": " + latex);
        }
    }

    @Test
    void plotCaptionsSayWhatEveryFiguresBarsAre() throws IOException {
        Path out = dir.resolve("se");
        CliRunner.Result r = CliRunner.run("plot", REFERENCE, "--width-in", "3.3", "--error", "se", "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        String captions = Files.readString(out.resolve("captions.md"));
        // The task count belongs to the figures before it, not apart as a figure of its own.
        assertTrue(captions.contains(" pp (5 tasks); bars: one standard error of the mean over 3 seeds\n"), captions);
        assertTrue(captions.contains("error bars: one standard error of the mean over 3 seeds\n"), captions);
        assertTrue(captions.contains("mean over 3 seeds, bars: one standard error of the mean; the last point is"
                + " ACC\n"), captions);
        assertTrue(captions.contains("mean over 3 seeds, band: one standard error of the mean (Engram run"), captions);
        assertFalse(captions.contains("confidence interval") || captions.contains("standard deviation"), captions);
        Path none = dir.resolve("none");
        assertEquals(0, CliRunner.run("plot", REFERENCE, "--width-in", "3.3", "--error", "none", "--out",
                none.toString()).exitCode());
        String without = Files.readString(none.resolve("captions.md"));
        assertFalse(without.contains("confidence") || without.contains("standard") || without.contains(" cut"),
                without);
        assertTrue(without.contains("no error bars") && without.contains("no band"), without);
    }

    @Test
    void aWordItDoesNotKnowIsRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("refused");
        CliRunner.Result plot = CliRunner.run("plot", REFERENCE, "--error", "95", "--out", out.toString());
        assertEquals(2, plot.exitCode(), plot.err());
        assertTrue(plot.err().contains("engram: error: Invalid value for option '--error': expected one of ci95, sd,"
                + " se, none, found '95'"), plot.err());
        CliRunner.Result compare = CliRunner.run("compare", REFERENCE, "--error", "sem", "--out", out.toString());
        assertEquals(2, compare.exitCode(), compare.err());
        assertTrue(compare.err().contains("expected one of ci95, sd, se, none, found 'sem'"), compare.err());
        assertFalse(Files.exists(out), "nothing written");
        // As --mode reads its words: the measure's name in capitals is the measure.
        assertEquals(0, CliRunner.run("plot", REFERENCE, "--error", "SD", "--out", out.toString()).exitCode());
    }

    @Test
    void helpListsTheMeasures() {
        for (String command : new String[] {"plot", "compare"}) {
            String help = CliRunner.run(command, "--help").out();
            assertTrue(help.contains("--error=MEASURE") && help.replaceAll("\\s+", " ").contains("one of ci95, sd, se,"
                    + " none"), help);
        }
    }
}
