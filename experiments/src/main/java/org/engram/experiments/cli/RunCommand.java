package org.engram.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.engram.experiments.config.ConfigDocs;
import org.engram.experiments.config.ConfigLayers;
import org.engram.experiments.run.Runner;
import org.engram.experiments.run.SignalHook;
import org.engram.simulator.EngramException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code engram run}: one continual-learning experiment over its strategies and seeds; prints the
 * summary and, as the last line of standard output, the run folder. Progress goes to standard error.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a continual-learning experiment: every strategy of the config, for every seed, "
                + "through every task; write metrics, plots and a summary to a new run folder.",
        footer = {"", "Examples:",
                "  engram run experiments/configs/quickstart.yaml",
                "  engram run experiments/configs/split-fashion-class-il.yaml --seeds 1,2,3",
                "  engram run experiments/configs/quickstart.yaml --jobs 2 --threads 1",
                "  engram run my.yaml --set training.epochs=2 --set strategies[0].params.c=2",
                "  engram run --resume results/quickstart/.20261130T081500Z-3fa2c1.partial",
                "", "Precedence: defaults <- CONFIG.yaml <- --set <- --seeds/--threads.",
                "Config keys (default in parentheses; engram run --keys prints them alone):"})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG.yaml",
            description = "The experiment config (optional with --resume).")
    Path config;

    // The split leaves a trailing comma on the last item (String.split drops the empty item after
    // it), so that the converter refuses "1,2," rather than reading it as 1,2.
    @Option(names = "--seeds", split = ",(?!$)", splitSynopsisLabel = ",", paramLabel = "S",
            converter = SeedConverter.OfList.class, description = "Seeds, separated by commas (overrides the config).")
    List<Long> seeds;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (overrides the config; results do "
            + "not depend on it).")
    Integer threads;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1", description = "Units (strategy and seed) "
            + "trained at once, each on the config's threads (default ${DEFAULT-VALUE}; results do not depend on it).")
    int jobs;

    @Option(names = "--out", defaultValue = "results", paramLabel = "DIR",
            description = "Results root folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key, e.g. training.epochs=2 "
            + "or strategies[0].params.lambda=100; repeatable, applied in order (the last of two that "
            + "set one key wins).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue a stopped run from its partial "
            + "folder, after its last checkpointed task.")
    Path resume;

    @Option(names = "--keys", description = "Print every config key with its default and meaning, then exit.")
    boolean keys;

    @Option(names = "--markdown", description = "With --keys: print the key table as Markdown (for documentation).")
    boolean markdown;

    @Option(names = "--print-config", description = "Print the resolved config (defaults filled in, overrides "
            + "applied) and exit without running.")
    boolean printConfig;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (markdown && !keys) {
            throw new EngramException("engram run", "--markdown", "--keys beside it (it formats the key table)",
                    "no --keys", null);
        }
        List<String> besideKeys = new ArrayList<>();
        for (CommandLine.Model.ArgSpec arg : spec.commandLine().getParseResult().matchedArgs()) {
            String name = arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : String.valueOf(config);
            if (!name.equals("--keys") && !name.equals("--markdown")) {
                besideKeys.add(name);
            }
        }
        if (keys && !besideKeys.isEmpty()) {
            // The table would print and the rest be dropped without a word.
            throw new EngramException("engram run", "--keys", "nothing beside it but --markdown (it prints every key"
                    + " and exits)", String.join(" ", besideKeys), null);
        }
        if (keys) {
            o.print(markdown ? ConfigDocs.markdown() : ConfigDocs.plainText());
            o.flush();
            return 0;
        }
        Runner.requireJobs(jobs);
        if (config == null && resume == null) {
            throw new EngramException("engram run", "CONFIG.yaml", "a config file, or --resume RUN_DIR", "neither",
                    "see engram run --help");
        }
        if (config == null && (seeds != null || !sets.isEmpty())) {
            throw new EngramException("engram run", "--resume", "no --set or --seeds (a resumed run keeps its config)",
                    seeds != null ? "--seeds" : ConfigLayers.overrideNamed(sets.get(0)), null);
        }
        // One hook for the rest of the command, from before the config is read (Jackson's start-up alone
        // takes a second or more) until the run has ended: a signal at any moment says what holds.
        try (SignalHook signal = new SignalHook()) {
            return resolveAndRun(signal, o);
        }
    }

    private int resolveAndRun(SignalHook signal, PrintWriter o) {
        PrintWriter err = spec.commandLine().getErr();
        Runner.TestHooks hooks = TestHookOptions.of(spec);
        if (hooks.pauseBeforeConfig()) {
            Runner.pause("before the config is read", err);
        }
        if (resume != null && spec.commandLine().getParseResult().hasMatchedOption("--out")) {
            requireResumedRoot();
        }
        ConfigLayers.Resolved resolved = config == null ? null
                : ConfigLayers.resolve(config, sets, new ConfigLayers.Flags(seeds, threads));
        if (printConfig) {
            if (resolved == null) {
                throw new EngramException("engram run", "--print-config", "a CONFIG.yaml to resolve", "none", null);
            }
            Runner.warnOfConfig(resolved.config(), err);
            o.print(resolved.yaml());
            o.flush();
            return 0;
        }
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        Runner.Request request = new Runner.Request(resolved, out, resume, threads, jobs, args, hooks);
        Runner.Outcome r = Runner.execute(request, signal, err);
        o.print(r.summary());
        o.println();
        return ResultFolderLine.print(o, err, r.folder());
    }

    /**
     * A resumed run finishes beside its partial folder, so an {@code --out} elsewhere would be
     * ignored: it is refused instead.
     */
    private void requireResumedRoot() {
        if (!Files.isDirectory(resume)) {
            return;   // the resume says what is wrong with it, which the root worked out from it would hide
        }
        Path experiment = resume.toAbsolutePath().normalize().getParent();
        Path root = experiment == null ? null : experiment.getParent();
        if (root == null || !sameFolder(root, out)) {
            throw new EngramException("engram run", "--out", "no --out with --resume, or the results root of the run"
                    + " being resumed" + (root == null ? "" : " (" + root + ")"), out.toString(),
                    "a resumed run finishes beside its partial folder");
        }
    }

    /** The same folder by any spelling, a symbolic link's included. */
    private static boolean sameFolder(Path root, Path out) {
        if (root.equals(out.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.isSameFile(root, out);
        } catch (IOException e) {
            return false;   // out does not exist, or cannot be looked at: not the run's root
        }
    }
}
