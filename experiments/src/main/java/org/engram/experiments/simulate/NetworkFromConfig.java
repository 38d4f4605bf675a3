package org.engram.experiments.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.commons.math3.distribution.RealDistribution;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ConfigLoader;
import org.engram.experiments.config.LeftOutKeys;
import org.engram.experiments.config.ValueSpecs;
import org.engram.learning.plasticity.PlasticityRule;
import org.engram.simulator.EngramException;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.Mode;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.NoiseCurrent;
import org.engram.simulator.input.PoissonInput;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.NeuronModels;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Connectivity;
import org.engram.simulator.Suggestions;

/**
 * Turns a {@link SimulationConfig} into a {@link Network}. Every error names the config file and
 * the key path of the offending value.
 */
final class NetworkFromConfig {
    private final SimulationConfig config;
    private final String source;
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
    private final List<SimulationConfig.PopulationSpec> resolvedPopulations = new ArrayList<>();
    /** The keys left out for their problems (already reported): an entry that holds one is not built. */
    private final LeftOutKeys leftOut;
    /** Whether the step and mode are the config's own: else what depends on them is not checked. */
    private boolean timed;
    /** Whether every population's name is the config's own: else no name is called unknown. */
    private final boolean named;
    /** The config's own time grid, once {@link #build()} has made it; null when its step or mode has a problem. */
    private TimeGrid grid;
    /** The plasticity rules to attach once the network is built, by projection. */
    private final List<PendingRule> pendingRules = new ArrayList<>();

    /** A projection's plasticity rule, checked with the config, made when the projection exists. */
    private record PendingRule(String projection, String path, PlasticityType type, PlasticityType.Made made) {
    }

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
        this.leftOut = leftOut;
        this.timed = !leftOut.covers("dt_ms") && !leftOut.covers("mode");
        this.named = allNamed(config, leftOut);
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
            problems.add(new ConfigException(source, "dt_ms", e.expected(), e.found(), null));
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
                addPopulation(b, pops.get(i), "populations[" + i + "]");
            } catch (ConfigException e) {
                problems.add(e);
                unbuilt.add(pops.get(i).name());
            }
        }
        List<SimulationConfig.ProjectionSpec> projections = config.projections();
        for (int i = 0; i < projections.size(); i++) {
            try {
                addProjection(b, projections.get(i), "projections[" + i + "]");
            } catch (ConfigException e) {
                problems.add(e);
            }
        }
        List<SimulationConfig.InputSpec> inputs = config.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            try {
                addInput(b, inputs.get(i), "inputs[" + i + "]");
            } catch (ConfigException e) {
                problems.add(e);
            }
        }
        requireCurrentSourcesFit(inputs, problems);
        if (!problems.isEmpty()) {
            throw ConfigException.all(problems);
        }
        Network network;
        try {
            network = b.build();
        } catch (ConfigException e) {
            throw e;
        } catch (EngramException e) {
            throw drawingError(e);
        }
        requireValidInitialState(network);
        return network;
    }

    /**
     * Refuses, at the population's {@code initial} key, a drawn state the engine would refuse when
     * the run starts (a negative conductance from a normal distribution, say): found there, it had
     * named no config key.
     */
    private void requireValidInitialState(Network network) {
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
                problems.add(new ConfigException(source, path, e.expected(), where + " = " + e.found(), null));
            }
        }
        if (!problems.isEmpty()) {
            throw ConfigException.all(problems);
        }
    }

    /**
     * Adds the engine's refusal of a current input (a current source or noise) in the config's mode
     * (precise), once, at {@code mode}: found here, it is reported with the config's other
     * problems, not after them.
     */
    private void requireCurrentSourcesFit(List<SimulationConfig.InputSpec> inputs, List<ConfigException> problems) {
        for (int i = 0; timed && i < inputs.size(); i++) {
            InputType type = InputType.byConfigName(inputs.get(i).type());
            if (type == InputType.CURRENT || type == InputType.NOISE) {
                try {
                    Engine.requireCurrentInputFits(config.mode(), type == InputType.NOISE ? "noise current"
                            : "current source", inputs.get(i).target());
                } catch (EngramException e) {
                    problems.add(new ConfigException(source, "mode", e.expected(), e.found() + " (inputs[" + i + "])",
                            null));
                }
                return;
            }
        }
    }

    /**
     * Locates an error found while synapses were drawn, which the simulator reports as, e.g.,
     * {@code projection 'exc->exc'} and {@code delay}, at the projection's key in the config.
     */
    private ConfigException drawingError(EngramException e) {
        List<SimulationConfig.ProjectionSpec> projections = config.projections();
        int i = projections.size() - 1;
        while (i >= 0 && !("projection '" + projections.get(i).name() + "'").equals(e.source())) {
            i--;
        }
        if (i < 0 || e.location() == null) {
            return new ConfigException(source, "projections", e.expected() == null ? e.getMessage() : e.expected(),
                    e.found() == null ? "" : e.found(),
                    "in " + e.source() + (e.location() == null ? "" : ", " + e.location()));
        }
        return atProjectionKey(e, config.projections().get(i), "projections[" + i + "]");
    }

    /**
     * An error the simulator found in a projection (a weight, a delay, an index or degree of its
     * rule), at the key of the projection's entry that gave the value.
     *
     * @param e    the error, whose location names the value, e.g. {@code delay} or {@code fixed_in_degree.k}
     * @param spec the projection's entry
     * @param path its key path, e.g. {@code projections[1]}
     */
    private ConfigException atProjectionKey(EngramException e, SimulationConfig.ProjectionSpec spec, String path) {
        String key = switch (e.location()) {
            case "delay" -> "delay_ms";
            case "weight" -> "weight";
            case "source" -> "rule.sources";
            // An index of the rule's, or the target population itself (one that takes no input), found as its name.
            case "target" -> String.valueOf(e.found()).startsWith("'") ? "target" : "rule.targets";
            default -> e.location().endsWith(".k") ? "rule.k" : "rule";
        };
        JsonNode given = key.equals("delay_ms") ? spec.delayMs() : key.equals("weight") ? spec.weight() : null;
        // A drawn value is found where a distribution was written: say where it came from. (A
        // distribution refused as a whole says so itself.)
        boolean drawn = given != null && given.isObject() && !String.valueOf(e.found()).startsWith("a distribution");
        // The simulator names the entry of a list it found the value in ("at synapse 3 of the rule's list"),
        // which the key alone does not find in a long list; its other advice speaks of the Java API.
        boolean inList = e.hint() != null && e.hint().startsWith("at ");
        String hint = drawn ? "a value drawn from the distribution given here" : inList ? e.hint() : null;
        return new ConfigException(source, path + "." + key, e.expected(), e.found(), hint);
    }

    private void addPopulation(NetworkBuilder b, SimulationConfig.PopulationSpec spec, String path) {
        // The name's, size's, model's and parameters' problems at once. A name or size left out for its
        // problem is null or 0 here: a problem too, which the caller drops.
        List<ConfigException> problems = new ArrayList<>();
        if (spec.name() == null) {
            problems.add(new ConfigException(source, path + ".name", "a population name", "nothing", null));
        }
        int before = problems.size();
        collect(() -> requireSize(spec, path), problems);
        boolean sized = problems.size() == before;
        NeuronModel<?, ?> model = collect(() -> model(spec, path), problems);
        Population<?, ?> p = model == null ? null : addTyped(b, spec, model, path, problems);
        if (p == null && sized && model != null && spec.name() != null) {
            // Only the parameters failed: what uses the population is checked against a stand-in.
            p = standIn(spec, model);
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
                    throw new ConfigException(source, key, e.expected(), e.found(), e.hint());
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
    private <P extends Record, S extends NeuronState> Population<?, ?> standIn(SimulationConfig.PopulationSpec spec,
                                                                              NeuronModel<P, S> model) {
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
            throw new ConfigException(source, path + ".model", "a model name (see 'engram list')", "nothing", null);
        }
        try {
            return NeuronModels.byName(spec.model());
        } catch (EngramException e) {
            throw new ConfigException(source, path + ".model", e.expected(), e.found(), e.hint());
        }
    }

    /**
     * Converts a population's parameters. A value of the wrong type stops the conversion before the
     * parameter record checks the others, so the others are then checked with the defaults standing
     * in for the wrong ones, and every problem is reported in one round ({@code b: abc} had hidden
     * {@code delta_t: -1} beside it). A check that compares a value with a default standing in for
     * one the user gave in vain (of the wrong type, or under a misspelt key) is left out: it blamed
     * {@code v_reset: 10} on a {@code v_th} of -55 that the user never wrote, beside {@code vth: 20}.
     */
    private <P> P convertParams(ObjectNode merged, ObjectNode defaults, Set<String> given, String path,
                                Class<P> type) {
        try {
            return ConfigLoader.convert(merged, source, path, type);
        } catch (ConfigException wrongTypes) {
            ObjectNode standIn = merged.deepCopy();
            Set<String> lost = new HashSet<>();
            for (ConfigException c : wrongTypes.problems()) {
                String key = c.location() == null || !c.location().startsWith(path + ".") ? null
                        : c.location().substring(path.length() + 1);
                boolean ofType = c.expected() != null && c.expected().startsWith("a value of type");
                if (ofType && key != null && defaults.has(key)) {
                    standIn.set(key, defaults.get(key));
                    lost.add(key);
                } else if (key != null && unknownKey(c)) {
                    // An unknown key is the parameter closest to it misspelt (lost unless given too) or,
                    // when none is close, any parameter left to its default.
                    List<String> parameters = new ArrayList<>();
                    defaults.fieldNames().forEachRemaining(parameters::add);
                    String meant = Suggestions.closest(key, parameters);
                    parameters.removeIf(given::contains);
                    lost.addAll(meant == null ? parameters : given.contains(meant) ? List.of() : List.of(meant));
                }
            }
            List<ConfigException> all = new ArrayList<>(wrongTypes.problems());
            if (!standIn.equals(merged)) {
                try {
                    ConfigLoader.convert(standIn, source, path, type);
                } catch (ConfigException others) {
                    // The second conversion finds again what was not a type's problem (an unknown key): once each.
                    Set<String> reported = new HashSet<>();
                    all.forEach(c -> reported.add(c.getMessage()));
                    others.problems().stream().filter(c -> reported.add(c.getMessage())).forEach(all::add);
                }
            }
            all.removeIf(c -> comparesWithALostValue(c, lost, path));
            throw ConfigException.all(all);
        }
    }

    /** Whether a problem is a key the parameter record does not have ({@link ConfigLoader}'s wording). */
    private static boolean unknownKey(ConfigException c) {
        return c.found() != null && c.found().startsWith("unknown key");
    }

    /**
     * Whether a problem is a parameter check that names a value the user gave in vain, which its
     * default stood in for, such as {@code v_reset: expected a value < v_th = -55.0}.
     */
    private static boolean comparesWithALostValue(ConfigException c, Set<String> lost, String path) {
        String key = c.location() == null || !c.location().startsWith(path + ".") ? null
                : c.location().substring(path.length() + 1);
        if (key == null || lost.contains(key) || c.expected() == null || unknownKey(c)) {
            return false;
        }
        for (String name : lost) {
            if (Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(c.expected()).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Puts a model's own hint ({@link NeuronModel#hintFor}) on each problem of a parameter it does
     * not take, in place of the closest name: {@code g_l} for {@code lif_cond_exp} had been told
     * "did you mean 'e_l'?".
     */
    private static ConfigException withModelHints(ConfigException e, NeuronModel<?, ?> model, String prefix) {
        List<ConfigException> each = new ArrayList<>();
        boolean changed = false;
        for (ConfigException c : e.problems()) {
            String hint = c.location() != null && c.location().startsWith(prefix)
                    ? model.hintFor(c.location().substring(prefix.length())) : null;
            changed |= hint != null;
            each.add(hint == null ? c : new ConfigException(c.source(), c.location(), c.expected(), c.found(), hint));
        }
        return changed ? ConfigException.all(each) : e;
    }

    /**
     * Checks a population's parameters, adding their problems, and builds the population when the
     * entry has none.
     *
     * @return the population, or null when it is not built
     */
    private <P extends Record, S extends NeuronState> Population<P, S> addTyped(
            NetworkBuilder b, SimulationConfig.PopulationSpec spec, NeuronModel<P, S> model, String path,
            List<ConfigException> problems) {
        ObjectNode merged = ConfigLoader.componentsOf(model.defaults());
        P params = collect(() -> {
            Set<String> given = new HashSet<>();
            if (spec.params() != null) {
                if (!spec.params().isObject()) {
                    throw new ConfigException(source, path + ".params", "a mapping of parameter values",
                            spec.params().toString(), null);
                }
                spec.params().fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue()));
                spec.params().fieldNames().forEachRemaining(given::add);
            }
            try {
                return convertParams(merged, ConfigLoader.componentsOf(model.defaults()), given, path + ".params",
                        model.parametersType());
            } catch (ConfigException e) {
                throw withModelHints(e, model, path + ".params.");
            }
        }, problems);
        if (!problems.isEmpty()) {
            return null;
        }
        resolvedPopulations.add(new SimulationConfig.PopulationSpec(spec.name(), spec.size(), spec.model(), merged,
                spec.initial()));
        Population<P, S> population;
        try {
            population = b.population(spec.name(), spec.size(), model, params);
        } catch (EngramException e) {
            String key = e.location() == null || e.location().equals("size") ? "size"
                    : e.location().equals("populations") ? "name" : "params." + e.location();
            throw new ConfigException(source, path + "." + key, e.expected(), e.found(), e.hint());
        }
        if (timed) {
            requireRunnable(population, b.grid(), merged, spec.params(), path);
        }
        return population;
    }

    /** Checks a population's size by the network builder's rule; returns null (a check for {@link #collect}). */
    private Void requireSize(SimulationConfig.PopulationSpec spec, String path) {
        try {
            NetworkBuilder.requireSize(spec.name(), spec.size());
        } catch (EngramException e) {
            throw new ConfigException(source, path + ".size", e.expected(), e.found(), e.hint());
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
            if (config.mode() == Mode.PRECISE) {
                population.prepareExact(grid);
            } else {
                population.prepareGrid(grid);
            }
        } catch (EngramException e) {
            String at = e.location();
            String expected = e.expected() == null ? e.getMessage() : e.expected();
            String found = e.found() == null ? "" : e.found();
            if ("dt".equals(at) || "dt_ms".equals(at)) {
                // A model that cannot take the time step (a model of one's own may refuse it): the step is dt_ms.
                throw new ConfigException(source, "dt_ms", expected + " (" + population.model().name() + ", "
                        + path + ")", found, null);
            }
            String key = at == null ? "" : params.has(at) ? ".params." + at : "." + at;
            boolean defaulted = at != null && params.has(at) && (written == null || !written.has(at));
            throw new ConfigException(source, path + key, expected, defaulted ? found + " (the model's default,"
                    + " not in the config)" : found, defaulted ? "set params." + at + " for this dt_ms" : null);
        }
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
        String key = null;
        List<SimulationConfig.InputSpec> inputs = config.inputs();
        for (int i = 0; key == null && i < inputs.size(); i++) {
            SimulationConfig.InputSpec in = inputs.get(i);
            if (InputType.byConfigName(in.type()) == InputType.POISSON
                    && ("poisson input to '" + in.target() + "'").equals(e.source())) {
                String rate = rateKeyOf(in, e.found());
                key = rate == null ? null : "inputs[" + i + "]." + rate;
            }
        }
        if (key == null && e instanceof HeapLimitExceeded && "input buffers".equals(e.location())) {
            key = longestDelayInto(e.source(), network);
        }
        return key == null ? e : new ConfigException(source, key, e.expected(), e.found(), e.hint());
    }

    /** The key of a Poisson input's rate ({@code rate_hz} or {@code rates_hz[k]}) written as {@code found}, or null. */
    private static String rateKeyOf(SimulationConfig.InputSpec in, String found) {
        if (in.rateHz() != null && String.valueOf(in.rateHz()).equals(found)) {
            return "rate_hz";
        }
        double[] rates = in.ratesHz();
        for (int k = 0; rates != null && k < rates.length; k++) {
            if (String.valueOf(rates[k]).equals(found)) {
                return "rates_hz[" + k + "]";
            }
        }
        return null;
    }

    /**
     * The delay key of the projection whose delay sets the input buffers of a population (named as
     * {@code population 'x'}): the one into it whose longest delay, drawn or not, is longest.
     */
    private String longestDelayInto(String population, Network network) {
        Projection longest = null;
        for (Projection p : network.projections()) {
            if (("population '" + p.target().name() + "'").equals(population)
                    && (longest == null || p.maxDelaySteps() > longest.maxDelaySteps())) {
                longest = p;
            }
        }
        List<SimulationConfig.ProjectionSpec> projections = config.projections();
        for (int i = 0; longest != null && i < projections.size(); i++) {
            if (longest.name().equals(projections.get(i).name())) {
                return "projections[" + i + "].delay_ms";
            }
        }
        return null;
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
        Population<?, ?> p = byName.get(name);
        return p != null ? p : standIns.get(name);
    }

    /**
     * The config as it was used, with every model parameter written out (the config's records
     * fill in the other defaults).
     *
     * @return the resolved config; valid after {@link #build()}
     */
    SimulationConfig resolved() {
        return new SimulationConfig(config.name(), config.dtMs(), config.durationMs(), config.seed(), config.threads(),
                config.mode(), resolvedPopulations, resolvedProjections(), config.inputs(), config.record());
    }

    /** The projections with each plasticity rule's every value, as used, and {@code plastic: true}. */
    private List<SimulationConfig.ProjectionSpec> resolvedProjections() {
        List<SimulationConfig.ProjectionSpec> resolved = new ArrayList<>();
        for (SimulationConfig.ProjectionSpec p : config.projections()) {
            PendingRule rule = pendingRules.stream().filter(r -> r.projection().equals(p.name())).findFirst()
                    .orElse(null);
            resolved.add(rule == null ? p : new SimulationConfig.ProjectionSpec(p.name(), p.source(), p.target(),
                    p.rule(), p.receptor(), p.weight(), p.delayMs(), true, rule.made().used()));
        }
        return resolved;
    }

    /**
     * The population an entry names.
     *
     * @return it, or null when its own entry has a problem (already reported)
     * @throws ConfigException if no population has that name
     */
    private Population<?, ?> population(String name, String path) {
        Population<?, ?> p = byName.get(name);
        if (p == null && !unbuilt.contains(name) && named) {
            throw unknownPopulation(populationNames(config), name, source, path);
        }
        return p;
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
        return new ConfigException(source, path, "one of the populations " + distinct,
                name == null ? "nothing" : name, Suggestions.didYouMean(name, distinct));
    }

    private void addProjection(NetworkBuilder b, SimulationConfig.ProjectionSpec spec, String path) {
        // The populations', the rule's, the weight's and the delay's problems at once.
        List<ConfigException> problems = new ArrayList<>();
        Population<?, ?> from = collect(() -> population(spec.source(), path + ".source"), problems);
        Population<?, ?> to = collect(() -> population(spec.target(), path + ".target"), problems);
        String name = spec.name();
        Connectivity rule = collect(() -> rule(spec.rule(), path + ".rule"), problems);
        Synapses weighted = collect(() -> weighted(spec, path), problems);
        // Without a weight the delay is checked on synapses of weight 0, which are not used.
        Synapses delayed = collect(() -> delayed(weighted == null ? Synapses.of(spec.receptor(), 0) : weighted,
                spec, b.grid(), path + ".delay_ms"), problems);
        PendingRule plasticity = spec.plasticity() == null ? null
                : collect(() -> plasticity(spec.plasticity(), name, spec.receptor(), path + ".plasticity"), problems);
        if (Boolean.TRUE.equals(spec.plastic()) && spec.plasticity() == null) {
            problems.add(new ConfigException(source, path + ".plastic", "false, or a rule under plasticity: (plastic"
                    + " weights without a rule would only take memory)", "true", "give plasticity: {type: pair_stdp,"
                    + " ...}, which makes the projection plastic"));
        } else if (Boolean.FALSE.equals(spec.plastic()) && spec.plasticity() != null) {
            problems.add(new ConfigException(source, path + ".plastic", "true or no value beside a plasticity rule"
                    + " (the rule makes the projection plastic)", "false", "remove plastic: false"));
        }
        Synapses synapses = delayed != null && plasticity != null ? delayed.asPlastic() : delayed;
        if (!problems.isEmpty()) {
            throw ConfigException.all(problems);
        }
        // Drawn synapses would depend on a key left out.
        if (leftOut.within(path)) {
            return;
        }
        if (from == null || to == null || !timed) {
            // A population not built for its parameters, or a step with a problem: the rule and
            // weight are still checked, the delay only against the config's own step.
            Population<?, ?> source = from != null ? from : standIns.get(spec.source());
            Population<?, ?> target = to != null ? to : standIns.get(spec.target());
            if (source != null && target != null) {
                try {
                    NetworkBuilder.requireDrawable(name, source.size(), target.size(),
                            spec.source().equals(spec.target()), rule, synapses, grid);
                } catch (EngramException e) {
                    throw atProjectionKey(e, spec, path);
                }
            }
            return;
        }
        try {
            b.connect(name, from, to, rule, synapses);
            if (plasticity != null) {
                pendingRules.add(plasticity);
            }
        } catch (EngramException e) {
            if (("projection '" + name + "'").equals(e.source()) && e.location() != null) {
                // What drawing the synapses would have found, checked when the projection is added.
                throw atProjectionKey(e, spec, path);
            }
            // A pair connected twice under the default name: the second needs a name of its own.
            boolean nameTaken = "projections".equals(e.location());
            boolean unnamedTwin = nameTaken && name.equals(spec.source() + "->" + spec.target());
            // A name the config gave is its name: key's problem; the default one the entry's.
            throw new ConfigException(source, nameTaken && !unnamedTwin ? path + ".name" : path, e.expected(),
                    e.found(), unnamedTwin ? "another projection connects " + name + " too: give each its own name:"
                            + " key" : null);
        }
    }

    /**
     * The synapses of a projection with its weight or weight distribution; a constant weight is
     * checked against the receptor here, as drawing the synapses would (after the other entries'
     * checks) check it, unless the receptor was left out for its problem.
     *
     * @param path the projection's key path
     */
    private Synapses weighted(SimulationConfig.ProjectionSpec spec, String path) {
        String key = path + ".weight";
        Double weight = ValueSpecs.constant(spec.weight(), 0, source, key);
        if (spec.weight() == null) {
            throw new ConfigException(source, key, "a weight (number or distribution)", "nothing", null);
        }
        Synapses synapses = Synapses.of(spec.receptor(), weight == null ? 0 : weight);
        if (weight == null) {
            return synapses.weights(ValueSpecs.distribution(spec.weight(), source, key));
        }
        if (!leftOut.covers(path + ".receptor")) {
            try {
                synapses.requireWeight("projection '" + spec.name() + "'");
            } catch (EngramException e) {
                throw new ConfigException(source, key, e.expected(), e.found(), null);
            }
        }
        return synapses;
    }

    /**
     * The synapses with the projection's delay or delay distribution; a constant delay is checked on
     * the grid here, as drawing the synapses would (after the other entries' checks) check it.
     */
    private Synapses delayed(Synapses synapses, SimulationConfig.ProjectionSpec spec, TimeGrid grid, String path) {
        JsonNode given = spec.delayMs();
        Double delay = ValueSpecs.constant(given, Synapses.DEFAULT_DELAY_MS, source, path);
        if (delay == null) {
            return synapses.delays(ValueSpecs.distribution(given, source, path));
        }
        Synapses delayed = synapses.delayMs(delay);
        if (timed) {
            try {
                delayed.delaySteps(grid, "projection '" + spec.name() + "'");
            } catch (EngramException e) {
                throw new ConfigException(source, path, e.expected(), e.found(), null);
            }
        }
        return delayed;
    }

    /**
     * Runs one check of an entry, recording its problem.
     *
     * @return the check's value, or null when it has a problem (added to {@code problems})
     */
    private static <T> T collect(Supplier<T> check, List<ConfigException> problems) {
        try {
            return check.get();
        } catch (ConfigException e) {
            problems.add(e);
            return null;
        }
    }

    /** A projection's plasticity entry: its type, the keys it reads and the rule's own checks of its values. */
    private PendingRule plasticity(SimulationConfig.PlasticitySpec spec, String projection, Receptor receptor,
                                   String path) {
        List<String> names = List.copyOf(PlasticityType.descriptions().keySet());
        PlasticityType type = PlasticityType.byConfigName(spec.type());
        if (type == null) {
            throw new ConfigException(source, path + ".type", "one of " + names, spec.type() == null
                    ? "nothing (the key is required)" : spec.type(), Suggestions.didYouMean(spec.type(), names));
        }
        rejectUnusedKeys(spec, type.keys(), "plasticity " + type.configName(), path);
        requireAllGiven(spec, type, path);
        try {
            PlasticityType.Made made = type.build(spec, new PlasticityType.Values() {
                @Override
                public <T> T required(T value, String key) {
                    return require(value, path + "." + key, "plasticity " + type.configName());
                }
            });
            PlasticityRule.requireBoundsKeepSign(type.configName(), receptor, projection, made.used().wMin(),
                    made.used().wMax());
            return new PendingRule(projection, path, type, made);
        } catch (ConfigException e) {
            throw e;
        } catch (ParameterException e) {
            List<ConfigException> each = new ArrayList<>();
            for (ParameterException one : e.problems()) {
                each.add(plasticityProblem(spec, one, path));
            }
            throw ConfigException.all(each);
        }
    }

    /** A rule's refusal of one value, at its key; a bound the entry left out is called the rule's default. */
    private ConfigException plasticityProblem(SimulationConfig.PlasticitySpec spec, EngramException e, String path) {
        boolean defaulted = "w_min".equals(e.location()) && spec.wMin() == null
                || "w_max".equals(e.location()) && spec.wMax() == null;
        boolean belowDefaultMin = "w_max".equals(e.location()) && spec.wMin() == null && spec.wMax() != null
                && e.expected().contains("w_min");
        String hint = defaulted ? "give " + e.location() : belowDefaultMin ? "w_min defaults to 0: give it (for an"
                + " inhibitory projection the strongest inhibition, below w_max)" : null;
        return new ConfigException(source, path + "." + e.location(), e.expected(), e.found()
                + (defaulted ? " (the rule's default)" : ""), hint);
    }

    /** Refuses, all at once, every key a plasticity rule needs that its entry leaves out. */
    private void requireAllGiven(SimulationConfig.PlasticitySpec spec, PlasticityType type, String path) {
        JsonNode given = ConfigLoader.mapper().valueToTree(spec);
        List<ConfigException> missing = new ArrayList<>();
        for (String key : type.requiredKeys()) {
            if (!given.hasNonNull(key)) {
                missing.add(new ConfigException(source, path + "." + key, "a value (plasticity " + type.configName()
                        + " needs it)", "nothing", null));
            }
        }
        if (!missing.isEmpty()) {
            throw ConfigException.all(missing);
        }
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
        List<AttachedRule> rules = new ArrayList<>();
        List<ConfigException> problems = new ArrayList<>();
        for (PendingRule pending : pendingRules) {
            Projection projection = network.projection(pending.projection());
            try {
                rules.add(new AttachedRule(pending.made().attach().apply(projection), pending.type().configName()));
            } catch (EngramException e) {
                // Initial weights outside the bounds are the projection's weight's problem.
                String path = pending.path();
                String key = e.location().equals("weights") ? path.substring(0, path.lastIndexOf('.')) + ".weight"
                        : path + "." + e.location();
                problems.add(new ConfigException(source, key, e.expected(), e.found(), null));
            }
        }
        if (!problems.isEmpty()) {
            throw ConfigException.all(problems);
        }
        return rules;
    }

    private Connectivity rule(SimulationConfig.RuleSpec r, String path) {
        if (r == null || r.type() == null) {
            throw new ConfigException(source, path + ".type",
                    "a connectivity rule: " + RuleType.descriptions().keySet(),
                    "nothing", null);
        }
        RuleType type = RuleType.byConfigName(r.type());
        if (type == null) {
            throw new ConfigException(source, path + ".type", "one of " + RuleType.descriptions().keySet(), r.type(),
                    Suggestions.didYouMean(r.type(), RuleType.descriptions().keySet()));
        }
        rejectUnusedKeys(r, type.keys(), "rule " + r.type(), path);
        try {
            return type.build(r, new RuleType.Values() {
                @Override
                public <T> T required(T value, String key) {
                    return require(value, path + "." + key, "rule " + r.type());
                }
            });
        } catch (ConfigException e) {
            throw e;
        } catch (EngramException e) {
            throw new ConfigException(source, path + "." + e.location(), e.expected(), e.found(), null);
        }
    }

    /**
     * Refuses a key of a rule or input spec that its type does not read (it would be dropped silently).
     *
     * @param spec the spec as written
     * @param keys the keys its type reads besides {@code type}
     * @param what the type, e.g. {@code rule all_to_all}
     * @param path the spec's key path
     */
    private void rejectUnusedKeys(Record spec, List<String> keys, String what, String path) {
        JsonNode given = ConfigLoader.mapper().valueToTree(spec);
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("type") && !e.getValue().isNull() && !keys.contains(e.getKey())) {
                throw new ConfigException(source, path + "." + e.getKey(), "no value (" + what + " uses "
                        + (keys.isEmpty() ? "no parameters" : String.join(", ", new TreeSet<>(keys)))
                        + ")", e.getValue().toString(), "remove the key");
            }
        }
    }

    private <T> T require(T value, String path, String what) {
        if (value == null) {
            throw new ConfigException(source, path, "a value (" + what + " needs it)", "nothing", null);
        }
        return value;
    }

    /** An input's type. */
    private InputType type(SimulationConfig.InputSpec in, String path) {
        InputType type = InputType.byConfigName(in.type());
        if (type == null) {
            List<String> names = Arrays.stream(InputType.values()).map(InputType::configName).toList();
            throw new ConfigException(source, path + ".type", "one of " + names, in.type() == null
                    ? "nothing (the key is required)" : in.type(), in.type() == null ? null
                    : Suggestions.didYouMean(in.type(), names));
        }
        return type;
    }

    /**
     * Collects the problems of a Poisson input's rate: a constant {@code rate_hz}, or a schedule of
     * {@code times_ms} and {@code rates_hz} (checked element by element when the input is made),
     * one or the other.
     */
    private void collectRateProblems(SimulationConfig.InputSpec in, String path, List<ConfigException> problems) {
        if (in.timesMs() == null && in.ratesHz() == null) {
            collect(() -> rate(in, path + ".rate_hz"), problems);
            return;
        }
        if (in.rateHz() != null) {
            problems.add(new ConfigException(source, path + ".rate_hz", "either rate_hz (a constant rate) or "
                    + "times_ms with rates_hz (a rate that changes), not both", in.rateHz() + " beside times_ms "
                    + "or rates_hz", null));
        }
        collect(() -> require(in.timesMs(), path + ".times_ms", "a poisson input with rates_hz"), problems);
        collect(() -> require(in.ratesHz(), path + ".rates_hz", "a poisson input with times_ms"), problems);
    }

    /** A Poisson input's constant rate, required and checked by the input's own rule. */
    private Double rate(SimulationConfig.InputSpec in, String path) {
        Double rate = require(in.rateHz(), path, "a poisson input");
        try {
            PoissonInput.requireRate(in.target(), rate);
        } catch (EngramException e) {
            throw new ConfigException(source, path, e.expected(), e.found(), null);
        }
        return rate;
    }

    private void addInput(NetworkBuilder b, SimulationConfig.InputSpec in, String path) {
        // The target's problem, and every value the type needs and is missing, and a bad rate, at
        // once; the values need no target.
        List<ConfigException> problems = new ArrayList<>();
        Population<?, ?> target = collect(() -> population(in.target(), path + ".target"), problems);
        InputType type = collect(() -> type(in, path), problems);
        if (type != null) {
            // A key the type does not read is one problem; the values it reads are still checked.
            collect(() -> {
                rejectUnusedKeys(in, type.keys(), "input type " + type.configName(), path);
                return null;
            }, problems);
        }
        if (type == InputType.POISSON) {
            collectRateProblems(in, path, problems);
            collect(() -> require(in.weight(), path + ".weight", "a poisson input"), problems);
        } else if (type == InputType.CURRENT) {
            collect(() -> require(in.timesMs(), path + ".times_ms", "a current input"), problems);
            collect(() -> require(in.amplitudesPa(), path + ".amplitudes_pa", "a current input"), problems);
        } else if (type == InputType.NOISE) {
            collect(() -> require(in.stdPa(), path + ".std_pa", "a noise input"), problems);
        }
        if (!problems.isEmpty()) {
            throw ConfigException.all(problems);
        }
        // A target not built for its parameters' problems: the input is checked against its stand-in.
        Population<?, ?> checked = target != null || in.target() == null ? target : standIns.get(in.target());
        // The source's checks would depend on a key left out.
        if (checked == null || leftOut.within(path)) {
            return;
        }
        try {
            switch (type) {
                case POISSON -> {
                    PoissonInput poisson = in.ratesHz() == null
                            ? new PoissonInput(checked, in.rateHz(), in.weight(), in.receptor())
                            : new PoissonInput(checked, in.timesMs(), in.ratesHz(), in.weight(), in.receptor());
                    if (timed && target != null) {
                        b.poissonInput(poisson);   // which puts its change times on the grid
                    } else if (timed) {
                        poisson.changeSteps(b.grid());
                    }
                }
                case CURRENT -> {
                    CurrentSource current = new CurrentSource(checked, in.neuronsOrAll(), in.timesMs(),
                            in.amplitudesPa());
                    if (timed && target != null) {
                        b.current(current);   // which puts its change times on the grid
                    } else if (timed) {
                        current.changeSteps(b.grid());
                    }
                }
                case NOISE -> {
                    NoiseCurrent noise = new NoiseCurrent(checked, in.neuronsOrAll(), in.meanPa() == null ? 0
                            : in.meanPa(), in.stdPa());
                    if (target != null) {
                        b.noise(noise);
                    }
                }
            }
        } catch (ConfigException e) {
            throw e;
        } catch (EngramException e) {
            throw new ConfigException(source, path + "." + e.location(), e.expected(), e.found(), null);
        }
    }
}
