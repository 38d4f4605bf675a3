package org.engram.experiments.simulate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ConfigLoader;
import org.engram.experiments.config.LeftOutKeys;
import org.engram.experiments.config.OtherCommandConfig;
import org.engram.experiments.config.PlainName;
import org.engram.experiments.metrics.MetricFormat;
import org.engram.experiments.plot.PopulationRatePlot;
import org.engram.experiments.plot.SpikeRasterPlot;
import org.engram.experiments.run.AbandonedSimulations;
import org.engram.experiments.run.JsonFiles;
import org.engram.experiments.run.Platform;
import org.engram.experiments.run.RunFolder;
import org.engram.experiments.run.ThreadNotice;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Suggestions;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineChecks;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.PoissonInput;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.SpikeStatistics;
import org.engram.simulator.monitor.SpikeTrainDigest;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;

/**
 * Runs one {@code engram simulate} config and writes its result folder
 * {@code <results>/<name>/<run-id>/}: the resolved {@code config.yaml}, {@code spikes_<population>.csv},
 * {@code rates_<population>.csv}, {@code state_<population>_<variable>.csv}, {@code summary.md} and
 * {@code plots/raster_<population>} and {@code plots/rate_<population>} (PNG, SVG and PDF).
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
     * @param sets       {@code key=value} texts applied over the file in order ({@code --set})
     */
    public record Overrides(Integer threads, Long seed, Double durationMs, List<String> sets) {
        /** Nothing overridden. */
        public static final Overrides NONE = new Overrides(null, null, null, List.of());

        /** Copies the list; null stands for none. */
        public Overrides {
            sets = sets == null ? List.of() : List.copyOf(sets);
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
            throw ConfigLoader.withPosition(e, configFile, overrides.sets());
        }
    }

    /**
     * Loads and checks a config as {@link #execute} does, builds its network and starts (and stops) an
     * engine on it, without simulating or writing anything: every problem a simulation of it would
     * report before it starts is reported.
     *
     * @param configFile the YAML file
     * @param overrides  what the command line sets over the config
     * @return the resolved config as YAML, every model parameter, delay and receptor filled in, as a
     *         simulation would write it to its folder's {@code config.yaml}
     */
    public static String resolvedConfig(Path configFile, Overrides overrides) {
        try {
            Prepared p = prepare(configFile, overrides);
            // The engine refuses what only a mode or a time step can tell (a Poisson rate past what a step draws).
            try (Engine engine = openEngine(p.network(), p.options(), p.factory())) {
                return ConfigLoader.toYaml(p.resolved());
            }
        } catch (ConfigException e) {
            throw ConfigLoader.withPosition(e, configFile, overrides.sets());
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
        Prepared prepared = prepare(configFile, overrides);
        SimulationConfig c = prepared.c();
        String source = prepared.source();
        NetworkFromConfig factory = prepared.factory();
        Network network = prepared.network();
        List<NetworkFromConfig.AttachedRule> plasticity = prepared.plasticity();
        SimulationConfig resolved = prepared.resolved();
        EngineOptions options = prepared.options();
        long t0 = prepared.startNanos();
        ThreadNotice.print(err, "engram simulate", overrides.threads() != null ? "--threads" : "threads", c.threads());
        List<SpikeRecorder> spikes = new ArrayList<>();
        List<RateMonitor> rates = new ArrayList<>();
        List<StateRecorder> states = new ArrayList<>();
        List<Double> meanWeightsBefore = new ArrayList<>();   // null for a projection without synapses
        SpikeTrainDigest digest = SpikeTrainDigest.deferred(network.grid().dtMs());
        double setupSeconds;
        double loopSeconds;
        long events;
        long spikeCount;
        boolean parallel;
        RunFolder folder;
        Instant started = Instant.now();
        String yaml = ConfigLoader.toYaml(resolved);
        try (Engine engine = openEngine(network, options, factory)) {
            List<String> recorded = c.record().spikes() == null
                    ? network.populations().stream().map(Population::name).toList() : c.record().spikes();
            // What record asks for was checked with the config (checkRecorded).
            for (SimulationConfig.StateSpec s : c.record().state()) {
                Population<?, ?> p = network.population(s.population());
                states.add(engine.recordState(p, s.variable(), s.neuronsOf(p.size()),
                        s.intervalMsOr(network.grid().dtMs())));
            }
            engine.addObserver(digest);
            for (NetworkFromConfig.AttachedRule attached : plasticity) {
                meanWeightsBefore.add(meanWeight(attached.rule().projection()));
                engine.addListener(attached.rule());
            }
            AbandonedSimulations.remove(resultsRoot, c.name(), err);
            // The folder before the simulation, so an unusable --out fails before the work is done.
            // A simulation cannot be resumed: a stopped one leaves no folder.
            folder = RunFolder.createNewDisposable(resultsRoot, c.name(), started, yaml);
            long t1;
            try {
                // Locked, then marked by its config as a simulation's: if the process is killed (SIGKILL),
                // the next simulation or run of this name finds the mark without the lock and removes it.
                folder.lock();
                folder.writeString("config.yaml", yaml);
                requireRoomForRecords(c, network, source, overrides.sets(), folder.directory(), err);
                noteSpikeTimesAfterTheEnd(network, c.durationMs(), err);
                noteInputChangesAfterTheEnd(network, c.durationMs(), err);
                t1 = System.nanoTime();
                double recordFrom = c.record().fromMs();
                if (recordFrom > 0) {
                    engine.run(recordFrom);
                }
                // Spike recorders and rate monitors record from when they are added.
                for (String name : recorded) {
                    Population<?, ?> p = network.population(name);
                    spikes.add(engine.recordSpikes(p, firstNeurons(p.size(), c.record().spikeNeurons())));
                    rates.add(engine.recordRate(p, c.record().rateBinMs()));
                }
                engine.run(c.durationMs() - recordFrom);
            } catch (RuntimeException | Error e) {
                folder.discardAfter(e);
                throw e;
            }
            long t2 = System.nanoTime();
            setupSeconds = (t1 - t0) / 1e9;
            loopSeconds = (t2 - t1) / 1e9;
            events = engine.synapticEvents();
            spikeCount = engine.spikeCount();
            parallel = engine.parallel();
        }
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
            SimulationSummary json = new SimulationSummary(c.name(), network.neuronCount(), network.synapseCount(),
                    network.bytesPerSynapse(), c.durationMs(), c.dtMs(), c.mode().name().toLowerCase(Locale.ROOT),
                    c.threads(), parallel, c.seed(), setupSeconds, loopSeconds, spikeCount, events,
                    loopSeconds > 0 ? events / loopSeconds : 0.0, digest.hex(), c.record().fromMs(),
                    sampledNeurons(c.record().spikeNeurons(), spikes), populations,
                    learned,
                    SimulationSummary.SimulationProvenance.of(Platform.current(), started.toString(), yaml,
                            commandLine));
            List<String> files = new ArrayList<>(List.of("config.yaml"));
            for (SpikeRecorder r : spikes) {
                files.add("spikes_" + r.population().name() + ".csv");
                folder.write(files.get(files.size() - 1), out -> writeCsv(out, r::writeCsv));
            }
            for (RateMonitor r : rates) {
                files.add("rates_" + nameOf(r, rates, spikes) + ".csv");
                folder.write(files.get(files.size() - 1), out -> writeCsv(out, r::writeCsv));
            }
            for (StateRecorder r : states) {
                files.add("state_" + r.population().name() + "_" + r.variable() + ".csv");
                folder.write(files.get(files.size() - 1), out -> writeCsv(out, r::writeCsv));
            }
            TimeGrid grid = network.grid();
            for (String name : c.record().synapses()) {
                Projection projection = network.projection(name);
                files.add(synapsesFile(name));
                folder.write(synapsesFile(name), out -> writeCsv(out, w -> projection.writeCsv(w, grid)));
            }
            for (int k = 0; k < spikes.size(); k++) {
                String name = spikes.get(k).population().name();
                writePlots(folder, spikes.get(k), rates.get(k), c.record().fromMs(), c.durationMs());
                files.add("plots/raster_" + name + " and plots/rate_" + name + " (.png, .svg, .pdf)");
            }
            files.addAll(List.of("summary.md", "summary.json"));
            String summary = summary(json, files);
            folder.writeString("summary.md", summary);
            folder.writeString("summary.json", JsonFiles.write(json));
            return new Result(folder.commit(), summary);
        } catch (RuntimeException | Error e) {
            folder.discardAfter(e);
            throw e;
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
        // A duration the command line set is blamed on its option, not on the file's line.
        String durationSource = overrides.durationMs() != null ? "--duration-ms" : source;
        if (overrides.threads() == null) {
            try {
                EngineOptions.requireThreads("engine", c.threads());
            } catch (EngramException e) {
                checks.add(new ConfigException(source, "threads", e.expected(), e.found(), null));
            }
        }
        if (c.durationMs() == null || !(c.durationMs() > 0)) {
            checks.add(new ConfigException(durationSource, "duration_ms", "a number > 0 (ms)", c.durationMs() == null
                    ? "nothing (the key is required)" : String.valueOf(c.durationMs()), null));
        }
        if (!PlainName.matches(c.name())) {
            checks.add(new ConfigException(source, "name", PlainName.RULE + " (it names the result folder)",
                    PlainName.shown(c.name()), null));
        }
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
        checkRecorded(c, source, NetworkFromConfig.allNamed(c, leftOut), factory,
                overrides.durationMs() != null ? "the duration is the one --duration-ms set" : null, checks);
        if (factory.grid() != null && c.durationMs() != null && c.durationMs() > 0) {
            try {
                factory.grid().positiveSteps("simulation", "duration_ms", c.durationMs());
            } catch (EngramException e) {
                checks.add(new ConfigException(durationSource, "duration_ms", e.expected(), e.found(), null));
            }
        }
        problems.addAll(leftOut.kept(checks));
        if (!problems.isEmpty()) {
            throw ConfigException.all(withTheStepsOrigin(problems, overrides.sets()));
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

    /** A raster shows at most this many neurons (the first ones), so single spikes stay visible. */
    private static final int RASTER_NEURONS = 200;

    private static void writePlots(RunFolder folder, SpikeRecorder spikes, RateMonitor rate, double recordedFromMs,
                                   double durationMs) {
        String name = spikes.population().name();
        int n = spikes.population().size();
        // The recorded neurons are the first ones (record.spike_neurons), or every one.
        int shown = Math.min(spikes.recordedNeuronCount(), RASTER_NEURONS);
        double[] allTimes = spikes.timesMs();
        int[] allNeurons = spikes.neurons();
        int count = 0;
        for (int neuron : allNeurons) {
            count += neuron < shown ? 1 : 0;
        }
        double[] times = new double[count];
        int[] neurons = new int[count];
        for (int k = 0, j = 0; k < allNeurons.length; k++) {
            if (allNeurons[k] < shown) {
                times[j] = allTimes[k];
                neurons[j++] = allNeurons[k];
            }
        }
        // A long run's raster shows its end: drawn whole, its dots merged into lines in files of hundreds of MB.
        double fromMs = Math.max(recordedFromMs, SpikeRasterPlot.windowStartMs(times, shown, durationMs));
        int first = 0;
        while (first < count && times[first] < fromMs) {
            first++;
        }
        String which = shown < n ? " (neurons 0-" + (shown - 1) + " of " + n + ")" : "";
        // The folder's parent is named after the simulation (results/<name>/<run id>).
        String source = "Engram simulation " + folder.runId() + " of " + folder.directory().getParent().getFileName();
        SpikeRasterPlot.of(Arrays.copyOfRange(times, first, count), Arrays.copyOfRange(neurons, first, count), shown,
                        fromMs, durationMs, "Spikes of " + name + which)
                .from(source).write(folder, "plots/raster_" + name);
        PopulationRatePlot.of(rate.ratesHz(), n, recordedFromMs, durationMs, rate.binMs(), "Population rate of " + name)
                .from(source).write(folder, "plots/rate_" + name);
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
     * Checks {@code record.from_ms}: a whole number of steps before the end of the run, so that the
     * run splits exactly there and something is left to record.
     */
    private static void checkRecordingStart(SimulationConfig c, String source, TimeGrid grid, String durationHint,
                                            List<ConfigException> problems) {
        double from = c.record().fromMs();
        if (grid == null) {
            return;   // no time grid to check against: dt_ms has its own problem
        }
        try {
            grid.wholeSteps("record", "from_ms", from);
        } catch (EngramException e) {
            problems.add(new ConfigException(source, "record.from_ms", e.expected(), e.found(), null));
            return;
        }
        Double duration = c.durationMs();   // null when missing, a problem of its own
        if (duration != null && duration > 0 && from >= duration) {
            problems.add(new ConfigException(source, "record.from_ms", "a time before the end of the run "
                    + "(duration_ms = " + MetricFormat.asWritten(duration) + ")", MetricFormat.asWritten(from),
                    durationHint));
        }
    }

    /**
     * Says, beside each problem measured in time steps, that the step is the one a {@code --set}
     * gave: a sweep's {@code --set dt_ms=0.3} otherwise saw its file's lines blamed.
     */
    private static List<ConfigException> withTheStepsOrigin(List<ConfigException> problems, List<String> sets) {
        String set = ConfigLoader.lastSetOf(sets, "dt_ms");
        if (set == null) {
            return problems;
        }
        String note = "dt_ms is the one --set " + set + " gave";
        List<ConfigException> noted = new ArrayList<>();
        for (ConfigException p : problems) {
            boolean ofTheStep = p.expected() != null && p.expected().contains("dt = ") && !"dt_ms".equals(p.location());
            noted.add(ofTheStep ? new ConfigException(p.source(), p.location(), p.expected(), p.found(),
                    p.hint() == null ? note : p.hint() + "; " + note) : p);
        }
        return noted;
    }

    /**
     * Checks what {@code record} names, adding each problem: a population that does not exist (when
     * {@code named}: every population's name is the config's own, none left out for its problem), one
     * listed twice in {@code record.spikes}, a rate bin the engine would refuse, a {@code record.state}
     * entry's variable, neurons and interval the engine would refuse, an entry of no neurons, and two
     * entries of one population and variable (both would write the same file, the second over the
     * first). The checks by the engine's rules need what they depend on: the bin and interval the
     * config's own time grid, the variable and neurons their population built.
     *
     * @param factory      the network's factory, after {@link NetworkFromConfig#build()}
     * @param durationHint added to a problem of the run's length when the command line set it, else null
     */
    private static void checkRecorded(SimulationConfig c, String source, boolean named, NetworkFromConfig factory,
                                      String durationHint, List<ConfigException> problems) {
        List<String> names = NetworkFromConfig.populationNames(c);
        List<String> spikes = c.record().spikes() == null ? List.of() : c.record().spikes();
        TimeGrid grid = factory.grid();
        // Each population whose spikes are recorded (by default every one) has its rate monitor.
        if (grid != null && !(c.record().spikes() == null ? names : spikes).isEmpty()) {
            try {
                EngineChecks.requireRateBin(grid, c.record().rateBinMs());
            } catch (EngramException e) {
                // Not a multiple of dt: often the default, which a dt that does not divide 1 ms refuses.
                double bin = c.record().rateBinMs();
                boolean wholeSteps = Math.abs(bin / grid.dtMs() - Math.rint(bin / grid.dtMs())) < 1e-9;
                problems.add(new ConfigException(source, "record.rate_bin_ms", e.expected(), e.found(),
                        bin > 0 && Double.isFinite(bin) && !wholeSteps ? "set record.rate_bin_ms to a multiple "
                                + "of dt_ms (without it the bin is 1 ms)" : null));
            }
        }
        checkRecordingStart(c, source, grid, durationHint, problems);
        Integer sampled = c.record().spikeNeurons();
        if (sampled != null && sampled < 1) {
            problems.add(new ConfigException(source, "record.spike_neurons", "an integer >= 1 (the first neurons of "
                    + "each population whose spikes are recorded; without the key, every neuron)", sampled.toString(),
                    null));
        }
        for (int i = 0; i < spikes.size(); i++) {
            int first = spikes.indexOf(spikes.get(i));
            if (!names.contains(spikes.get(i)) && named) {
                problems.add(NetworkFromConfig.unknownPopulation(names, spikes.get(i), source,
                        "record.spikes[" + i + "]"));
            } else if (first < i) {
                problems.add(new ConfigException(source, "record.spikes[" + i + "]", "a population not listed before"
                        + " (it is record.spikes[" + first + "])", spikes.get(i), null));
            }
        }
        List<String> projections = c.projections().stream().map(SimulationConfig.ProjectionSpec::name).toList();
        List<String> synapses = c.record().synapses();
        for (int i = 0; i < synapses.size(); i++) {
            String path = "record.synapses[" + i + "]";
            if (!projections.contains(synapses.get(i))) {
                problems.add(new ConfigException(source, path, "the name of a projection (" + projections + ")",
                        synapses.get(i), Suggestions.didYouMean(synapses.get(i), projections)));
            } else if (synapses.indexOf(synapses.get(i)) < i) {
                problems.add(new ConfigException(source, path, "a projection not listed before", synapses.get(i),
                        null));
            } else {
                for (int j = 0; j < i; j++) {
                    if (synapsesFile(synapses.get(j)).equalsIgnoreCase(synapsesFile(synapses.get(i)))) {
                        // Written one after the other, the second file would replace the first (on a disk
                        // that ignores case, too).
                        problems.add(new ConfigException(source, path, "a projection whose file differs from that of "
                                + "record.synapses[" + j + "] ('" + synapses.get(j) + "'; both would write "
                                + synapsesFile(synapses.get(i)) + ")", synapses.get(i),
                                "rename one of the projections"));
                        break;
                    }
                }
            }
        }
        List<SimulationConfig.StateSpec> state = c.record().state();
        for (int i = 0; i < state.size(); i++) {
            SimulationConfig.StateSpec b = state.get(i);
            String path = "record.state[" + i + "]";
            if (!names.contains(b.population()) && named) {
                problems.add(NetworkFromConfig.unknownPopulation(names, b.population(), source, path + ".population"));
            }
            // A population not built for its parameters' problems is checked by its stand-in.
            Population<?, ?> p = factory.builtOrStandIn(b.population());
            if (p != null) {
                try {
                    p.values(b.variable());   // the recorder's rule: a recordable variable of the model
                } catch (EngramException e) {
                    problems.add(new ConfigException(source, path + ".variable", e.expected(), e.found(), e.hint()));
                }
            }
            if (b.neurons() != null && b.neurons().length == 0 && !b.allNeurons()) {
                // An empty list would write a CSV with a header and nothing else.
                problems.add(new ConfigException(source, path + ".neurons", "at least one neuron index (without the"
                        + " key: neuron 0)", "an empty list", null));
            } else if (p != null && b.neurons() != null && !b.allNeurons()) {
                try {
                    StateRecorder.requireNeurons(p, b.neurons());
                } catch (EngramException e) {
                    problems.add(new ConfigException(source, path + ".neurons", e.expected(), e.found(), null));
                }
            }
            if (grid != null) {
                // Without the key the interval is one step, and a recording too large is the entry's.
                String field = b.intervalMs() == null ? path : path + ".interval_ms";
                int intervalSteps = 0;
                try {
                    intervalSteps = EngineChecks.stateIntervalSteps(grid, b.intervalMsOr(grid.dtMs()));
                } catch (EngramException e) {
                    problems.add(new ConfigException(source, field, e.expected(), e.found(), null));
                }
                if (intervalSteps > 0) {
                    try {
                        checkCapacity(c, grid, b, intervalSteps);
                    } catch (EngramException e) {
                        // Only the recording's size depends on the run's length, which the hint names.
                        problems.add(new ConfigException(source, field, e.expected(), e.found(), durationHint));
                    }
                }
            }
            for (int j = 0; j < i; j++) {
                SimulationConfig.StateSpec a = state.get(j);
                if (Objects.equals(a.population(), b.population()) && Objects.equals(a.variable(), b.variable())) {
                    problems.add(new ConfigException(source, path, "a population and variable not recorded by "
                            + "record.state[" + j + "] (both would write state_" + b.population() + "_" + b.variable()
                            + ".csv; list every neuron in one entry)", b.population() + " " + b.variable(), null));
                    break;
                }
            }
        }
    }

    /**
     * The recorder's capacity rule for a {@code record.state} entry over the run's duration, and
     * at least one sample in it; a duration or population that is itself a problem is reported as
     * one, not here.
     */
    private static void checkCapacity(SimulationConfig c, TimeGrid grid, SimulationConfig.StateSpec b,
                                      int intervalSteps) {
        if (c.durationMs() == null || !(c.durationMs() > 0) || b.population() == null) {
            return;
        }
        int steps;
        try {
            steps = grid.positiveSteps("simulation", "duration_ms", c.durationMs());
        } catch (EngramException e) {
            return;
        }
        if (steps < intervalSteps) {
            // No sample would fall in the run: the file would hold its header alone.
            throw new ParameterException("record", "interval_ms", "at most the duration, " + c.durationMs()
                    + " ms (the first sample is taken one interval in)", b.intervalMsOr(grid.dtMs()));
        }
        EngineChecks.requireStateCapacity(b.population(), steps / intervalSteps,
                b.neuronsOf(sizeOf(c, b.population())).length);
    }

    /**
     * Bytes a state CSV row takes, counted generously: a time of 9 decimals below 10^6 ms, a neuron
     * index of up to 10 digits, a double as Java writes it (up to 24 characters), separators.
     */
    private static final int STATE_ROW_BYTES = 16 + 1 + 10 + 1 + 24 + 1;
    /** Bytes a synapse CSV row takes, counted generously: two indices, a float weight, a delay. */
    private static final int SYNAPSE_ROW_BYTES = 10 + 1 + 10 + 1 + 15 + 1 + 12 + 1;
    /** Recordings past this size (1 GB) are announced before the run. */
    private static final long ANNOUNCED_BYTES = 1_000_000_000L;

    /**
     * Refuses, before the run, state samples and synapses to write whose CSV files cannot fit the
     * free space of the result folder's disk (found after the run, the disk would be full and the
     * run lost), and announces on standard error those past 1 GB.
     */
    private static void requireRoomForRecords(SimulationConfig c, Network network, String source, List<String> sets,
                                              Path folder, PrintWriter err) {
        long total = stateBytes(c, network.grid());
        for (String name : c.record().synapses()) {
            total += (long) network.projection(name).synapseCount() * SYNAPSE_ROW_BYTES;
        }
        if (total == 0) {
            return;
        }
        try {
            requireRoom(total, Files.getFileStore(folder).getUsableSpace(), source, sets);
        } catch (IOException e) {
            return;   // a file system that cannot say: the write will tell
        }
        if (total > ANNOUNCED_BYTES) {
            err.println("engram simulate: the state samples and synapses to write will take up to " + diskSize(total)
                    + " of disk");
            err.flush();
        }
    }

    /**
     * Says how many spike times of a {@code spike_times} population lie after the end of the run,
     * which it does not emit: a list written for a longer run lost them without a word.
     */
    private static void noteSpikeTimesAfterTheEnd(Network network, double durationMs, PrintWriter err) {
        for (Population<?, ?> p : network.populations()) {
            if (p.params() instanceof SpikeTimes.Params times) {
                long after = countAfterTheEnd(Arrays.stream(times.timesMs()).flatMapToDouble(Arrays::stream),
                        durationMs);
                if (after > 0) {
                    err.println(String.format(Locale.ROOT, "engram simulate: note: %d spike time%s of population"
                            + " '%s' lie%s after the end of the run (%s ms) and %s not emitted", after,
                            after == 1 ? "" : "s", p.name(), after == 1 ? "s" : "", MetricFormat.asWritten(durationMs),
                            after == 1 ? "is" : "are"));
                    err.flush();
                }
            }
        }
    }

    /**
     * Says which scheduled inputs (current steps, Poisson rate changes) change after the end of the
     * run, where the change never acts: a schedule written for a longer run, or in seconds, was
     * accepted without a word and the input did nothing.
     */
    private static void noteInputChangesAfterTheEnd(Network network, double durationMs, PrintWriter err) {
        for (CurrentSource cs : network.currentSources()) {
            noteChangesAfterTheEnd("current input into '" + cs.target().name() + "'", cs.timesMs(), durationMs, err);
        }
        for (PoissonInput pi : network.poissonInputs()) {
            noteChangesAfterTheEnd("Poisson input into '" + pi.target().name() + "'", pi.timesMs(), durationMs, err);
        }
    }

    private static void noteChangesAfterTheEnd(String input, double[] timesMs, double durationMs, PrintWriter err) {
        long after = countAfterTheEnd(Arrays.stream(timesMs), durationMs);
        if (after > 0) {
            err.println(String.format(Locale.ROOT, "engram simulate: note: %d of the %d times of the %s lie%s after"
                    + " the end of the run (%s ms): %s", after, timesMs.length, input, after == 1 ? "s" : "",
                    MetricFormat.asWritten(durationMs), after == timesMs.length ? "it never acts"
                            : "those changes never act"));
            err.flush();
        }
    }

    /** The times that lie after the end of a run of {@code durationMs}, compared as the grid compares times. */
    private static long countAfterTheEnd(DoubleStream timesMs, double durationMs) {
        return timesMs.filter(t -> !TimeGrid.atOrBefore(t, durationMs)).count();
    }

    /** The bytes the state CSV files of a config take at most ({@code STATE_ROW_BYTES} per sample and neuron). */
    static long stateBytes(SimulationConfig c, TimeGrid grid) {
        int steps = grid.positiveSteps("simulation", "duration_ms", c.durationMs());
        long total = 0;
        for (SimulationConfig.StateSpec b : c.record().state()) {
            long samples = steps / EngineChecks.stateIntervalSteps(grid, b.intervalMsOr(grid.dtMs()));
            total += samples * b.neuronsOf(sizeOf(c, b.population())).length * STATE_ROW_BYTES;
        }
        return total;
    }

    /**
     * @param bytes  what the state and synapse files take
     * @param free   the free bytes of the result folder's disk
     * @param source the config file, for the message
     * @throws ConfigException if the files cannot fit
     */
    static void requireRoom(long bytes, long free, String source, List<String> sets) {
        if (bytes > free) {
            List<String> recordSets = ConfigLoader.setsAtOrUnder(sets, "record");
            throw new ConfigException(source, "record", "state samples and synapses whose CSV files fit the "
                    + diskSize(free) + " free on the result folder's disk", "up to " + diskSize(bytes), "record fewer"
                    + " neurons, at a longer interval_ms or fewer projections, or write the results to another disk"
                    + " (--out)" + (recordSets.isEmpty() ? "" : "; record is partly what --set "
                    + String.join(" and --set ", recordSets) + " gave"));
        }
    }

    /** A size on disk in the unit that shows it: 20 MB free read as "0.0 GB". */
    static String diskSize(long bytes) {
        // Each unit from where the smaller one would round to 1000.0.
        if (bytes >= 999_950_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        return bytes >= 999_950L ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }

    /**
     * The file of a projection's synapses: {@code synapses_exc_to_inh.csv} for {@code exc->inh}, a
     * name's other characters outside letters, digits, {@code .}, {@code _} and {@code -} made {@code _}.
     */
    static String synapsesFile(String projection) {
        return "synapses_" + projection.replace("->", "_to_").replaceAll("[^A-Za-z0-9._-]", "_") + ".csv";
    }

    /** The size a config gives a population, or 1 when it names none of that name or no valid size. */
    private static int sizeOf(SimulationConfig c, String population) {
        for (SimulationConfig.PopulationSpec p : c.populations()) {
            if (Objects.equals(p.name(), population) && p.size() > 0) {
                return p.size();
            }
        }
        return 1;
    }

    /** The text of {@code summary.md}, which lists the folder's {@code files} at its end. */
    private static String summary(SimulationSummary s, List<String> files) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Simulation ").append(s.name()).append("\n\n");
        sb.append(String.format(Locale.ROOT, "- %d neurons, %d synapses (%.2f bytes per synapse)%n",
                s.neurons(), s.synapses(), s.bytesPerSynapse()));
        sb.append(String.format(Locale.ROOT, "- %s ms simulated at dt = %s ms, %s mode, %d thread(s)%s, seed %d%n",
                MetricFormat.asWritten(s.durationMs()), MetricFormat.asWritten(s.dtMs()), s.mode(), s.threads(),
                s.threads() > 1 && !s.parallel() ? " (run on one: slices of the minimum delay too small to share)" : "",
                s.seed()));
        sb.append(String.format(Locale.ROOT,
                "- setup %.3f s, simulation loop %.3f s, %d synaptic events (%.3g per second)%n",
                s.setupSeconds(), s.loopSeconds(), s.synapticEvents(), s.eventsPerSecond()));
        sb.append("- spike hash ").append(s.spikeHash()).append("\n");
        for (SimulationSummary.PlasticitySummary p : s.plasticity()) {
            sb.append(p.meanWeightBefore() == null
                    ? String.format(Locale.ROOT, "- projection %s (%s): no synapses%n", p.projection(), p.rule())
                    : String.format(Locale.ROOT, "- projection %s (%s, %d synapses): mean weight %.6g before the run,"
                            + " %.6g after%n", p.projection(), p.rule(), p.synapses(), p.meanWeightBefore(),
                            p.meanWeightAfter()));
        }
        sb.append("\n");
        if (s.populations().isEmpty()) {
            sb.append("No population's spikes were recorded (record.spikes is empty).\n");
            appendFiles(sb, files);
            return sb.toString();
        }
        // Per neuron, as the rate files and plots give it, not the population's summed rate.
        sb.append("| population | neurons | spikes | rate per neuron (Hz) | mean CV of ISI | CV over (neurons) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (SimulationSummary.PopulationSummary p : s.populations()) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %s | %d |%n", p.name(), p.neurons(),
                    p.spikes(), p.meanRateHz(), p.meanCv() == null ? "-" : String.format(Locale.ROOT, "%.2f",
                            p.meanCv()), p.cvNeurons()));
        }
        String window = s.recordedFromMs() > 0 ? "from " + MetricFormat.asWritten(s.recordedFromMs())
                + " ms (record.from_ms) to the end of the run" : "over the whole run";
        sb.append("\nThe CV is each neuron's sample standard deviation of its inter-spike intervals over their mean,"
                + " averaged over the neurons with at least two intervals; spikes, rates and CVs are ").append(window)
                .append(s.recordedNeurons() == null ? "" : ", of the first " + s.recordedNeurons() + " neurons of "
                        + "each population, all of a smaller one (record.spike_neurons; the rates_<population>.csv "
                        + "files count every neuron)").append(".\n");
        appendFiles(sb, files);
        return sb.toString();
    }

    private static void appendFiles(StringBuilder sb, List<String> files) {
        sb.append("\nFiles (their columns and units: results/README.md in the Engram repository):\n\n");
        for (String f : files) {
            sb.append("- ").append(f).append('\n');
        }
    }
}
