package org.engram.experiments.simulate;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ConfigLoader;
import org.engram.experiments.run.SetupStop;
import org.engram.experiments.run.ThreadNotice;
import org.engram.learning.io.AtomicFile;
import org.engram.simulator.engine.Engine;

/**
 * Runs one {@code engram simulate} config and writes its result folder
 * {@code <results>/<name>/<run-id>/}: the resolved {@code config.yaml}, {@code spikes_<population>.csv},
 * {@code rates_<population>.csv}, {@code state_<population>_<variable>.csv}, {@code synapses_<projection>.csv},
 * {@code weights_<projection>.csv}, {@code summary.md} and {@code plots/raster_<population>},
 * {@code plots/rate_<population>} and {@code plots/weights_<projection>} (PNG, SVG and PDF).
 * The folder appears only when complete, or, when the heap found no room after the run for some of its files,
 * with the others, whole, and a summary that lists what is missing ({@link UnmadeResults}).
 * A simulation is prepared ({@link PreparedSimulation}), run ({@link EngineRun}) and written
 * ({@link SimulationResults}).
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

        /** {@return the config with what these set over it: threads, seed and duration} */
        SimulationConfig over(SimulationConfig c) {
            return new SimulationConfig(c.name(), c.dtMs(), durationMs != null ? durationMs : c.durationMs(),
                    seed != null ? seed : c.seed(), threads != null ? threads : c.threads(), c.mode(),
                    c.populations(), c.projections(), c.inputs(), c.record());
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
            PreparedSimulation p = PreparedSimulation.of(configFile, overrides);
            LeftOutPlugIns.warn(p.config(), err);
            // The engine refuses what only a mode or a time step can tell (a Poisson rate past what a step draws).
            try (Engine engine = p.openEngine()) {
                return ConfigLoader.toYaml(p.resolved());
            }
        } catch (ConfigException e) {
            throw ConfigLoader.withPosition(e, configFile, overrides.sets(), overrides.keyOptions());
        }
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

    /** The story of a simulation: prepare the network, run the engine with its recorders, write the results. */
    private static Result simulate(Path configFile, Path resultsRoot, Overrides overrides, List<String> commandLine,
                                   PrintWriter err, TestHooks hooks, SetupStop setup) {
        PreparedSimulation prepared = PreparedSimulation.of(configFile, overrides);
        SimulationConfig c = prepared.config();
        LeftOutPlugIns.warn(c, err);
        ThreadNotice.print(err, "engram simulate", overrides.threads() != null ? "--threads" : "threads", c.threads());
        Recordings recorded = Recordings.empty();
        Instant started = Instant.now();
        String yaml = ConfigLoader.toYaml(prepared.resolved());
        // In a method of its own, whose frame ends with it: the engine and the spike digest hold heap (buffers,
        // spikes not yet hashed) that the results need, and a local of this method would keep them.
        EngineRun ran = EngineRun.run(prepared, recorded, resultsRoot, started, yaml, setup, err);
        return SimulationResults.write(prepared, recorded, ran, started, yaml, commandLine, hooks);
    }
}
