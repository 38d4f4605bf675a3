package org.engram.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.engram.experiments.run.AbandonedSimulations;
import org.engram.experiments.plot.Figure;
import org.engram.experiments.run.Comparison;
import org.engram.experiments.run.ComparisonFolder;
import org.engram.simulator.EngramException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engram compare}: strategies of finished runs side by side, as a table and a bar chart. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare the strategies of one or more finished runs: a table of ACC, BWT, FWT, forgetting, "
                + "learning accuracy and speed over seeds, a bar chart of ACC and BWT and the average accuracy after "
                + "each task, with 95%% confidence intervals (or another measure, --error); runs that differ only in "
                + "their seeds are pooled. Rows that share 2 seeds or more are also compared seed by seed over "
                + "those seeds (files paired.md, paired.tex, paired.csv): each pair's mean difference with its 95%% "
                + "Student-t interval, whatever --error is. The LaTeX tables fit a one-column page, and their "
                + "-narrow.tex versions a column of a two-column paper.",
        footer = {"", "Example (with several runs each row names its run, [A], or its pool of runs, [A+B], unless they"
                + " all pool into one; a note names each scenario, sequence, data, task or config key in which they"
                + " differ):",
                "  engram compare results/reference/quickstart results/quickstart/<run-id>"})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Folders of finished runs.")
    List<Path> runs;

    @Option(names = "--out", defaultValue = "results", paramLabel = "DIR",
            description = "Results root; the comparison goes to DIR/comparisons/<id>/ (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--into", paramLabel = "DIR", description = "Write the comparison into exactly DIR (made if "
            + "absent), so a paper's \\input{DIR/comparison.tex} keeps its path: a DIR that holds a previous "
            + "comparison has all its files replaced once the new one is complete; one that holds any other file is "
            + "refused. Instead of --out.")
    Path into;

    @Option(names = "--width-in", paramLabel = "INCHES", description = "Lay the charts out for a printed width, "
            + "at least 2, e.g. 3.3 for a paper's column or 7 for its page: tick labels at 7 pt, PNG at 300 dpi, "
            + "titles and subtitles left to captions.md.")
    Double widthInches;

    @Mixin
    ErrorOption error;

    @Option(names = "--name", paramLabel = "KEY=NAME", description = "Show NAME for a run's or pool's tag (A, B, "
            + "A+B as a first comparison shows them) in the rows, the CSV and the charts' labels and legends, e.g. "
            + "--name A+B='lambda 100' --name C='lambda 1000', or for a strategy's label in the rows and charts, "
            + "e.g. --name naive=Fine-tuning; repeatable.")
    List<String> names = new ArrayList<>();

    @Option(names = "--strict", description = "Refuse, writing nothing, runs that differ in more than their strategies "
            + "and the strategies' settings: in scenario, sequence, tasks, data (by its SHA-256), any other config "
            + "key (the seeds of rows; runs that differ only in seeds pool), or build (several, one with uncommitted "
            + "changes, or one not recorded).")
    boolean strict;

    @Option(names = "--baseline", paramLabel = "ROW", description = "Compare seed by seed (paired.md, paired.tex and "
            + "paired.csv) every row that shares 2 seeds or more with this row with it only, over the seeds they "
            + "share, e.g. --baseline naive, or --baseline 'naive [A]' with several runs (as the table shows the "
            + "row, --name's names included; with --rows, one of them); default: every pair of rows that share 2 "
            + "seeds or more, up to 8 rows.")
    String baseline;

    @Option(names = "--rows", split = ",", paramLabel = "ROW", description = "Keep only these rows, in this order, "
            + "in every table, CSV and chart, e.g. --rows naive,ewc-1000,si, or 'naive [A]' with several runs: as the "
            + "table shows the row, with or without --name's names (give a name that holds a comma by its label).")
    List<String> rows;

    @Override
    public Integer call() {
        if (into != null && spec.commandLine().getParseResult().hasMatchedOption("--out")) {
            throw new EngramException("engram compare", "--into", "either --into DIR or --out DIR", "both", null);
        }
        UnaryOperator<Figure> layout = FigureLayout.of("engram compare", widthInches);
        Comparison.Choices choices = new Comparison.Choices(NameOption.byKey("engram compare", names, "TAG=NAME or"
                + " LABEL=NAME, e.g. --name A+B='lambda 100'"), error.measures().bars(), strict, baseline, rows);
        PrintWriter err = spec.commandLine().getErr();
        Comparison.Outcome c;
        if (into != null) {
            c = ComparisonFolder.writeInto(into, err, root -> Comparison.write(runs, root, layout, choices));
        } else {
            // A comparison killed as it wrote (SIGKILL) left a partial folder that nothing else removes.
            AbandonedSimulations.remove(out, Comparison.FOLDER, err);
            c = Comparison.write(runs, out, layout, choices);
        }
        for (String note : c.notes()) {
            err.println("engram: note: " + note);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (!c.runs().isEmpty() && c.runs().get(0).startsWith("[")) {
            // The rows' tags ([A], [B]) name runs: which is which, before the table that uses them.
            c.runs().forEach(o::println);
            o.println();
        }
        o.print(c.table());
        o.println();
        o.println(c.tableNote() + ".");
        o.println();
        c.paired().ifPresent(md -> o.println("Rows that share two or more seeds, compared seed by seed over those: "
                + md));
        return ResultFolderLine.print(o, err, c.folder());
    }
}
