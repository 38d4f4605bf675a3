package org.engram.experiments.simulate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ConfigLoader;
import org.engram.experiments.config.LeftOutKeys;
import org.engram.experiments.config.OtherCommandConfig;
import org.engram.experiments.config.PlainName;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.network.Network;

/**
 * A config checked and its network built, ready to simulate: what runs before a result folder exists. Every
 * problem of the config is reported at once.
 *
 * @param configFile the YAML file
 * @param overrides  what the command line sets over the config
 * @param factory    the network's factory, holding the config with the command line's overrides
 * @param network    the network built
 * @param plasticity the plasticity rules attached to its projections
 * @param options    the engine's options
 * @param startNanos when the network began to be built ({@link System#nanoTime()}), for the setup time
 */
record PreparedSimulation(Path configFile, SimulationRun.Overrides overrides, NetworkFromConfig factory,
                          Network network, List<NetworkFromConfig.AttachedRule> plasticity, EngineOptions options,
                          long startNanos) {

    /** {@return the config with the command line's overrides} */
    SimulationConfig config() {
        return factory.config();
    }

    /** {@return the config file's name, for messages} */
    String source() {
        return configFile.toString();
    }

    /** {@return the resolved config: defaults filled in} */
    SimulationConfig resolved() {
        return factory.resolved();
    }

    /** Starts the engine, locating a parameter it refuses for the mode at its key in the config. */
    Engine openEngine() {
        try {
            return new Engine(network, options);
        } catch (EngramException e) {
            throw factory.engineError(e, network);
        }
    }

    /** Loads and checks the config, every problem at once, and builds its network. */
    static PreparedSimulation of(Path configFile, SimulationRun.Overrides overrides) {
        String source = configFile.toString();
        // Every problem of the config at once: the unknown keys and values of the wrong type, these
        // checks, then each entry of the network. The keys of the first are left out, their defaults
        // standing in: a check of one of them is not reported.
        List<ConfigException> problems = new ArrayList<>();
        ConfigLoader.Loaded<SimulationConfig> loaded = ConfigLoader.load(configFile, overrides.sets(),
                SimulationConfig.class, problems);
        SimulationConfig c = loaded.config();
        ConfigException experiment = OtherCommandConfig.of(problems, source, "engram simulate", OtherCommandConfig.RUN);
        if (experiment != null) {
            throw experiment;
        }
        if (c == null) {
            throw ConfigException.all(problems);
        }
        LeftOutKeys leftOut = loaded.leftOut();
        List<ConfigException> checks = new ArrayList<>();
        c = overrides.over(c);
        if (overrides.threads() == null) {
            try {
                EngineOptions.requireThreads("engine", c.threads());
            } catch (EngramException e) {
                checks.add(ConfigException.placed(e, source, "threads", null));
            }
        }
        if (c.durationMs() == null || !(c.durationMs() > 0) || c.durationMs().isInfinite()) {
            // A duration the command line set is blamed on its option (KeyOption), not on the file's line. An
            // infinite one (1e400) is told here, as the count of steps told it "a finite number >= 0", 0 refused.
            checks.add(new ConfigException(source, "duration_ms", c.durationMs() != null && c.durationMs().isInfinite()
                    ? "a finite number > 0 (ms)" : "a number > 0 (ms)", c.durationMs() == null
                    ? "nothing (the key is required)" : String.valueOf(c.durationMs()), null));
        }
        boolean sharedName = checkNames(c, source, checks);
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
        if (factory.grid() != null && c.durationMs() != null && c.durationMs() > 0 && !c.durationMs().isInfinite()) {
            try {
                factory.grid().positiveSteps("simulation", "duration_ms", c.durationMs());
            } catch (EngramException e) {
                checks.add(ConfigException.placed(e, source, "duration_ms", null));
            }
        }
        problems.addAll(leftOut.kept(sharedName ? withoutUnknownPopulations(checks) : checks));
        if (!problems.isEmpty()) {
            throw ConfigException.all(withTheStepsOrigin(problems, configFile, overrides.sets()));
        }
        EngineOptions options;
        try {
            options = new EngineOptions(c.threads(), c.mode());
        } catch (EngramException e) {
            // The config's threads were checked with the config: what is left is the option's.
            throw new ParameterException("simulate", "--threads", e.expected(), e.found());
        }
        return new PreparedSimulation(configFile, overrides, factory, network, plasticity, options, t0);
    }

    /**
     * Checks the names that name result files: the simulation's (its folder) and each population's.
     *
     * @return whether two populations share a name, in any case
     */
    private static boolean checkNames(SimulationConfig c, String source, List<ConfigException> checks) {
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
                checks.add(ConfigException.ofForm(source, "populations[" + i + "].name", PlainName.RULE
                        + " (it names the population's result files)", PlainName.shown(name), null));
            }
            for (int j = 0; j < i && name != null; j++) {
                String other = c.populations().get(j).name();
                sharedName |= name.equalsIgnoreCase(other);
                if (name.equalsIgnoreCase(other) && !name.equals(other)) {
                    // macOS and Windows disks take spikes_exc.csv and spikes_Exc.csv for one file. No other key of
                    // the entry changes that, so no override beside it is named.
                    checks.add(ConfigException.ofForm(source, "populations[" + i + "].name", "a name that differs from "
                            + "populations[" + j + "]'s ('" + other + "') in more than case (the names name result "
                            + "files, which a disk that ignores case would take for one)", name, null));
                    break;
                }
            }
        }
        return sharedName;
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
            boolean ofTheStep = TimeGrid.DT.equals(p.comparedWith());
            noted.add(ofTheStep ? p.restated(p.source(), p.location(), p.expected(), p.found(),
                    p.hint() == null ? note : p.hint() + "; " + note) : p);
        }
        return noted;
    }
}
