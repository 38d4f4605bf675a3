package org.engram.experiments.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.distribution.RealDistribution;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ConfigLoader;
import org.engram.experiments.config.ValueSpecs;
import org.engram.simulator.EngramException;
import org.engram.simulator.engine.EngineChecks;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.NeuronModels;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;

/**
 * Checks and builds the populations of a simulation config (name, size, model, parameters, initial
 * values), and answers the other entries' look-ups of a population by name: the built one, else the
 * stand-in of one not built for its parameters' problems.
 */
final class PopulationsFromConfig {
    private final SimulationConfig config;
    private final String source;
    /** Whether every population's name is the config's own: else no name is called unknown. */
    private final boolean named;
    private final ModelParameters parameters;
    private final Map<String, Population<?, ?>> byName = new HashMap<>();
    /** Populations whose entry has a problem: an entry that uses one is checked as far as it can be without it. */
    private final Set<String> unbuilt = new HashSet<>();
    /**
     * For a population not built for its parameters' problems whose name, size and model are sound,
     * a stand-in with the model's default parameters, made on a builder never built: what uses the
     * population (a projection's rule, a recorded variable or neuron, an initial value) is checked
     * against it, so its problems are reported in the same round.
     */
    private final Map<String, Population<?, ?>> standIns = new HashMap<>();
    private final NetworkBuilder standInBuilder = new NetworkBuilder(TimeGrid.DEFAULT_DT_MS);
    /** The populations' entries as built, every model parameter written out. */
    private final List<SimulationConfig.PopulationSpec> resolved = new ArrayList<>();

    /**
     * @param config the config
     * @param source the config file's name, for messages
     * @param named  whether every population's name is the config's own ({@link NetworkFromConfig#allNamed})
     */
    PopulationsFromConfig(SimulationConfig config, String source, boolean named) {
        this.config = config;
        this.source = source;
        this.named = named;
        this.parameters = new ModelParameters(source);
    }

    /**
     * Checks a population's entry and adds the population when the entry has no problem.
     *
     * @param grid the config's own time grid, or null when its step or mode has a problem: what depends
     *             on them is not checked
     * @param path the entry's key path, e.g. {@code populations[0]}
     * @throws ConfigException naming the entry's problems; the population is then not built
     */
    void add(NetworkBuilder b, TimeGrid grid, SimulationConfig.PopulationSpec spec, String path) {
        try {
            addPopulation(b, grid, spec, path);
        } catch (ConfigException e) {
            unbuilt.add(spec.name());
            throw e;
        }
    }

    /**
     * The population an entry names.
     *
     * @return it, or null when its own entry has a problem (already reported)
     * @throws ConfigException if no population has that name
     */
    Population<?, ?> population(String name, String path) {
        Population<?, ?> p = byName.get(name);
        if (p == null && !unbuilt.contains(name) && named) {
            throw NetworkFromConfig.unknownPopulation(NetworkFromConfig.populationNames(config), name,
                    source, path);
        }
        return p;
    }

    /**
     * @param name a population's name
     * @return the population of that name, or null when none was built (its entry has a problem)
     */
    Population<?, ?> built(String name) {
        return byName.get(name);
    }

    /**
     * @param name a population's name
     * @return the population of that name, or the stand-in of one not built for its parameters'
     *         problems, whose size, model and variables are the entry's; null when neither exists
     */
    Population<?, ?> builtOrStandIn(String name) {
        Population<?, ?> p = byName.get(name);
        return p != null ? p : standIns.get(name);
    }

    /**
     * @param name a population's name
     * @return the stand-in of the population of that name (see {@link #standIns}), or null
     */
    Population<?, ?> standIn(String name) {
        return standIns.get(name);
    }

    /**
     * @return the populations' entries as built, every model parameter written out; valid after the
     *         populations were added
     */
    List<SimulationConfig.PopulationSpec> resolved() {
        return List.copyOf(resolved);
    }

    /**
     * Refuses, at the population's {@code initial} key, a drawn state the engine would refuse when
     * the run starts (a negative conductance from a normal distribution, say): found there, it had
     * named no config key.
     */
    void requireValidInitialState(Network network) {
        List<ConfigException> problems = new ArrayList<>();
        List<SimulationConfig.PopulationSpec> pops = config.populations();
        for (int i = 0; i < pops.size(); i++) {
            Population<?, ?> p = network.population(pops.get(i).name());
            try {
                p.state().requireValid(p.name());
            } catch (EngramException e) {
                String where = e.location() == null ? "" : e.location();
                String variable = where.contains("[") ? where.substring(0, where.indexOf('[')) : where;
                String path = "populations[" + i + "]" + (pops.get(i).initial().containsKey(variable)
                        ? ".initial." + variable : "");
                problems.add(ConfigException.placed(e, source, path, where + " = " + e.found(), null));
            }
        }
        if (!problems.isEmpty()) {
            throw ConfigException.all(problems);
        }
    }

    private void addPopulation(NetworkBuilder b, TimeGrid grid, SimulationConfig.PopulationSpec spec,
                               String path) {
        // The name's, size's, model's and parameters' problems at once. A name or size left out for its
        // problem is null or 0 here: a problem too, which the caller drops.
        List<ConfigException> problems = new ArrayList<>();
        if (spec.name() == null) {
            problems.add(ConfigException.ofForm(source, path + ".name", "a population name", "nothing", null));
        }
        int before = problems.size();
        EntryChecks.collect(() -> requireSize(spec, path), problems);
        boolean sized = problems.size() == before;
        NeuronModel<?, ?> model = EntryChecks.collect(() -> model(spec, path), problems);
        Population<?, ?> p = model == null ? null : addTyped(b, grid, spec, model, path, problems);
        if (p == null && sized && model != null && spec.name() != null) {
            // Only the parameters failed: what uses the population is checked against a stand-in.
            p = makeStandIn(spec, model);
        }
        boolean built = problems.isEmpty();
        if (built) {
            byName.put(spec.name(), p);
        }
        // Every initial value's problem at once, in the order written.
        for (Map.Entry<String, JsonNode> init : p == null ? Map.<String, JsonNode>of().entrySet()
                : spec.initial().entrySet()) {
            String key = path + ".initial." + init.getKey();
            try {
                try {
                    p.values(init.getKey());   // the library's rule: a state variable of the model
                } catch (EngramException e) {
                    throw ConfigException.ofForm(source, key, e.expected(), e.found(), e.hint());
                }
                Double constant = ValueSpecs.constant(init.getValue(), 0, source, key);
                RealDistribution draw = constant == null ? ValueSpecs.distribution(init.getValue(), source, key) : null;
                if (!built) {
                    continue;   // a stand-in: checked, not set
                }
                if (constant != null) {
                    Arrays.fill(p.state().values(init.getKey()), constant);
                } else {
                    b.initialise(p, init.getKey(), draw);
                }
            } catch (ConfigException e) {
                problems.add(e);
            }
        }
        if (!problems.isEmpty()) {
            throw ConfigException.all(problems);
        }
    }

    /** Makes the stand-in of a population whose parameters failed (see {@link #standIns}), or null. */
    private <P extends Record, S extends NeuronState> Population<?, ?> makeStandIn(
            SimulationConfig.PopulationSpec spec, NeuronModel<P, S> model) {
        if (standIns.containsKey(spec.name()) || byName.containsKey(spec.name())) {
            return null;   // a name used twice: that is its problem, reported with the entry's
        }
        try {
            Population<?, ?> p = standInBuilder.population(spec.name(), spec.size(), model, model.defaults());
            standIns.put(spec.name(), p);
            return p;
        } catch (EngramException e) {
            return null;   // defaults that do not fit the size (a spike-time list per neuron): nothing to check against
        }
    }

    /** The model a population names. */
    private NeuronModel<?, ?> model(SimulationConfig.PopulationSpec spec, String path) {
        if (spec.model() == null) {
            throw ConfigException.ofForm(source, path + ".model", "a model name (see 'engram list')", "nothing", null);
        }
        try {
            return NeuronModels.byName(spec.model());
        } catch (EngramException e) {
            throw ConfigException.ofForm(source, path + ".model", e.expected(), e.found(), e.hint());
        }
    }

    /**
     * Checks a population's parameters, adding their problems, and builds the population when the
     * entry has none.
     *
     * @return the population, or null when it is not built
     */
    private <P extends Record, S extends NeuronState> Population<P, S> addTyped(
            NetworkBuilder b, TimeGrid grid, SimulationConfig.PopulationSpec spec, NeuronModel<P, S> model,
            String path, List<ConfigException> problems) {
        ObjectNode merged = ConfigLoader.componentsOf(model.defaults());
        P params = EntryChecks.collect(() -> parameters.read(spec, model, merged, path), problems);
        if (!problems.isEmpty()) {
            return null;
        }
        resolved.add(new SimulationConfig.PopulationSpec(spec.name(), spec.size(), spec.model(), merged,
                spec.initial()));
        Population<P, S> population;
        try {
            population = b.population(spec.name(), spec.size(), model, params);
        } catch (EngramException e) {
            if ("populations".equals(e.location())) {
                // A name another entry has: no other key of this entry makes it free, so no override beside it is told.
                throw ConfigException.ofForm(source, path + ".name", e.expected(), e.found(), e.hint());
            }
            String key = e.location() == null || e.location().equals("size") ? "size" : "params." + e.location();
            throw ConfigException.placed(e, source, path + "." + key, e.hint());
        }
        if (grid != null) {
            requireRunnable(population, grid, merged, spec.params(), path);
        }
        return population;
    }

    /**
     * Checks a population's size by the network builder's rule; returns null (a check for
     * {@link EntryChecks#collect}).
     */
    private Void requireSize(SimulationConfig.PopulationSpec spec, String path) {
        try {
            NetworkBuilder.requireSize(spec.name(), spec.size());
        } catch (EngramException e) {
            throw ConfigException.placed(e, source, path + ".size", e.hint());
        }
        return null;
    }

    /**
     * Refuses here, with the config path, what the engine would refuse later without one: a model
     * without exact propagation in precise mode, or a parameter that must be a whole number of
     * steps in grid mode ({@code t_ref}). A parameter the config left to the model's default is
     * said to be one: blamed as if written, the user looked for a value the file does not have.
     *
     * @param params  the population's parameters, defaults filled in
     * @param written the parameters the config gives, or null
     */
    private void requireRunnable(Population<?, ?> population, TimeGrid grid, ObjectNode params, JsonNode written,
                                 String path) {
        try {
            EngineChecks.requireRunnable(population, config.mode(), grid);
        } catch (EngramException e) {
            String at = e.location();
            String found = e.found() == null ? "" : e.found();
            if (TimeGrid.DT.equals(at) || "dt_ms".equals(at)) {
                // A model that cannot take the time step (a model of one's own may refuse it): the step is dt_ms.
                String expected = ConfigException.ruleOf(e);
                throw new ConfigException(source, "dt_ms", expected + " (" + population.model().name() + ", "
                        + path + ")", found, null);
            }
            String key = at == null ? "" : params.has(at) ? ".params." + at : "." + at;
            boolean defaulted = at != null && params.has(at) && (written == null || !written.has(at));
            throw ConfigException.placed(e, source, path + key, defaulted ? found + " (the model's default,"
                    + " not in the config)" : found, defaulted ? "set params." + at + " for this dt_ms" : null);
        }
    }
}
