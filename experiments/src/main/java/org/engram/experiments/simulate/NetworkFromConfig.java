package org.engram.experiments.simulate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.LeftOutKeys;
import org.engram.learning.plasticity.PlasticityRule;
import org.engram.simulator.EngramException;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.Suggestions;

/**
 * Turns a {@link SimulationConfig} into a {@link Network}. Every error names the config file and
 * the key path of the offending value. It makes the builder and has the entries checked and built in
 * order, each kind by its own class ({@link PopulationsFromConfig}, {@link ProjectionsFromConfig} with
 * {@link PlasticityFromConfig}, {@link InputsFromConfig}), collecting their problems.
 */
final class NetworkFromConfig {
    private final SimulationConfig config;
    private final String source;
    private final PopulationsFromConfig populations;
    private final ProjectionsFromConfig projections;
    private final PlasticityFromConfig plasticity;
    private final InputsFromConfig inputs;
    /** Whether the step and mode are the config's own: else what depends on them is not checked. */
    private boolean timed;
    /** The config's own time grid, once {@link #build()} has made it; null when its step or mode has a problem. */
    private TimeGrid grid;

    /** A plasticity rule made for its projection, with the rule's config name. */
    record AttachedRule(PlasticityRule rule, String type) {
    }

    /**
     * @param config  the config
     * @param source  the config file's name, for messages
     * @param leftOut the keys left out of the config for their problems (already reported), whose
     *                defaults stand in for them: what depends on one is not checked, and an entry that
     *                holds one is checked but not built
     */
    NetworkFromConfig(SimulationConfig config, String source, LeftOutKeys leftOut) {
        this.config = config;
        this.source = source;
        this.timed = !leftOut.covers("dt_ms") && !leftOut.covers("mode");
        EntryChecks checks = new EntryChecks(source);
        this.populations = new PopulationsFromConfig(config, source, allNamed(config, leftOut));
        this.plasticity = new PlasticityFromConfig(source, checks);
        this.projections = new ProjectionsFromConfig(config, source, leftOut, checks, populations, plasticity);
        this.inputs = new InputsFromConfig(config, source, leftOut, checks, populations);
    }

    /**
     * Builds the network, checking every population, projection and input on its own.
     *
     * @return the network
     * @throws ConfigException naming the problems of the step and of every entry: a population's name,
     *         size, model and parameters together, else each of its initial values; a projection's
     *         populations, rule, weight and delay; an input's target, type and values; including those of
     *         keys left out (for the caller to drop)
     */
    Network build() {
        List<ConfigException> problems = new ArrayList<>();
        NetworkBuilder b;
        try {
            b = new NetworkBuilder(config.dtMs());
        } catch (EngramException e) {
            problems.add(ConfigException.placed(e, source, "dt_ms", null));
            // The entries are still checked, on the default grid, but not what depends on the step.
            b = new NetworkBuilder(TimeGrid.DEFAULT_DT_MS);
            timed = false;
        }
        grid = timed ? b.grid() : null;
        b.seed(config.seed());
        if (config.populations().isEmpty()) {
            problems.add(new ConfigException(source, "populations", "at least one population", "none", null));
        }
        List<SimulationConfig.PopulationSpec> pops = config.populations();
        for (int i = 0; i < pops.size(); i++) {
            try {
                populations.add(b, grid, pops.get(i), "populations[" + i + "]");
            } catch (ConfigException e) {
                problems.add(e);
            }
        }
        List<SimulationConfig.ProjectionSpec> projectionSpecs = config.projections();
        for (int i = 0; i < projectionSpecs.size(); i++) {
            try {
                projections.add(b, grid, projectionSpecs.get(i), "projections[" + i + "]");
            } catch (ConfigException e) {
                problems.add(e);
            }
        }
        List<SimulationConfig.InputSpec> inputSpecs = config.inputs();
        for (int i = 0; i < inputSpecs.size(); i++) {
            try {
                inputs.add(b, grid, inputSpecs.get(i), "inputs[" + i + "]");
            } catch (ConfigException e) {
                problems.add(e);
            }
        }
        if (timed) {
            inputs.requireCurrentInputsFit(grid, problems);
        }
        if (!problems.isEmpty()) {
            throw ConfigException.all(problems);
        }
        Network network;
        try {
            network = b.build();
        } catch (ConfigException e) {
            throw e;
        } catch (EngramException e) {
            throw projections.drawingError(e);
        }
        populations.requireValidInitialState(network);
        return network;
    }

    /**
     * Locates an error the engine found when it prepared the built network for the config's mode
     * (a Poisson rate above the grid-mode limit, input buffers past the heap) at the key of the
     * entry it is about; populations were already prepared for the mode by {@link #build()}.
     *
     * @param e       the engine's error
     * @param network the network the engine was given
     * @return the error at its key, or {@code e} itself when no entry matches
     */
    RuntimeException engineError(EngramException e, Network network) {
        String key = inputs.rateKey(e);
        if (key == null && e instanceof HeapLimitExceeded && "input buffers".equals(e.location())) {
            key = projections.longestDelayInto(e.source(), network);
        }
        return key == null ? e : ConfigException.placed(e, source, key, e.hint());
    }

    /** {@return the config the network is built from} */
    SimulationConfig config() {
        return config;
    }

    /**
     * @return the time grid of the config's own step, for the checks of other durations; null before
     *         {@link #build()}, or when the step or mode has a problem (reported by it or left out)
     */
    TimeGrid grid() {
        return grid;
    }

    /**
     * @param name a population's name
     * @return the population of that name, or the stand-in of one not built for its parameters'
     *         problems, whose size, model and variables are the entry's; null when neither exists
     */
    Population<?, ?> builtOrStandIn(String name) {
        return populations.builtOrStandIn(name);
    }

    /**
     * The config as it was used, with every model parameter written out (the config's records
     * fill in the other defaults).
     *
     * @return the resolved config; valid after {@link #build()}
     */
    SimulationConfig resolved() {
        return new SimulationConfig(config.name(), config.dtMs(), config.durationMs(), config.seed(), config.threads(),
                config.mode(), populations.resolved(), plasticity.resolvedProjections(config.projections()),
                config.inputs(), config.record());
    }

    /**
     * @param config  a config
     * @param leftOut the keys left out of it for their problems
     * @return whether every population's name is the config's own: else a name that no population
     *         has may be the one left out, and is not called unknown
     */
    static boolean allNamed(SimulationConfig config, LeftOutKeys leftOut) {
        for (int i = 0; i < config.populations().size(); i++) {
            if (leftOut.covers("populations[" + i + "].name")) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param config a config
     * @return the names its populations are given, in order
     */
    static List<String> populationNames(SimulationConfig config) {
        return config.populations().stream().map(SimulationConfig.PopulationSpec::name).filter(Objects::nonNull)
                .toList();
    }

    /**
     * The error of an entry that names a population the config does not have.
     *
     * @param names  the config's population names
     * @param name   the name given
     * @param source the config file
     * @param path   the key path of the name
     * @return the error, with the closest name suggested
     */
    static ConfigException unknownPopulation(List<String> names, String name, String source, String path) {
        // Each name once, even when the config gives two populations one name (reported on its own).
        List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
        return new UnknownPopulation(source, path, "one of the populations " + distinct,
                name == null ? "nothing" : name, Suggestions.didYouMean(name, distinct));
    }

    /**
     * Makes the plasticity rules of the built network's projections, for the caller to attach to its
     * engine as listeners.
     *
     * @param network the network {@link #build()} returned
     * @return the rules, in the order of their projections
     * @throws ConfigException if a projection's initial weights lie outside its rule's bounds
     */
    List<AttachedRule> plasticityRules(Network network) {
        return plasticity.attach(network);
    }
}
