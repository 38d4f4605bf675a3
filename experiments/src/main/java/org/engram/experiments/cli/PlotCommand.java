package org.engram.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.engram.experiments.run.RunPlots;
import org.engram.experiments.run.RunResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engram plot}: re-draws the figures of a finished run from its metrics.json and log.csv. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Re-draw the plots of a finished run (into RUN_DIR/plots) from its metrics.json and log.csv.",
        footer = {"", "Example:", "  engram plot results/quickstart/20261130T081500Z-3fa2c1"})
public final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The folder of a finished run.")
    Path run;

    @Override
    public Integer call() {
        List<Path> files = RunPlots.draw(RunResults.read(run), run.resolve("plots"));
        PrintWriter o = spec.commandLine().getOut();
        for (Path f : files) {
            o.println(f);
        }
        o.println(run.resolve("plots"));
        o.flush();
        return 0;
    }
}
