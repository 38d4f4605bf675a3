package org.engram.experiments.simulate;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.engram.learning.io.AtomicFile;
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
 * The folder appears only when complete, or, when the heap found no room after the run for some of its files,
 * with the others, whole, and a summary that lists what is missing ({@link UnmadeResults}).
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
     * The failures a test provokes where it cannot make them happen: the heap that runs out while a file of
     * the result folder is written.
     *
     * @param heapRunsOutWriting the file (a name in the folder, e.g. {@code rates_a.csv} or {@code summary.md}) whose
     *                           write runs out of heap after its first bytes, or null for none
     */
    public record TestHooks(String heapRunsOutWriting) {
        /** No failure provoked: what every simulation outside the tests has. */
        public static final TestHooks NONE = new TestHooks(null);

        /** Bytes of a file written before the heap runs out: a part of it, on the disk under its temporary name. */
        private static final int WRITTEN_BEFORE = 16;

        /** {@return the content of a file, or, for the file named, one that writes its first bytes and fails} */
        AtomicFile.Content content(String file, AtomicFile.Content content) {
            if (!file.equals(heapRunsOutWriting)) {
                return content;
            }
            return out -> content.writeTo(new FilterOutputStream(out) {
                private int written;

                @Override
                public void write(int b) throws IOException {
                    if (written++ == WRITTEN_BEFORE) {
                        out.flush();
                        throw new OutOfMemoryError("Java heap space");
                    }
                    out.write(b);
                }
            });
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
        return execute(configFile, resultsRoot, overrides, commandLine, err, TestHooks.NONE);
    }

    /**
     * Loads, validates, runs and writes as {@link #execute(Path, Path, Overrides, List, PrintWriter)} does, with
     * the failures a test provokes.
     *
     * @param configFile  the YAML file
     * @param resultsRoot the results root folder
     * @param overrides   what the command line sets over the config
     * @param commandLine the arguments of {@code engram simulate}, for the provenance in {@code summary.json}
     * @param err         where the removal of partial folders left by killed simulations is reported
     * @param hooks       the failures to provoke, {@link TestHooks#NONE} outside the tests
     * @return the result
     */
    public static Result execute(Path configFile, Path resultsRoot, Overrides overrides, List<String> commandLine,
                                 PrintWriter err, TestHooks hooks) {
        try {
            return simulate(configFile, resultsRoot, overrides, commandLine, err, hooks);
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
                                   PrintWriter err, TestHooks hooks) {
        // Until the folder is made, whose own hook then says what a signal did.
        SetupStop setup = new SetupStop("simulation");
        try {
            return simulate(configFile, resultsRoot, overrides, commandLine, err, hooks, setup);
        } finally {
            setup.close();
        }
    }

    private static Result simulate(Path configFile, Path resultsRoot, Overrides overrides, List<String> commandLine,
                                   PrintWriter err, TestHooks hooks, SetupStop setup) {
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
        Recordings recorded = new Recordings(spikes, rates, states, weights, meanWeightsBefore);
        Ran ran = run(prepared, recorded, configFile, resultsRoot, overrides, started, yaml, setup, err);
        RunFolder folder = ran.folder();
        // The recordings first, exact and complete: what comes after them (the summary's numbers, the plots) needs
        // heap beside them, and a run whose recordings leave too little keeps them (UnmadeResults).
        List<String> files = new ArrayList<>(List.of("config.yaml"));
        // The recordings the heap found no room to write: the others are kept all the same.
        List<String> unwritten = new ArrayList<>();
        try {
            writeRecordings(folder, network, c, recorded, hooks, files, unwritten);
        } catch (RuntimeException | Error e) {
            folder.discardAfter(e);
            throw e;
        }
        int recordingFiles = files.size();
        String summary;
        Undrawn undrawn = null;
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
            undrawn = drawPlots(folder, c, grid, spikes, rates, weights, files);
            String why = UnmadeResults.why();
            List<SimulationSummary.MissingResult> missing = new ArrayList<>();
            for (String file : unwritten) {
                missing.add(new SimulationSummary.MissingResult(file, why));
            }
            for (String base : undrawn == null ? List.<String>of() : undrawn.bases()) {
                for (String extension : List.of(".png", ".svg", ".pdf")) {
                    missing.add(new SimulationSummary.MissingResult(base + extension, why));
                }
            }
            SimulationSummary json = new SimulationSummary(c.name(), network.neuronCount(), network.synapseCount(),
                    network.bytesPerSynapse(), c.durationMs(), c.dtMs(), c.mode().name().toLowerCase(Locale.ROOT),
                    c.threads(), ran.parallel(), c.seed(), ran.setupSeconds(), ran.loopSeconds(), ran.spikeCount(),
                    ran.events(), ran.loopSeconds() > 0 ? ran.events() / ran.loopSeconds() : 0.0, ran.spikeHash(),
                    c.record().fromMs(),
                    sampledNeurons(c.record().spikeNeurons(), spikes), populations,
                    learned, shortTerm, recordings,
                    SimulationSummary.SimulationProvenance.of(Platform.current(), started.toString(), yaml,
                            commandLine), missing);
            List<String> listed = new ArrayList<>(files);
            listed.addAll(List.of("summary.md", "summary.json"));
            summary = json.markdown(listed) + (unwritten.isEmpty() ? ""
                    : "\nNot written: " + String.join(", ", unwritten) + "; " + why + ".\n")
                    + (undrawn == null ? "" : "\nNot drawn: " + undrawn.inWords() + "; " + why + ".\n");
            byte[] markdown = summary.getBytes(StandardCharsets.UTF_8);
            folder.write("summary.md", hooks.content("summary.md", out -> out.write(markdown)));
            byte[] jsonText = JsonFiles.write(json).getBytes(StandardCharsets.UTF_8);
            folder.write("summary.json", hooks.content("summary.json", out -> out.write(jsonText)));
            files = listed;
            done = folder.commit();
        } catch (OutOfMemoryError e) {
            // What needed the heap beside the recordings is gone with the stack: the folder can be committed.
            List<String> unmade = new ArrayList<>(unwritten);
            unmade.add(files.size() == recordingFiles ? "its summary and plots" : "its summary");
            if (undrawn != null && files.size() > recordingFiles) {
                unmade.add(undrawn.inWords());
            }
            throw keep(withoutSummary(folder, e), files, unmade, e);
        } catch (RuntimeException | Error e) {
            folder.discardAfter(e);
            throw e;
        }
        if (!unwritten.isEmpty() || undrawn != null) {
            List<String> unmade = new ArrayList<>(unwritten);
            if (undrawn != null) {
                unmade.add(undrawn.inWords());
            }
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
     * once it is written. They are read from the recordings in place, with no copy of them. A file the heap finds
     * no room to write is listed in {@code unwritten} instead, no part of it left, and the next is written.
     */
    private static void writeRecordings(RunFolder folder, Network network, SimulationConfig c, Recordings recorded,
                                        TestHooks hooks, List<String> files, List<String> unwritten) {
        TimeGrid grid = network.grid();
        List<SpikeRecorder> spikes = recorded.spikes();
        for (SpikeRecorder r : spikes) {
            writeCsv(folder, "spikes_" + r.population().name() + ".csv", r::writeCsv, hooks, files, unwritten);
        }
        for (RateMonitor r : recorded.rates()) {
            writeCsv(folder, "rates_" + nameOf(r, recorded.rates(), spikes) + ".csv", r::writeCsv, hooks, files,
                    unwritten);
        }
        for (StateRecorder r : recorded.states()) {
            writeCsv(folder, "state_" + r.population().name() + "_" + r.variable() + ".csv", r::writeCsv, hooks,
                    files, unwritten);
        }
        for (String name : c.record().synapses()) {
            Projection projection = network.projection(name);
            writeCsv(folder, synapsesFile(name), w -> projection.writeCsv(w, grid), hooks, files, unwritten);
        }
        for (WeightSampler w : recorded.weights()) {
            writeCsv(folder, weightsFile(w.projection().name()), wr -> w.writeCsv(wr, grid), hooks, files, unwritten);
        }
    }

    /**
     * Writes one CSV file of the recordings, listing it in {@code files}, or, should the heap find no room to
     * write it, in {@code unwritten}: the write goes to a temporary name, which then goes, so that no part of the
     * file is left.
     */
    private static void writeCsv(RunFolder folder, String file, CsvWriter csv, TestHooks hooks, List<String> files,
                                 List<String> unwritten) {
        try {
            folder.write(file, hooks.content(file, out -> {
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                csv.write(writer);
                writer.flush();
            }));
            files.add(file);
        } catch (OutOfMemoryError e) {
            unwritten.add(file);
        }
    }

    /**
     * The plots a run could not draw.
     *
     * @param bases   their paths in the folder without extension, e.g. {@code plots/rate_a}
     * @param inWords what they are, in words: {@code the plots}, or {@code the plots other than ...} (those drawn)
     */
    private record Undrawn(List<String> bases, String inWords) {
    }

    /**
     * Draws and writes the plots of a run that ended, listing in {@code files} those written. The figures keep
     * only what they draw; should the heap, holding the recordings, have no room to draw one, the figures drawn
     * before it stay and the rest are left out.
     *
     * @return null when every plot was drawn, else those that were not
     */
    private static Undrawn drawPlots(RunFolder folder, SimulationConfig c, TimeGrid grid, List<SpikeRecorder> spikes,
                                     List<RateMonitor> rates, List<WeightSampler> weights, List<String> files) {
        List<String> drawn = new ArrayList<>();
        try {
            Map<String, Figure> figures = new LinkedHashMap<>();
            List<String> listed = new ArrayList<>();
            for (int k = 0; k < spikes.size(); k++) {
                String name = spikes.get(k).population().name();
                figures.putAll(SimulationPlots.figures(folder, spikes.get(k), rates.get(k), c.record().fromMs(),
                        c.durationMs()));
                listed.add(SimulationPlots.rasterPlot(name) + " and " + SimulationPlots.ratePlot(name)
                        + " (.png, .svg, .pdf)");
            }
            for (WeightSampler w : drawnWeights(weights)) {
                String base = SimulationPlots.weightsPlot(w.projection().name());
                figures.put(base, SimulationPlots.weights(folder, w, grid));
                listed.add(base + " (.png, .svg, .pdf)");
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
            List<String> bases = new ArrayList<>();
            for (SpikeRecorder r : spikes) {
                bases.addAll(List.of(SimulationPlots.rasterPlot(r.population().name()),
                        SimulationPlots.ratePlot(r.population().name())));
            }
            for (WeightSampler w : drawnWeights(weights)) {
                bases.add(SimulationPlots.weightsPlot(w.projection().name()));
            }
            bases.removeAll(drawn);
            return new Undrawn(bases, drawn.isEmpty() ? "the plots"
                    : "the plots other than " + String.join(", ", drawn));
        }
    }

    /** {@return the weight recordings that are drawn: of a projection with synapses, whose rows have statistics} */
    private static List<WeightSampler> drawnWeights(List<WeightSampler> weights) {
        return weights.stream().filter(w -> w.projection().synapseCount() > 0).toList();
    }

    /**
     * Removes the summary files written before the heap ran out: a {@code summary.md} without its
     * {@code summary.json} would list it and say that nothing is missing. The summary is there whole, or not at all.
     */
    private static RunFolder withoutSummary(RunFolder folder, OutOfMemoryError e) {
        try {
            Files.deleteIfExists(folder.directory().resolve("summary.md"));
            Files.deleteIfExists(folder.directory().resolve("summary.json"));
            return folder;
        } catch (IOException notDeleted) {
            UncheckedIOException failure = new UncheckedIOException(notDeleted);
            failure.addSuppressed(e);
            throw folder.discardAfter(failure);
        }
    }

    /**
     * Commits the folder of a run whose recordings are written but whose other results could not be made, so
     * that the recordings stay, and says what is missing; a failure to commit joins the heap's.
     */
    private static EngramException keep(RunFolder folder, List<String> kept, List<String> unmade,
                                        OutOfMemoryError e) {
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
