package org.engram.experiments.simulate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ConfigLoader;
import org.engram.experiments.config.LeftOutKeys;
import org.engram.experiments.config.OtherCommandConfig;
import org.engram.experiments.config.PlainName;
import org.engram.experiments.plot.DrawnFigure;
import org.engram.experiments.plot.Figure;
import org.engram.experiments.run.AbandonedSimulations;
import org.engram.experiments.run.JsonFiles;
import org.engram.experiments.run.Platform;
import org.engram.experiments.run.RunFolder;
import org.engram.experiments.run.SetupStop;
import org.engram.experiments.run.ThreadNotice;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.StatesPastTheHeap;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.monitor.RatesPastTheHeap;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.SpikeStatistics;
import org.engram.simulator.monitor.SpikesPastTheHeap;
import org.engram.simulator.monitor.SpikeTrainDigest;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;

/**
 * Runs one {@code engram simulate} config and writes its result folder
 * {@code <results>/<name>/<run-id>/}: the resolved {@code config.yaml}, {@code spikes_<population>.csv},
 * {@code rates_<population>.csv}, {@code state_<population>_<variable>.csv}, {@code synapses_<projection>.csv},
 * {@code weights_<projection>.csv}, {@code summary.md} and {@code plots/raster_<population>},
 * {@code plots/rate_<population>} and {@code plots/weights_<projection>} (PNG, SVG and PDF).
 * The folder appears only when complete.
 */
public final class SimulationRun {
    private SimulationRun() {
    }

    /**
     * The outcome of a simulation.
     *
     * @param folder  the committed result folder
     * @param summary the summary text (also in {@code summary.md})
     */
    public record Result(Path folder, String summary) {
    }

    /**
     * What the command line sets over the config.
     *
     * @param threads    worker threads, or {@code null} for the config's
     * @param seed       the seed, or {@code null} for the config's
     * @param durationMs simulated time in ms, or {@code null} for the config's {@code duration_ms}
     * @param durationAsWritten {@code durationMs} as the command line wrote it ({@code 5e1}), for messages;
     *                   null where it is as Java shows the double
     * @param sets       {@code key=value} texts applied over the file in order ({@code --set})
     */
    public record Overrides(Integer threads, Long seed, Double durationMs, String durationAsWritten,
                            List<String> sets) {
        /** Nothing overridden. */
        public static final Overrides NONE = new Overrides(null, null, null, null, List.of());

        /**
         * Copies the list; null stands for none.
         *
         * @param threads    worker threads, or {@code null} for the config's
         * @param seed       the seed, or {@code null} for the config's
         * @param durationMs simulated time in ms, or {@code null} for the config's {@code duration_ms}
         * @param durationAsWritten {@code durationMs} as the command line wrote it ({@code 5e1}), for messages;
         *                   null where it is as Java shows the double
         * @param sets       {@code key=value} texts applied over the file in order ({@code --set})
         */
        public Overrides {
            sets = sets == null ? List.of() : List.copyOf(sets);
        }

        /** {@return the options that set a config key: {@code --duration-ms} when given} */
        List<ConfigLoader.KeyOption> keyOptions() {
            return durationMs == null ? List.of() : List.of(new ConfigLoader.KeyOption("--duration-ms", "duration_ms",
                    durationAsWritten == null ? String.valueOf(durationMs) : durationAsWritten));
        }
    }

    /**
     * Loads, validates, runs and writes.
     *
     * @param configFile  the YAML file
     * @param resultsRoot the results root folder
     * @param overrides   what the command line sets over the config
     * @param commandLine the arguments of {@code engram simulate}, for the provenance in {@code summary.json}
     * @param err         where the removal of partial folders left by killed simulations is reported
     * @return the result
     */
    public static Result execute(Path configFile, Path resultsRoot, Overrides overrides, List<String> commandLine,
                                 PrintWriter err) {
        try {
            return simulate(configFile, resultsRoot, overrides, commandLine, err);
        } catch (ConfigException e) {
            throw ConfigLoader.withPosition(e, configFile, overrides.sets(), overrides.keyOptions());
        }
    }

    /**
     * Loads and checks a config as {@link #execute} does, builds its network and starts (and stops) an
     * engine on it, without simulating or writing anything: every problem a simulation of it would
     * report before it starts is reported.
     *
     * @param configFile the YAML file
     * @param overrides  what the command line sets over the config
     * @param err        where warnings go: of user classes left out under a built-in's name the config uses
     * @return the resolved config as YAML, every model parameter, delay and receptor filled in, as a
     *         simulation would write it to its folder's {@code config.yaml}
     */
    public static String resolvedConfig(Path configFile, Overrides overrides, PrintWriter err) {
        try {
            Prepared p = prepare(configFile, overrides);
            LeftOutPlugIns.warn(p.c(), err);
            // The engine refuses what only a mode or a time step can tell (a Poisson rate past what a step draws).
            try (Engine engine = openEngine(p.network(), p.options(), p.factory())) {
                return ConfigLoader.toYaml(p.resolved());
            }
        } catch (ConfigException e) {
            throw ConfigLoader.withPosition(e, configFile, overrides.sets(), overrides.keyOptions());
        }
    }

    /**
     * A config checked and its network built, ready to simulate.
     *
     * @param c          the config with the command line's overrides
     * @param source     the config file's name, for messages
     * @param factory    the network's factory
     * @param network    the network built
     * @param plasticity the plasticity rules attached to its projections
     * @param resolved   the resolved config (defaults filled in)
     * @param options    the engine's options
     * @param startNanos when the network began to be built ({@link System#nanoTime()}), for the setup time
     */
    private record Prepared(SimulationConfig c, String source, NetworkFromConfig factory, Network network,
                            List<NetworkFromConfig.AttachedRule> plasticity, SimulationConfig resolved,
                            EngineOptions options, long startNanos) {
    }

    private static Result simulate(Path configFile, Path resultsRoot, Overrides overrides, List<String> commandLine,
                                   PrintWriter err) {
        // Until the folder is made, whose own hook then says what a signal did.
        SetupStop setup = new SetupStop("simulation");
        try {
            return simulate(configFile, resultsRoot, overrides, commandLine, err, setup);
        } finally {
            setup.close();
        }
    }

    private static Result simulate(Path configFile, Path resultsRoot, Overrides overrides, List<String> commandLine,
                                   PrintWriter err, SetupStop setup) {
        Prepared prepared = prepare(configFile, overrides);
        SimulationConfig c = prepared.c();
        Network network = prepared.network();
        TimeGrid grid = network.grid();
        List<NetworkFromConfig.AttachedRule> plasticity = prepared.plasticity();
        LeftOutPlugIns.warn(c, err);
        ThreadNotice.print(err, "engram simulate", overrides.threads() != null ? "--threads" : "threads", c.threads());
        List<SpikeRecorder> spikes = new ArrayList<>();
        List<RateMonitor> rates = new ArrayList<>();
        List<StateRecorder> states = new ArrayList<>();
        List<WeightSampler> weights = new ArrayList<>();
        List<Double> meanWeightsBefore = new ArrayList<>();   // null for a projection without synapses
        Instant started = Instant.now();
        String yaml = ConfigLoader.toYaml(prepared.resolved());
        // In a method of its own, whose frame ends with it: the engine and the spike digest hold heap (buffers,
        // spikes not yet hashed) that the results need, and a local of this method would keep them.
        Ran ran = run(prepared, new Recordings(spikes, rates, states, weights, meanWeightsBefore), configFile,
                resultsRoot, overrides, started, yaml, setup, err);
        RunFolder folder = ran.folder();
        // The recordings first, exact and complete: what comes after them (the summary's numbers, the plots) needs
        // heap beside them, and a run whose recordings leave too little keeps them (UnmadeResults).
        List<String> files = new ArrayList<>(List.of("config.yaml"));
        try {
            writeRecordings(folder, network, c, spikes, rates, states, weights, files);
        } catch (RuntimeException | Error e) {
            folder.discardAfter(e);
            throw e;
        }
        int recordingFiles = files.size();
        String summary;
        String unmade;
        Path done;
        try {
            List<SimulationSummary.PopulationSummary> populations = new ArrayList<>();
            for (SpikeRecorder r : spikes) {
                populations.add(SimulationSummary.PopulationSummary.of(r.population().name(),
                        SpikeStatistics.of(r, c.record().fromMs(), c.durationMs())));
            }
            List<SimulationSummary.PlasticitySummary> learned = new ArrayList<>();
            for (int k = 0; k < plasticity.size(); k++) {
                Projection projection = plasticity.get(k).rule().projection();
                learned.add(new SimulationSummary.PlasticitySummary(projection.name(), plasticity.get(k).type(),
                        projection.synapseCount(), meanWeightsBefore.get(k), meanWeight(projection)));
            }
            List<SimulationSummary.ShortTermSummary> shortTerm = new ArrayList<>();
            for (Projection projection : network.projections()) {
                if (projection.shortTerm() != null) {
                    shortTerm.add(SimulationSummary.ShortTermSummary.of(projection));
                }
            }
            List<SimulationSummary.WeightRecording> recordings = new ArrayList<>();
            for (int k = 0; k < weights.size(); k++) {
                recordings.add(SimulationSummary.WeightRecording.of(weights.get(k),
                        c.record().weights().get(k).intervalMs()));
            }
            SimulationSummary json = new SimulationSummary(c.name(), network.neuronCount(), network.synapseCount(),
                    network.bytesPerSynapse(), c.durationMs(), c.dtMs(), c.mode().name().toLowerCase(Locale.ROOT),
                    c.threads(), ran.parallel(), c.seed(), ran.setupSeconds(), ran.loopSeconds(), ran.spikeCount(),
                    ran.events(), ran.loopSeconds() > 0 ? ran.events() / ran.loopSeconds() : 0.0, ran.spikeHash(),
                    c.record().fromMs(),
                    sampledNeurons(c.record().spikeNeurons(), spikes), populations,
                    learned, shortTerm, recordings,
                    SimulationSummary.SimulationProvenance.of(Platform.current(), started.toString(), yaml,
                            commandLine));
            unmade = drawPlots(folder, c, grid, spikes, rates, weights, files);
            List<String> listed = new ArrayList<>(files);
            listed.addAll(List.of("summary.md", "summary.json"));
            summary = json.markdown(listed) + (unmade == null ? ""
                    : "\nNot drawn: " + unmade + "; " + UnmadeResults.why() + ".\n");
            folder.writeString("summary.md", summary);
            folder.writeString("summary.json", JsonFiles.write(json));
            files = listed;
            done = folder.commit();
        } catch (OutOfMemoryError e) {
            // What needed the heap beside the recordings is gone with the stack: the folder can be committed.
            throw keep(folder, files, files.size() == recordingFiles ? "its summary and plots" : "its summary", e);
        } catch (RuntimeException | Error e) {
            folder.discardAfter(e);
            throw e;
        }
        if (unmade != null) {
            throw new UnmadeResults(done, files, unmade);
        }
        return new Result(done, summary);
    }

    /**
     * The lists a run fills with its recordings.
     *
     * @param spikes            the spike recorders, one per recorded population
     * @param rates             the rate monitors, one per recorded population, in the same order
     * @param states            the state recorders
     * @param weights           the weight samplers
     * @param meanWeightsBefore each plastic projection's mean weight before the run, null for one without synapses
     */
    private record Recordings(List<SpikeRecorder> spikes, List<RateMonitor> rates, List<StateRecorder> states,
                              List<WeightSampler> weights, List<Double> meanWeightsBefore) {
    }

    /**
     * A run that ended, its folder holding its config.
     *
     * @param folder       the run's folder, not yet committed
     * @param setupSeconds the time from building the network to the start of the loop
     * @param loopSeconds  the simulation loop's time
     * @param events       the synaptic events delivered
     * @param spikeCount   the spikes of every population
     * @param parallel     whether the engine ran on more than one thread
     * @param spikeHash    the digest of every spike of the run
     */
    private record Ran(RunFolder folder, double setupSeconds, double loopSeconds, long events, long spikeCount,
                       boolean parallel, String spikeHash) {
    }

    /** Makes the run's folder, adds the recorders to an engine and runs it to the config's end. */
    private static Ran run(Prepared prepared, Recordings recordings, Path configFile, Path resultsRoot,
                           Overrides overrides, Instant started, String yaml, SetupStop setup, PrintWriter err) {
        SimulationConfig c = prepared.c();
        Network network = prepared.network();
        TimeGrid grid = network.grid();
        List<SpikeRecorder> spikes = recordings.spikes();
        List<RateMonitor> rates = recordings.rates();
        List<WeightSampler> weights = recordings.weights();
        try (Engine engine = openEngine(network, prepared.options(), prepared.factory())) {
            List<String> recorded = c.record().spikes() == null
                    ? network.populations().stream().map(Population::name).toList() : c.record().spikes();
            // What record asks for was checked with the config (RecordChecks).
            for (SimulationConfig.StateSpec s : c.record().state()) {
                Population<?, ?> p = network.population(s.population());
                recordings.states().add(engine.recordState(p, s.variable(), s.neuronsOf(p.size()),
                        s.intervalMsOr(grid.dtMs())));
            }
            SpikeTrainDigest digest = SpikeTrainDigest.deferred(network.grid().dtMs());
            engine.addObserver(digest);
            for (NetworkFromConfig.AttachedRule attached : prepared.plasticity()) {
                recordings.meanWeightsBefore().add(meanWeight(attached.rule().projection()));
                engine.addListener(attached.rule());
            }
            AbandonedSimulations.remove(resultsRoot, c.name(), err);
            // The folder before the simulation, so an unusable --out fails before the work is done.
            // A simulation cannot be resumed: a stopped one leaves no folder.
            RunFolder folder = RunFolder.createNewDisposable(resultsRoot, c.name(), started, yaml);
            setup.close();
            long t1;
            try {
                // Locked, then marked by its config as a simulation's: if the process is killed (SIGKILL),
                // the next simulation or run of this name finds the mark without the lock and removes it.
                folder.lock(err);
                folder.writeString("config.yaml", yaml);
                RecordRoom.require(c, network, configFile, overrides.sets(), folder.directory(), err);
                EndOfRunNotes.print(network, c.durationMs(), err);
                t1 = System.nanoTime();
                int endStep = grid.positiveSteps("simulation", "duration_ms", c.durationMs());
                int fromStep = grid.wholeSteps("record", "from_ms", c.record().fromMs());
                for (SimulationConfig.WeightSpec w : c.record().weights()) {
                    Projection projection = network.projection(w.projection());
                    weights.add(new WeightSampler(projection, ListedSynapses.of(w, projection, c.seed()),
                            grid.positiveSteps("record", "interval_ms", w.intervalMs()), endStep));
                }
                runInPieces(engine, fromStep, endStep, weights, () -> {
                    // Spike recorders and rate monitors record from when they are added.
                    for (String name : recorded) {
                        Population<?, ?> p = network.population(name);
                        spikes.add(engine.recordSpikes(p, firstNeurons(p.size(), c.record().spikeNeurons())));
                        rates.add(engine.recordRate(p, c.record().rateBinMs()));
                    }
                });
            } catch (SpikesPastTheHeap e) {
                throw folder.discardAfter(RecordChecks.spikesPastTheHeap(e, prepared.source(), c));
            } catch (RatesPastTheHeap e) {
                throw folder.discardAfter(RecordChecks.ratesPastTheHeap(e, prepared.source()));
            } catch (StatesPastTheHeap e) {
                throw folder.discardAfter(RecordChecks.statesPastTheHeap(e, prepared.source(), c));
            } catch (RuntimeException | Error e) {
                folder.discardAfter(e);
                throw e;
            }
            long t2 = System.nanoTime();
            return new Ran(folder, (t1 - prepared.startNanos()) / 1e9, (t2 - t1) / 1e9, engine.synapticEvents(),
                    engine.spikeCount(), engine.parallel(), digest.hex());
        }
    }

    /**
     * Writes the spike, rate, state, synapse and weight files of a run that ended, each listed in {@code files}
     * once it is written. They are read from the recordings in place, with no copy of them.
     */
    private static void writeRecordings(RunFolder folder, Network network, SimulationConfig c,
                                        List<SpikeRecorder> spikes, List<RateMonitor> rates,
                                        List<StateRecorder> states, List<WeightSampler> weights, List<String> files) {
        TimeGrid grid = network.grid();
        for (SpikeRecorder r : spikes) {
            String file = "spikes_" + r.population().name() + ".csv";
            folder.write(file, out -> writeCsv(out, r::writeCsv));
            files.add(file);
        }
        for (RateMonitor r : rates) {
            String file = "rates_" + nameOf(r, rates, spikes) + ".csv";
            folder.write(file, out -> writeCsv(out, r::writeCsv));
            files.add(file);
        }
        for (StateRecorder r : states) {
            String file = "state_" + r.population().name() + "_" + r.variable() + ".csv";
            folder.write(file, out -> writeCsv(out, r::writeCsv));
            files.add(file);
        }
        for (String name : c.record().synapses()) {
            Projection projection = network.projection(name);
            folder.write(synapsesFile(name), out -> writeCsv(out, w -> projection.writeCsv(w, grid)));
            files.add(synapsesFile(name));
        }
        for (WeightSampler w : weights) {
            folder.write(weightsFile(w.projection().name()), out -> writeCsv(out, wr -> w.writeCsv(wr, grid)));
            files.add(weightsFile(w.projection().name()));
        }
    }

    /**
     * Draws and writes the plots of a run that ended, listing in {@code files} those written. The figures keep
     * only what they draw; should the heap, holding the recordings, have no room to draw one, the figures drawn
     * before it stay and the rest are left out.
     *
     * @return null when every plot was drawn, else which were not ({@code the plots other than ...})
     */
    private static String drawPlots(RunFolder folder, SimulationConfig c, TimeGrid grid, List<SpikeRecorder> spikes,
                                    List<RateMonitor> rates, List<WeightSampler> weights, List<String> files) {
        List<String> drawn = new ArrayList<>();
        try {
            Map<String, Figure> figures = new LinkedHashMap<>();
            List<String> listed = new ArrayList<>();
            for (int k = 0; k < spikes.size(); k++) {
                String name = spikes.get(k).population().name();
                figures.putAll(SimulationPlots.figures(folder, spikes.get(k), rates.get(k), c.record().fromMs(),
                        c.durationMs()));
                listed.add("plots/raster_" + name + " and plots/rate_" + name + " (.png, .svg, .pdf)");
            }
            for (WeightSampler w : weights) {
                // Without synapses there is nothing to draw: the file's rows have no statistics.
                if (w.projection().synapseCount() > 0) {
                    String base = "plots/weights_" + fileNamePart(w.projection().name());
                    figures.put(base, SimulationPlots.weights(folder, w, grid));
                    listed.add(base + " (.png, .svg, .pdf)");
                }
            }
            DrawnFigure.drawEach(figures, c.threads(), (base, figure) -> {
                figure.write(folder, base);
                drawn.add(base);
            });
            files.addAll(listed);
            return null;
        } catch (OutOfMemoryError e) {
            for (String base : drawn) {
                files.add(base + " (.png, .svg, .pdf)");
            }
            return drawn.isEmpty() ? "the plots" : "the plots other than " + String.join(", ", drawn);
        }
    }

    /**
     * Commits the folder of a run whose recordings are written but whose other results could not be made, so
     * that the recordings stay, and says what is missing; a failure to commit joins the heap's.
     */
    private static EngramException keep(RunFolder folder, List<String> kept, String unmade, OutOfMemoryError e) {
        try {
            return new UnmadeResults(folder.commit(), List.copyOf(kept), unmade);
        } catch (RuntimeException notCommitted) {
            notCommitted.addSuppressed(e);
            throw folder.discardAfter(notCommitted);
        }
    }

    /**
     * Runs an engine from step 0 to {@code endStep} in pieces that end where the recording of spikes and
     * rates starts ({@code fromStep}) and where a weight sample falls: the rules have then been handed every
     * spike up to the end of the piece, and the pieces give the spikes of one run.
     *
     * @param startRecording adds the spike recorders and rate monitors, at {@code fromStep}
     */
    private static void runInPieces(Engine engine, int fromStep, int endStep, List<WeightSampler> weights,
                                    Runnable startRecording) {
        int step = 0;
        while (true) {
            if (step == fromStep) {
                startRecording.run();
            }
            for (WeightSampler w : weights) {
                w.sampleIfDue(step);
            }
            if (step == endStep) {
                return;
            }
            int next = step < fromStep ? fromStep : endStep;
            for (WeightSampler w : weights) {
                next = Math.min(next, w.nextSampleAfter(step));
            }
            engine.run(engine.network().grid().timeMs(next - step));
            step = engine.step();
        }
    }

    /** Loads and checks the config, every problem at once, and builds its network. */
    private static Prepared prepare(Path configFile, Overrides overrides) {
        String source = configFile.toString();
        // Every problem of the config at once: the unknown keys and values of the wrong type, these
        // checks, then each entry of the network. The keys of the first are left out, their defaults
        // standing in: a check of one of them is not reported.
        List<ConfigException> problems = new ArrayList<>();
        SimulationConfig c = ConfigLoader.load(configFile, overrides.sets(), SimulationConfig.class, problems);
        ConfigException experiment = OtherCommandConfig.of(problems, source, "engram simulate", OtherCommandConfig.RUN);
        if (experiment != null) {
            throw experiment;
        }
        if (c == null) {
            throw ConfigException.all(problems);
        }
        LeftOutKeys leftOut = LeftOutKeys.of(SimulationConfig.class, problems);
        List<ConfigException> checks = new ArrayList<>();
        c = new SimulationConfig(c.name(), c.dtMs(),
                overrides.durationMs() != null ? overrides.durationMs() : c.durationMs(),
                overrides.seed() != null ? overrides.seed() : c.seed(),
                overrides.threads() != null ? overrides.threads() : c.threads(), c.mode(), c.populations(),
                c.projections(), c.inputs(), c.record());
        if (overrides.threads() == null) {
            try {
                EngineOptions.requireThreads("engine", c.threads());
            } catch (EngramException e) {
                checks.add(new ConfigException(source, "threads", e.expected(), e.found(), null));
            }
        }
        if (c.durationMs() == null || !(c.durationMs() > 0)) {
            // A duration the command line set is blamed on its option (KeyOption), not on the file's line.
            checks.add(new ConfigException(source, "duration_ms", "a number > 0 (ms)", c.durationMs() == null
                    ? "nothing (the key is required)" : String.valueOf(c.durationMs()), null));
        }
        if (!PlainName.matches(c.name())) {
            checks.add(new ConfigException(source, "name", PlainName.RULE + " (it names the result folder)",
                    PlainName.shown(c.name()), null));
        }
        boolean sharedName = false;
        for (int i = 0; i < c.populations().size(); i++) {
            String name = c.populations().get(i).name();
            // A population's name is part of its files' names (spikes_<name>.csv): "a/b" made folders,
            // and "../../x" gave its spikes and rates one file.
            if (name != null && !PlainName.matches(name)) {
                checks.add(new ConfigException(source, "populations[" + i + "].name", PlainName.RULE
                        + " (it names the population's result files)", PlainName.shown(name), null));
            }
            for (int j = 0; j < i && name != null; j++) {
                String other = c.populations().get(j).name();
                sharedName |= name.equalsIgnoreCase(other);
                if (name.equalsIgnoreCase(other) && !name.equals(other)) {
                    // macOS and Windows disks take spikes_exc.csv and spikes_Exc.csv for one file.
                    checks.add(new ConfigException(source, "populations[" + i + "].name", "a name that differs from "
                            + "populations[" + j + "]'s ('" + other + "') in more than case (the names name result "
                            + "files, which a disk that ignores case would take for one)", name, null));
                    break;
                }
            }
        }
        NetworkFromConfig factory = new NetworkFromConfig(c, source, leftOut);
        long t0 = System.nanoTime();
        Network network = null;
        List<NetworkFromConfig.AttachedRule> plasticity = List.of();
        try {
            network = factory.build();
            plasticity = factory.plasticityRules(network);
        } catch (ConfigException e) {
            checks.add(e);
        }
        RecordChecks.check(c, source, NetworkFromConfig.allNamed(c, leftOut), factory, network,
                overrides.durationMs() != null ? "the duration is the one --duration-ms set" : null, checks);
        if (factory.grid() != null && c.durationMs() != null && c.durationMs() > 0) {
            try {
                factory.grid().positiveSteps("simulation", "duration_ms", c.durationMs());
            } catch (EngramException e) {
                checks.add(new ConfigException(source, "duration_ms", e.expected(), e.found(), null));
            }
        }
        problems.addAll(leftOut.kept(sharedName ? withoutUnknownPopulations(checks) : checks));
        if (!problems.isEmpty()) {
            throw ConfigException.all(withTheStepsOrigin(problems, configFile, overrides.sets()));
        }
        SimulationConfig resolved = factory.resolved();
        EngineOptions options;
        try {
            options = new EngineOptions(c.threads(), c.mode());
        } catch (EngramException e) {
            // The config's threads were checked with the config: what is left is the option's.
            throw new ParameterException("simulate", "--threads", e.expected(), e.found());
        }
        return new Prepared(c, source, factory, network, plasticity, resolved, options, t0);
    }

    /**
     * The problems but those of an entry naming a population the config lacks: with a name written for
     * two populations, such an entry names, most likely, the population whose name was written twice
     * (exc and exc for exc and inh), and the shared name is the one error to report.
     */
    private static List<ConfigException> withoutUnknownPopulations(List<ConfigException> checks) {
        List<ConfigException> kept = new ArrayList<>();
        for (ConfigException check : checks) {
            for (ConfigException one : check.problems()) {
                if (!(one instanceof UnknownPopulation)) {
                    kept.add(one);
                }
            }
        }
        return kept;
    }

    /** The mean of a plastic projection's weights, null when it has no synapse. */
    private static Double meanWeight(Projection projection) {
        float[] weights = projection.weights();
        double sum = 0;
        for (float w : weights) {
            sum += w;
        }
        return weights.length == 0 ? null : sum / weights.length;
    }

    /** Starts the engine, locating a parameter it refuses for the mode at its key in the config. */
    private static Engine openEngine(Network network, EngineOptions options, NetworkFromConfig factory) {
        try {
            return new Engine(network, options);
        } catch (EngramException e) {
            throw factory.engineError(e, network);
        }
    }

    private interface CsvWriter {
        void write(Writer out) throws IOException;
    }

    private static void writeCsv(java.io.OutputStream out, CsvWriter w) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write(writer);
        writer.flush();
    }

    private static String nameOf(RateMonitor r, List<RateMonitor> rates, List<SpikeRecorder> spikes) {
        return spikes.get(rates.indexOf(r)).population().name();
    }

    /**
     * {@code record.spike_neurons} when it left out neurons of a recorded population, else null:
     * every neuron was recorded.
     */
    private static Integer sampledNeurons(Integer spikeNeurons, List<SpikeRecorder> spikes) {
        return spikes.stream().anyMatch(r -> r.recordedNeuronCount() < r.population().size()) ? spikeNeurons : null;
    }

    /** The first {@code count} neurons of a population of {@code size}, or null (every one) when it has no more. */
    private static int[] firstNeurons(int size, Integer count) {
        return count == null || count >= size ? null : IntStream.range(0, count).toArray();
    }

    /**
     * Says, beside each problem measured in time steps, that the step is the one a {@code --set}
     * gave: a sweep's {@code --set dt_ms=0.3} otherwise saw its file's lines blamed.
     */
    private static List<ConfigException> withTheStepsOrigin(List<ConfigException> problems, Path configFile,
                                                            List<String> sets) {
        String set = ConfigLoader.lastSetOf(configFile, sets, "dt_ms");
        if (set == null) {
            return problems;
        }
        String note = "dt_ms is the one " + set + " gave";
        List<ConfigException> noted = new ArrayList<>();
        for (ConfigException p : problems) {
            boolean ofTheStep = p.expected() != null && p.expected().contains("dt = ") && !"dt_ms".equals(p.location());
            noted.add(ofTheStep ? new ConfigException(p.source(), p.location(), p.expected(), p.found(),
                    p.hint() == null ? note : p.hint() + "; " + note) : p);
        }
        return noted;
    }

    /**
     * The file of a projection's synapses: {@code synapses_exc_to_inh.csv} for {@code exc->inh}, a
     * name's other characters outside letters, digits, {@code .}, {@code _} and {@code -} made {@code _}.
     */
    static String synapsesFile(String projection) {
        return "synapses_" + fileNamePart(projection) + ".csv";
    }

    /** The file of a projection's sampled weights: {@code weights_exc_to_inh.csv} for {@code exc->inh}. */
    static String weightsFile(String projection) {
        return "weights_" + fileNamePart(projection) + ".csv";
    }

    /** A projection's name as part of a file name: {@code ->} made {@code _to_}, other characters {@code _}. */
    static String fileNamePart(String projection) {
        return projection.replace("->", "_to_").replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
