package org.engram.experiments.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.engram.experiments.bench.BenchRecording;
import org.engram.experiments.bench.NetworkBenchmark;
import org.engram.experiments.metrics.MetricFormat;
import org.engram.experiments.run.ThreadNotice;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Plural;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.Mode;
import org.engram.simulator.engine.StatesPastTheHeap;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.LifCondExp;
import org.engram.simulator.monitor.RatesPastTheHeap;
import org.engram.simulator.monitor.SpikesPastTheHeap;
import org.engram.simulator.network.Network;
import org.engram.simulator.reference.BrunelNetwork;
import org.engram.simulator.reference.CobaNetwork;
import org.engram.simulator.reference.CubaNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code engram bench}: builds a named workload, runs it and reports speed and memory. */
@Command(name = "bench",
        description = "Benchmark a workload: a reference network simulation or training.",
        mixinStandardHelpOptions = true,
        subcommands = {BenchCommand.Cuba.class, BenchCommand.Coba.class, BenchCommand.Brunel.class,
                TrainBenchCommand.class, StdpBenchCommand.class},
        footer = {"", "Examples:",
                "  engram bench cuba --neurons 16000 --duration-ms 10000 --threads 2",
                "  engram bench brunel --mode precise --json",
                "  engram bench train --hidden 256 --threads 2 --json"})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return EngramCommand.missingCommand(spec);
    }

    /** Options shared by the simulation benchmarks. */
    static final class SimulationOptions {
        @Option(names = "--duration-ms", paramLabel = "MS", defaultValue = "1000",
                description = "Simulated time in ms (default ${DEFAULT-VALUE}).")
        double durationMs;

        @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
                description = "Worker threads (default ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--mode", paramLabel = "MODE", defaultValue = "grid", converter = ModeConverter.class,
                description = "grid or precise (cuba and brunel; default ${DEFAULT-VALUE}).")
        Mode mode;

        @Option(names = "--warmup-ms", paramLabel = "MS", defaultValue = "0",
                description = "First simulate a separate copy of the network this long, untimed, so the timed "
                        + "loop runs JIT-compiled code (default ${DEFAULT-VALUE}: a cold run, JIT "
                        + "compilation included).")
        double warmupMs;

        @Option(names = "--seed", paramLabel = "S", converter = SeedConverter.class, defaultValue = "1",
                description = "Seed of every random stream (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--dt", paramLabel = "MS", defaultValue = "0.1",
                description = "Time step in ms (default ${DEFAULT-VALUE}).")
        double dtMs;

        // The split leaves a trailing comma on the last item, which the converter refuses (ListItems).
        @Option(names = "--record", paramLabel = "WHAT", split = ",(?!$)", splitSynopsisLabel = ",",
                converter = MonitorConverter.class,
                description = "Record in the timed loop too, so that its time shows what recording costs: spikes "
                        + "(every neuron's, with their times), rate (each population's, in 1 ms bins), state (the "
                        + "potential v of " + BenchRecording.STATE_NEURONS + " neurons of each population, every "
                        + "step); several separated by commas (default: none, the spikes' hash alone).")
        List<BenchRecording.Monitor> record = new ArrayList<>();

        @Option(names = "--json", description = "Print the report as one JSON object on the last line.")
        boolean json;

        /** Builds the network with these options, benchmarks it and prints the report. */
        void runAndReport(CommandSpec spec, String name, int neurons, NetworkSize network) {
            String command = "bench " + name;
            ParameterException.requirePositive(command, "--duration-ms", durationMs, "ms");
            OptionChecks.between(command, "--threads", threads, 1, EngineOptions.MAX_THREADS);
            ParameterException.requirePositive(command, "--dt", dtMs, "ms");
            TimeGrid grid = new TimeGrid(dtMs);
            try {
                grid.positiveSteps(command, "--duration-ms", durationMs);
            } catch (ParameterException e) {
                if (spec.commandLine().getParseResult().hasMatchedOption("--duration-ms")) {
                    throw e;
                }
                // The duration left at its default is not the user's to blame: the step they gave is.
                throw new ParameterException(command, "--dt", "a step that divides --duration-ms (default "
                        + TypedNumbers.written(spec, "--duration-ms") + " ms) into whole steps, from one to "
                        + Integer.MAX_VALUE, dtMs, "give --duration-ms too, or another --dt");
            }
            grid.wholeSteps(command, "--warmup-ms", warmupMs);
            Set<BenchRecording.Monitor> monitors = EnumSet.noneOf(BenchRecording.Monitor.class);
            for (BenchRecording.Monitor m : record) {
                if (!monitors.add(m)) {
                    throw new ParameterException(command, "--record", "each of spikes, rate and state at most once",
                            m.label() + " twice");
                }
            }
            Map<String, Object> r;
            try {
                r = NetworkBenchmark.run(name, () -> network.build(dtMs, seed), durationMs, warmupMs, threads, mode,
                        monitors);
            } catch (SpikesPastTheHeap | RatesPastTheHeap | StatesPastTheHeap e) {
                // Found as the run went: the spikes and rate bins are not known before it.
                throw BenchRecording.refused(command, monitors, durationMs, e);
            } catch (HeapLimitExceeded e) {
                if ("threads".equals(e.location())) {
                    // The engine's per-thread row starts grow with the threads as well as the network.
                    throw new ParameterException(command, "--threads", e.expected(), threads, e.found() + "; "
                            + e.hint());
                }
                // The reference network's memory grows with its size, and its input buffers with its
                // delays in steps: the options are what the user can change, not the network's parts.
                boolean buffers = "input buffers".equals(e.location());
                Object found = buffers ? TypedNumbers.written(spec, "--neurons") + " neurons at dt = "
                        + TypedNumbers.written(spec, "--dt") + " ms" : neurons;
                throw new ParameterException(command, buffers ? "--neurons and --dt" : "--neurons",
                        "a network that fits the Java heap", found, e.source() + ": " + e.location() + ": expected "
                                + e.expected() + ", found " + e.found() + "; choose fewer neurons"
                                + (buffers ? " or a longer step" : "")
                                + ", or " + HeapLimitExceeded.MORE_HEAP);
            } catch (ParameterException e) {
                // The user cannot edit the reference network: a connection rule refused (too many
                // synapses for one projection) is the size's fault, and a delay or refractory period the
                // step does not divide the step's. Other refusals say their own.
                if ("rule".equals(e.location())) {
                    throw new ParameterException(command, "--neurons", "a network whose projections each fit the "
                            + "longest Java array", neurons, e.source() + ": " + e.expected() + ", found " + e.found()
                            + "; choose fewer neurons");
                }
                if (!"delay".equals(e.location()) && !"t_ref".equals(e.location())) {
                    throw e;
                }
                throw new ParameterException(command, "--dt", "a step of which the network's delays and refractory"
                        + " periods are whole multiples", dtMs, e.source() + ": " + e.location() + " is " + e.found()
                        + " ms");
            }
            r.put("seed", seed);
            // With the figures they are about: a run refused has none. Threads past the processors slow only a run
            // that shares its slices.
            if ((Boolean) r.get("parallel")) {
                ThreadNotice.print(spec.commandLine().getErr(), "engram " + command, "--threads", threads);
            }
            AlignmentNotice.print(spec.commandLine().getErr(), "engram " + command);
            report(spec.commandLine().getOut(), r, json);
        }
    }

    /** A reference network at a chosen size, built on a grid with a seed. */
    @FunctionalInterface
    interface NetworkSize {
        /**
         * Builds the network.
         *
         * @param dtMs the time step in ms
         * @param seed the seed of every random stream
         * @return the network
         */
        Network build(double dtMs, long seed);
    }

    static void report(PrintWriter out, Map<String, Object> r, boolean json) {
        boolean oneThreadOnly = (Integer) r.get("threads") > 1 && !(Boolean) r.get("parallel");
        out.printf(java.util.Locale.ROOT, "%s: %d neurons, %d synapses (%.2f bytes/synapse), %s mode, %s%s%n",
                r.get("network"), r.get("neurons"), r.get("synapses"), (Double) r.get("bytes_per_synapse"),
                r.get("mode"), Plural.count((Integer) r.get("threads"), "thread"), oneThreadOnly
                        ? " (run on one: a slice of the minimum delay holds too few neuron-steps to share)" : "");
        out.printf(java.util.Locale.ROOT, "  %s ms simulated: setup %.3f s, loop %.3f s%s%n",
                MetricFormat.asWritten((Double) r.get("duration_ms")), (Double) r.get("setup_seconds"),
                (Double) r.get("loop_seconds"), (Double) r.get("warmup_ms") > 0
                        ? " (after a " + MetricFormat.asWritten((Double) r.get("warmup_ms")) + " ms warm-up)" : "");
        out.printf(java.util.Locale.ROOT, "  %d spikes (%.2f Hz), %d synaptic events (%.3g per second)%n",
                r.get("spikes"), (Double) r.get("mean_rate_hz"), r.get("synaptic_events"),
                (Double) r.get("events_per_second"));
        out.printf(java.util.Locale.ROOT, "  peak heap %.1f MB, spike hash %s%n",
                ((Long) r.get("peak_heap_bytes")) / 1e6, r.get("spike_hash"));
        List<?> recorded = (List<?>) r.get("record");
        if (!recorded.isEmpty()) {
            // What each monitor asked for holds, and nothing of the others: "0 spikes" would read as none fired.
            List<String> held = new ArrayList<>();
            for (BenchRecording.Monitor m : BenchRecording.Monitor.values()) {
                if (recorded.contains(m.label())) {
                    held.add(r.get(m.reportKey()) + " " + m.held());
                }
            }
            out.printf(java.util.Locale.ROOT, "  recorded: %s%n", String.join(", ", held));
        }
        if (json) {
            BenchReport.printJson(out, r);
        }
        out.flush();
    }

    /**
     * The two networks of Vogels and Abbott (2005), which share their sizes: {@code --neurons N}
     * with 80 synapses per neuron on average.
     */
    abstract static class VogelsAbbott implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--neurons", paramLabel = "N", defaultValue = "4000",
                description = "Network size N >= 80 (default ${DEFAULT-VALUE}); p = 80/N.")
        int neurons;

        @Mixin
        SimulationOptions options = new SimulationOptions();

        /** @return the network's name, as in {@code engram bench NAME} */
        abstract String network();

        /** @return the builder of the network at {@code neurons} */
        abstract NetworkSize network(int neurons);

        @Override
        public Integer call() {
            // p = 80 / N is a probability: N below 80 cannot give each neuron 80 synapses on average.
            OptionChecks.atLeast("bench " + network(), "--neurons", neurons,
                    (int) Math.ceil(CubaNetwork.CLASSIC_CONNECTIONS));
            options.runAndReport(spec, network(), neurons, network(neurons));
            return 0;
        }
    }

    /** {@code engram bench cuba}. */
    @Command(name = "cuba", mixinStandardHelpOptions = true,
            description = "Vogels-Abbott CUBA network (80%% excitatory LIF with exponential current synapses, "
                    + "80 synapses per neuron on average).")
    static final class Cuba extends VogelsAbbott {
        @Override
        String network() {
            return "cuba";
        }

        @Override
        NetworkSize network(int neurons) {
            return CubaNetwork.of(neurons)::build;
        }
    }

    /** {@code engram bench coba}. */
    @Command(name = "coba", mixinStandardHelpOptions = true,
            description = "Vogels-Abbott COBA network (80%% excitatory LIF with exponential conductance synapses, "
                    + "80 synapses per neuron on average, a 200 pA bias as in ANNarchy's version); grid mode only.")
    static final class Coba extends VogelsAbbott {
        @Override
        String network() {
            return "coba";
        }

        /** Refuses precise mode by its option, before the engine would refuse the model. */
        @Override
        public Integer call() {
            if (options.mode == Mode.PRECISE) {
                throw new ParameterException("bench coba", "--mode", "grid (" + LifCondExp.NAME
                        + " has no precise mode: its membrane equation has no exact solution)", "precise");
            }
            return super.call();
        }

        @Override
        NetworkSize network(int neurons) {
            return CobaNetwork.of(neurons)::build;
        }
    }

    /** {@code engram bench brunel}. */
    @Command(name = "brunel", mixinStandardHelpOptions = true,
            description = "Brunel (2000) model A with g = 5, eta = 2 (his Fig. 8C, asynchronous irregular); "
                    + "--neurons N (default 12500), with the in-degrees scaled by N / 12500.")
    static final class Brunel implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--neurons", paramLabel = "N", defaultValue = "12500",
                description = "Network size N >= 25 (default ${DEFAULT-VALUE}), the smallest whose in-degrees"
                        + " keep one inhibitory input.")
        int neurons;

        @Mixin
        SimulationOptions options = new SimulationOptions();

        @Override
        public Integer call() {
            // Below half an inhibitory input the in-degree rounds to none: the least size, stated as a size.
            int smallest = (int) Math.ceil(12500 * BrunelNetwork.SMALLEST_SCALE);
            OptionChecks.atLeast("bench brunel", "--neurons", neurons, smallest);
            BrunelNetwork network = BrunelNetwork.asynchronousIrregular(neurons / 12500.0);
            options.runAndReport(spec, "brunel", neurons, network::build);
            return 0;
        }
    }
}
