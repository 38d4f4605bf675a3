package org.engram.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.concurrent.Callable;
import org.engram.experiments.config.PlainName;
import org.engram.experiments.metrics.MetricFormat;
import org.engram.experiments.plot.Figure;
import org.engram.experiments.plot.FigureFolder;
import org.engram.experiments.run.RunPlots;
import org.engram.experiments.run.RunFolder;
import org.engram.experiments.run.RunResults;
import org.engram.simulator.EngramException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engram plot}: re-draws the figures of a finished run from its metrics.json and log.csv. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Re-draw a finished run's plots from its metrics.json and log.csv (into RUN_DIR/plots, "
                + "RUN_DIR/plots-<INCHES>in with --width-in, or --out).",
        footer = {"", "Examples:", "  engram plot results/quickstart/20261130T081500Z-3fa2c1",
                "  engram plot results/reference/quickstart --width-in 3.3 --out figures",
                "  engram plot results/reference/quickstart --out figures --replace",
                "  engram plot results/reference/quickstart --error sd --out figures",
                "  engram plot results/reference/quickstart --name naive=Fine-tuning",
                "  engram plot results/reference/quickstart --rows naive,hlop --out figures",
                "  engram plot results/reference/quickstart --out figures --prefix split-"})
public final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The folder of a finished run.")
    Path run;

    @Option(names = "--width-in", paramLabel = "INCHES", description = "Lay the figures out for a printed width, "
            + "at least 2, e.g. 3.3 for a paper's column or 7 for its page: tick labels at 7 pt, PNG at 300 dpi, "
            + "titles and subtitles left to captions.md.")
    Double widthInches;

    @Option(names = "--out", paramLabel = "DIR", description = "A folder of your own to draw into, outside every "
            + "finished run (default: RUN_DIR/plots, or RUN_DIR/plots-<INCHES>in with --width-in).")
    Path out;

    @Mixin
    ErrorOption error;

    @Option(names = "--replace", description = "Draw over figures of the same names in --out (without it, a folder "
            + "that holds one, e.g. from another run, is refused). The run's own plot folders are always redrawn.")
    boolean replace;

    @Option(names = "--name", paramLabel = "LABEL=NAME", description = "Show NAME for a strategy's label in the "
            + "figures' legends, axes and titles (and captions.md), not in file names, e.g. --name naive=Fine-tuning "
            + "--name ewc='EWC, lambda 1000'; NAME may hold any character but a line break; repeatable.")
    List<String> names = new ArrayList<>();

    @Option(names = "--prefix", paramLabel = "TEXT", description = "Put TEXT before every figure's file name (and "
            + "its captions.md entry), e.g. --prefix split- gives split-comparison.pdf, so several runs' figures share "
            + "one --out folder; only with --out. " + PlainName.RULE + ".")
    String prefix;

    @Option(names = "--rows", split = ",", paramLabel = "ROW", description = "Draw only these strategies, in "
            + "this order, in every figure, e.g. --rows naive,ewc-1000,si: each by its label or by the name --name "
            + "gives it (give a name that holds a comma by its label), as compare's --rows takes rows; only with "
            + "--out.")
    List<String> rows;

    @Override
    public Integer call() {
        if (prefix != null && (out == null || !PlainName.matches(prefix))) {
            throw new EngramException("engram plot", "--prefix", out == null ? "--out with it (the run's own plot"
                    + " folders keep the figures' names)" : PlainName.RULE, out == null ? "no --out"
                    : PlainName.shown(prefix), null);
        }
        if (rows != null && out == null) {
            throw new EngramException("engram plot", "--rows", "--out with it (the run's own plot folders show every"
                    + " strategy the run has)", "no --out", null);
        }
        UnaryOperator<Figure> layout = FigureLayout.of("engram plot", widthInches);
        if (out != null) {
            // Another run's plots folder, or this run's own top folder, would take figures it never drew.
            RunFolder.requireOutsideFinishedRuns(out, "a folder for the figures (created if absent)", "give --out a"
                    + " folder outside it; without --out, plot draws into RUN_DIR/plots, or RUN_DIR/plots-<INCHES>in"
                    + " with --width-in");
        }
        RunResults results = RunResults.readFinished(run);
        // Laid out for print, the figures go beside the run's own, which they would replace.
        Path plots = out != null ? out : run.resolve(widthInches == null ? "plots"
                : "plots-" + MetricFormat.asWritten(widthInches) + "in");
        Map<String, Figure> figures = RunPlots.figures(results, layout, NameOption.byKey("engram plot", names,
                "LABEL=NAME, e.g. --name naive=Fine-tuning"), rows, error.measures());
        if (prefix != null) {
            Map<String, Figure> prefixed = new LinkedHashMap<>();
            figures.forEach((base, figure) -> prefixed.put(prefix + base, figure));
            figures = prefixed;
        }
        if (out != null && !replace) {
            requireNoneDrawnBefore(figures.keySet());
        }
        // The run's own plot folders show what its files give: a figure they no longer give goes. A folder of
        // one's own keeps what it holds.
        Map<String, List<Path>> withdrawn = new TreeMap<>();
        for (String base : out == null ? RunPlots.optional(results) : Set.<String>of()) {
            List<Path> present = Figure.files(plots, base).stream().filter(Files::exists).toList();
            if (!figures.containsKey(base) && !present.isEmpty()) {
                withdrawn.put(base, present);
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        for (Path f : FigureFolder.writeAll(figures, plots, out == null || replace, withdrawn.keySet(),
                TestHookOptions.Plot.of(spec))) {
            o.println(plots.resolve(f.getFileName()));
        }
        PrintWriter err = spec.commandLine().getErr();
        // Only the files there were: a figure may have been drawn as PNG alone, or a file of it deleted.
        withdrawn.forEach((base, files) -> err.println("engram plot: removed " + inWords(plots, base, files)
                + ": the run's files no longer hold what it shows"));
        err.flush();
        o.println(plots);
        o.flush();
        return 0;
    }

    /** The files of a figure as {@code plots/base.png, .svg and .pdf}, or as many of them as there are. */
    private static String inWords(Path plots, String base, List<Path> files) {
        List<String> extensions = files.stream().map(f -> f.getFileName().toString().substring(base.length()))
                .toList();
        String last = extensions.get(extensions.size() - 1);
        return plots.resolve(base) + (extensions.size() == 1 ? last
                : String.join(", ", extensions.subList(0, extensions.size() - 1)) + " and " + last);
    }

    /** A folder of the user's may hold another run's figures of the same names, which drawing would lose. */
    private void requireNoneDrawnBefore(Collection<String> baseNames) {
        List<Path> existing = new ArrayList<>();
        for (String base : baseNames) {
            Figure.files(out, base).stream().filter(Files::exists).forEach(existing::add);
        }
        if (!existing.isEmpty()) {
            throw new EngramException(out.toString(), "--out", "a folder without figures of the names plot draws",
                    existing.size() + " of them, e.g. " + existing.get(0).getFileName(),
                    "give another --out, or add --replace to draw over them");
        }
    }
}
