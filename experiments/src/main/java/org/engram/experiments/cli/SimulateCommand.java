package org.engram.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.engram.experiments.simulate.SimulationRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engram simulate}: runs a network described in YAML and writes spikes, rates and a summary. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a network described in a YAML file; print a summary and the result folder.",
        footer = {"", "Examples:",
                "  engram simulate experiments/configs/brunel-small.yaml",
                "  engram simulate experiments/configs/cuba.yaml --threads 2 --out /tmp/results",
                "  engram simulate experiments/configs/brunel.yaml --duration-ms 100",
                "  engram simulate experiments/configs/cuba.yaml --set record.rate_bin_ms=5",
                "  engram simulate my-network.yaml --print-config"})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "The simulation config.")
    Path config;

    @Option(names = "--out", defaultValue = "results", paramLabel = "DIR",
            description = "Results root folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (overrides the config).")
    Integer threads;

    @Option(names = "--seed", converter = SeedConverter.class, paramLabel = "S",
            description = "Seed (overrides the config).")
    Long seed;

    @Option(names = "--duration-ms", paramLabel = "MS",
            description = "Simulated time in ms (overrides the config's duration_ms).")
    Double durationMs;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key, e.g. "
            + "projections[2].weight=-3 or populations[0].params.v_th=-50 (repeatable; applied in order, after "
            + "the file and before --threads, --seed and --duration-ms).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--print-config", description = "Check the config, build its network, print the resolved config "
            + "(every model parameter, delay and receptor filled in, overrides applied: what the result folder's "
            + "config.yaml would hold) and exit without simulating or "
            + "writing a folder.")
    boolean printConfig;

    @Override
    public Integer call() {
        // The duration as written, which a message shows: -1e-400 reads as -0.0.
        CommandLine.Model.OptionSpec duration = spec.commandLine().getParseResult().matchedOption("--duration-ms");
        List<String> written = duration == null ? List.of() : duration.originalStringValues();
        SimulationRun.Overrides overrides = new SimulationRun.Overrides(threads, seed, durationMs,
                written.isEmpty() ? null : written.get(written.size() - 1), sets);
        if (printConfig) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(SimulationRun.resolvedConfig(config, overrides, spec.commandLine().getErr()));
            o.flush();
            return 0;
        }
        SimulationRun.Result r = SimulationRun.execute(config, out, overrides,
                spec.commandLine().getParseResult().originalArgs(), spec.commandLine().getErr(),
                TestHookOptions.Simulate.of(spec));
        PrintWriter o = spec.commandLine().getOut();
        o.print(r.summary());
        o.println();
        return ResultFolderLine.print(o, spec.commandLine().getErr(), r.folder());
    }
}
