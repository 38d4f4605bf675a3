package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram compare --rows} keeps only the rows given, in the order given, in every file it writes, and
 * refuses a row the comparison does not have before writing anything.
 */
class CompareRowsTest {
    /** Tests run in the experiments module's folder; the reference run has naive, ewc, si and hlop. */
    private static final Path REFERENCE = Path.of("..", "results", "reference", "quickstart");

    @TempDir
    Path dir;

    private Path compare(String... args) {
        List<String> all = new ArrayList<>(List.of("compare", REFERENCE.toString(), "--out", dir.toString()));
        all.addAll(List.of(args));
        CliRunner.Result r = CliRunner.run(all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\n");
        return Path.of(lines[lines.length - 1]);
    }

    /** The first field of each line after the header of a CSV whose first field holds no comma. */
    private static List<String> firstColumn(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        return lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList();
    }

    /** The first cells of a LaTeX table's body rows (between \midrule and \bottomrule), in order. */
    private static List<String> latexRows(Path tex) throws IOException {
        String text = Files.readString(tex);
        String body = text.substring(text.indexOf("\\midrule") + "\\midrule".length(), text.indexOf("\\bottomrule"));
        List<String> rows = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^(\\S[^&\\n]*?)\\s*&").matcher(body);
        while (m.find()) {
            rows.add(m.group(1));
        }
        return rows;
    }

    /**
     * The rows chosen, and no other, stand in the order chosen in the table, the CSV, both LaTeX tables, the
     * paired files and the charts' legends; each row's numbers are still its strategy's in metrics.json.
     */
    @Test
    void keepsTheRowsGivenInTheOrderGiven() throws IOException {
        Path folder = compare("--rows", "si,naive");
        assertEquals(List.of("si", "naive"), firstColumn(folder.resolve("comparison.csv")));
        assertEquals(List.of("si", "naive"), latexRows(folder.resolve("comparison.tex")));
        assertEquals(List.of("si", "naive"), latexRows(folder.resolve("comparison-narrow.tex")));
        List<String> paired = Files.readAllLines(folder.resolve("paired.csv"));
        // Each row is paired against the rows before it: naive, now second, against si.
        assertEquals(2, paired.size(), "one pair: " + paired);
        assertTrue(paired.get(1).startsWith("naive,si,"), paired.get(1));
        String md = Files.readString(folder.resolve("comparison.md"));
        assertTrue(md.indexOf("| si |") < md.indexOf("| naive |") && md.indexOf("| si |") > 0, md);
        assertFalse(md.contains("| ewc |") || md.contains("| hlop |"), md);
        String svg = Files.readString(folder.resolve("plots/average_accuracy.svg"));
        assertTrue(svg.contains(">si<") && svg.contains(">naive<"), "legend of the rows kept");
        assertFalse(svg.contains(">ewc<") || svg.contains(">hlop<"), "no legend of the rows left out");
        JsonNode metrics = new ObjectMapper().readTree(REFERENCE.resolve("metrics.json").toFile());
        List<String> csv = Files.readAllLines(folder.resolve("comparison.csv"));
        for (int i = 1; i < csv.size(); i++) {
            String label = csv.get(i).split(",")[0];
            double acc = metrics.get("strategies").get(label).get("aggregate").get("over_seeds").get("acc")
                    .get("mean").asDouble();
            assertEquals(acc, Double.parseDouble(csv.get(i).split(",")[3]), 0.0, label);
        }
    }

    /** A row may be given by the name --name shows for it, and the baseline is then among the rows kept. */
    @Test
    void takesRowsByTheirNames() throws IOException {
        Path folder = compare("--name", "naive=Fine-tuning", "--rows", "ewc,Fine-tuning", "--baseline",
                "Fine-tuning");
        assertEquals(List.of("ewc", "Fine-tuning"), latexRows(folder.resolve("comparison.tex")));
        // The CSV keeps the label.
        assertEquals(List.of("ewc", "naive"), firstColumn(folder.resolve("comparison.csv")));
    }

    /** With several runs a row is given with its run's tag, or with the name --name shows for that tag. */
    @Test
    void takesRowsOfSeveralRunsByTagOrName() throws IOException {
        Path a = TinyRuns.run(dir, "a", "name: rows-a\n" + TinyRuns.ONE_SEED + "strategies: [{name: naive}]\n");
        Path b = TinyRuns.run(dir, "b", "name: rows-b\n" + TinyRuns.ONE_SEED + "strategies: [{name: naive}, "
                + "{name: ewc}]\n");
        CliRunner.Result r = CliRunner.run("compare", a.toString(), b.toString(), "--out", dir.resolve("cmp")
                .toString(), "--name", "B=later", "--rows", "ewc [B],naive [A]");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\n");
        Path folder = Path.of(lines[lines.length - 1]);
        assertEquals(List.of("ewc [later]", "naive [A]"), latexRows(folder.resolve("comparison.tex")));
        CliRunner.Result unknown = CliRunner.run("compare", a.toString(), b.toString(), "--out", dir.resolve("cmp")
                .toString(), "--name", "B=later", "--rows", "naive [C]");
        assertEquals(2, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().contains("[naive [A], naive [later], ewc [later]] (or without --name, [naive [A], "
                + "naive [B], ewc [B]])"), unknown.err());
    }

    /**
     * A run whose every row --rows leaves out is named in no list of runs, note or comment (there is nothing of
     * it in the tables): here, run A's set of strategies, which differs from B's, is not noted, nor its name.
     */
    @Test
    void aRunWhoseRowsAreAllLeftOutIsNotListed() throws IOException {
        Path a = TinyRuns.run(dir, "a", "name: left-a\n" + TinyRuns.ONE_SEED + "strategies: [{name: naive}]\n");
        Path b = TinyRuns.run(dir, "b", "name: kept-b\n" + TinyRuns.ONE_SEED + "strategies: [{name: naive}, "
                + "{name: ewc}]\n");
        CliRunner.Result all = CliRunner.run("compare", a.toString(), b.toString(), "--out", dir.resolve("all")
                .toString(), "--name", "A=first");
        assertEquals(0, all.exitCode(), all.err());
        assertTrue(all.err().contains("the runs' configs differ in strategies"), "noted with both rows: " + all.err());
        CliRunner.Result r = CliRunner.run("compare", a.toString(), b.toString(), "--out", dir.resolve("cmp")
                .toString(), "--name", "A=first", "--rows", "ewc [B],naive [B]", "--width-in", "3.3");
        assertEquals(0, r.exitCode(), r.err());
        // No note on the runs shown; a build of uncommitted changes (the tests' own, in a working tree) has its own.
        assertFalse(r.err().lines().anyMatch(line -> line.contains("note:")
                && !line.contains("built with uncommitted changes")), r.err());
        Path folder = Path.of(r.lastLine());
        String aId = a.getFileName().toString();
        for (String file : List.of("comparison.md", "comparison.tex", "comparison-narrow.tex", "plots/captions.md",
                "plots/comparison.svg")) {
            String text = Files.readString(folder.resolve(file));
            assertFalse(text.contains(aId) || text.contains("left-a") || text.contains("A as first")
                    || text.contains("differ"), file + ":\n" + text);
            assertTrue(text.contains(b.getFileName().toString()), file + ":\n" + text);
        }
        String tex = Files.readString(folder.resolve("comparison.tex"));
        assertTrue(tex.startsWith("% Engram comparison of runs B: kept-b " + b.getFileName() + ".\n% Runs:\n% - [B] "
                + "kept-b "), tex);
        // The rows keep their tags, so the run they name is listed before the table.
        assertTrue(r.out().startsWith("[B] kept-b " + b.getFileName() + " ("), r.out());
        assertFalse(r.out().contains(aId), r.out());
    }

    /**
     * A misspelt baseline, a row the comparison does not have, is refused as such with the closest row, whether
     * --rows keeps some rows or all; nothing is written.
     */
    @Test
    void refusesAMisspeltBaselineWithTheClosestRow() {
        Path out = dir.resolve("baseline-misspelt");
        CliRunner.Result all = CliRunner.run("compare", REFERENCE.toString(), "--out", out.toString(), "--baseline",
                "naiv");
        assertEquals(2, all.exitCode(), all.err());
        assertTrue(all.err().contains("engram compare: --baseline: expected a row of the comparison as its table shows"
                + " it, one of [naive, ewc, si, hlop], found 'naiv'; did you mean 'naive'?"), all.err());
        CliRunner.Result some = CliRunner.run("compare", REFERENCE.toString(), "--out", out.toString(), "--rows",
                "si,ewc", "--baseline", "ewx");
        assertEquals(2, some.exitCode(), some.err());
        assertTrue(some.err().contains("engram compare: --baseline: expected a row of the comparison as its table"
                + " shows it, one of [si, ewc], found 'ewx'; did you mean 'ewc'?"), some.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    /**
     * A baseline that --rows leaves out is refused as such, with the rows kept and how to keep it, rather than as
     * a row the comparison does not have; nothing is written.
     */
    @Test
    void refusesABaselineThatRowsLeavesOut() {
        Path out = dir.resolve("baseline-left-out");
        CliRunner.Result r = CliRunner.run("compare", REFERENCE.toString(), "--out", out.toString(), "--rows",
                "si,ewc", "--baseline", "naive");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("engram compare: --baseline: expected one of the rows --rows keeps [si, ewc] (a"
                + " baseline must be among --rows), found 'naive', a row --rows leaves out; give it in --rows too, e.g."
                + " --rows 'si,ewc,naive'"), r.err());
        assertFalse(r.err().contains("did you mean"), r.err());
        // By the name --name shows for it too.
        CliRunner.Result named = CliRunner.run("compare", REFERENCE.toString(), "--out", out.toString(), "--rows",
                "si,ewc", "--name", "naive=Fine-tuning", "--baseline", "Fine-tuning");
        assertEquals(2, named.exitCode(), named.err());
        assertTrue(named.err().contains("found 'Fine-tuning', a row --rows leaves out"), named.err());
        // And by its label, which --name shows by another name.
        CliRunner.Result byLabel = CliRunner.run("compare", REFERENCE.toString(), "--out", out.toString(), "--rows",
                "si,ewc", "--name", "naive=Fine-tuning", "--baseline", "naive");
        assertEquals(2, byLabel.exitCode(), byLabel.err());
        assertTrue(byLabel.err().contains("found 'naive', a row --rows leaves out; give it in --rows too, e.g. --rows"
                + " 'si,ewc,naive'"), byLabel.err());
        assertFalse(Files.exists(out.resolve("comparisons")) && out.resolve("comparisons").toFile().list().length > 0,
                "nothing written");
    }

    /**
     * A row the comparison does not have, or one given twice, stops compare with exit code 2 and a message
     * that lists the rows there are and suggests the closest, before anything is written.
     */
    @Test
    void refusesAnUnknownOrRepeatedRowWritingNothing() {
        CliRunner.Result r = CliRunner.run("compare", REFERENCE.toString(), "--out", dir.toString(), "--rows",
                "naive,hlp");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--rows") && r.err().contains("[naive, ewc, si, hlop]")
                && r.err().contains("'hlp'") && r.err().contains("did you mean 'hlop'?"), r.err());
        CliRunner.Result twice = CliRunner.run("compare", REFERENCE.toString(), "--out", dir.toString(), "--rows",
                "si,naive,si");
        assertEquals(2, twice.exitCode(), twice.err());
        assertTrue(twice.err().contains("each row once") && twice.err().contains("'si' again"), twice.err());
        assertFalse(Files.exists(dir.resolve("comparisons")) && dir.resolve("comparisons").toFile().list().length > 0,
                "nothing written");
    }
}
