package org.engram.experiments.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.LeftOutKeys;
import org.engram.experiments.config.ProjectionNames;
import org.engram.experiments.config.ValueSpecs;
import org.engram.simulator.DistributionRefused;
import org.engram.simulator.EngramException;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Suggestions;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.TsodyksMarkram;
import org.engram.simulator.network.connect.Connectivity;

/**
 * Checks and connects the projections of a simulation config (populations, connectivity rule,
 * weight, delay, plasticity, short-term plasticity), and locates at a projection's key an error the
 * simulator finds in its synapses.
 */
final class ProjectionsFromConfig {
    private final SimulationConfig config;
    private final String source;
    /** The keys left out for their problems (already reported): an entry that holds one is not built. */
    private final LeftOutKeys leftOut;
    private final EntryChecks checks;
    private final PopulationsFromConfig populations;
    private final PlasticityFromConfig plasticityRules;

    /**
     * @param config          the config
     * @param source          the config file's name, for messages
     * @param leftOut         the keys left out of the config for their problems (already reported)
     * @param checks          the checks the entries share
     * @param populations     the config's populations, by name
     * @param plasticityRules where a projection's plasticity rule is checked and kept
     */
    ProjectionsFromConfig(SimulationConfig config, String source, LeftOutKeys leftOut, EntryChecks checks,
                          PopulationsFromConfig populations, PlasticityFromConfig plasticityRules) {
        this.config = config;
        this.source = source;
        this.leftOut = leftOut;
        this.checks = checks;
        this.populations = populations;
        this.plasticityRules = plasticityRules;
    }

    /**
     * Checks a projection's entry and connects its populations when the entry has no problem.
     *
     * @param grid the config's own time grid, or null when its step or mode has a problem: what depends
     *             on them is not checked
     * @param path the entry's key path, e.g. {@code projections[0]}
     * @throws ConfigException naming the entry's problems
     */
    void add(NetworkBuilder b, TimeGrid grid, SimulationConfig.ProjectionSpec spec, String path) {
        // The populations', the rule's, the weight's and the delay's problems at once.
        List<ConfigException> problems = new ArrayList<>();
        Population<?, ?> from = EntryChecks.collect(() -> populations.population(spec.source(), path + ".source"),
                problems);
        Population<?, ?> to = EntryChecks.collect(() -> populations.population(spec.target(), path + ".target"),
                problems);
        String name = spec.name();
        Connectivity rule = EntryChecks.collect(() -> rule(spec.rule(), path + ".rule"), problems);
        Synapses weighted = EntryChecks.collect(() -> weighted(spec, path), problems);
        // Without a weight the delay is checked on synapses of weight 0, which are not used.
        Synapses delayed = EntryChecks.collect(() -> delayed(weighted == null ? Synapses.of(spec.receptor(), 0)
                : weighted, spec, grid, path + ".delay_ms"), problems);
        PlasticityFromConfig.PendingRule plasticity = spec.plasticity() == null ? null : EntryChecks.collect(
                () -> plasticityRules.check(spec.plasticity(), name, spec.receptor(), path + ".plasticity"), problems);
        if (Boolean.TRUE.equals(spec.plastic()) && spec.plasticity() == null) {
            problems.add(new ConfigException(source, path + ".plastic", "false, or a rule under plasticity: (plastic"
                    + " weights without a rule would only take memory)", "true", "give plasticity: {type: pair_stdp,"
                    + " ...}, which makes the projection plastic"));
        } else if (Boolean.FALSE.equals(spec.plastic()) && spec.plasticity() != null) {
            problems.add(new ConfigException(source, path + ".plastic", "true or no value beside a plasticity rule"
                    + " (the rule makes the projection plastic)", "false", "remove plastic: false"));
        }
        TsodyksMarkram shortTerm = spec.shortTerm() == null ? null : EntryChecks.collect(
                () -> shortTerm(spec.shortTerm(), path + ".short_term"), problems);
        Synapses synapses = delayed != null && plasticity != null ? delayed.asPlastic() : delayed;
        synapses = synapses != null && shortTerm != null ? synapses.shortTermPlasticity(shortTerm) : synapses;
        if (!problems.isEmpty()) {
            throw ConfigException.all(problems);
        }
        // Drawn synapses would depend on a key left out.
        if (leftOut.within(path)) {
            return;
        }
        if (from == null || to == null || grid == null) {
            // A population not built for its parameters, or a step with a problem: the rule and
            // weight are still checked, the delay only against the config's own step.
            Population<?, ?> source = from != null ? from : populations.standIn(spec.source());
            Population<?, ?> target = to != null ? to : populations.standIn(spec.target());
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
                plasticityRules.attachOnceBuilt(plasticity);
            }
        } catch (EngramException e) {
            if (("projection '" + name + "'").equals(e.source()) && e.location() != null) {
                // What drawing the synapses would have found, checked when the projection is added.
                throw atProjectionKey(e, spec, path);
            }
            // A pair connected twice under the default name: the second needs a name of its own.
            boolean nameTaken = "projections".equals(e.location());
            boolean unnamedTwin = nameTaken && name.equals(ProjectionNames.byDefault(spec.source(), spec.target()));
            // A name the config gave is its name: key's problem, which no other key of the entry changes; the
            // default one the entry's.
            if (nameTaken && !unnamedTwin) {
                throw ConfigException.ofForm(source, path + ".name", e.expected(), e.found(), null);
            }
            throw ConfigException.placed(e, source, path,
                    unnamedTwin ? "another projection connects " + name + " too: give each its own name:"
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
            throw ConfigException.ofForm(source, key, "a weight (number or distribution)", "nothing", null);
        }
        Synapses synapses = Synapses.of(spec.receptor(), weight == null ? 0 : weight);
        if (weight == null) {
            return synapses.weights(ValueSpecs.distribution(spec.weight(), source, key));
        }
        if (!leftOut.covers(path + ".receptor")) {
            try {
                synapses.requireWeight("projection '" + spec.name() + "'");
            } catch (EngramException e) {
                throw ConfigException.placed(e, source, key, null);
            }
        }
        return synapses;
    }

    /**
     * The synapses with the projection's delay or delay distribution; a constant delay is checked on
     * the grid here, as drawing the synapses would (after the other entries' checks) check it.
     *
     * @param grid the config's own time grid, or null when its step or mode has a problem
     */
    private Synapses delayed(Synapses synapses, SimulationConfig.ProjectionSpec spec, TimeGrid grid, String path) {
        JsonNode given = spec.delayMs();
        Double delay = ValueSpecs.constant(given, Synapses.DEFAULT_DELAY_MS, source, path);
        if (delay == null) {
            return synapses.delays(ValueSpecs.distribution(given, source, path));
        }
        Synapses delayed = synapses.delayMs(delay);
        if (grid != null) {
            try {
                delayed.delaySteps(grid, "projection '" + spec.name() + "'");
            } catch (EngramException e) {
                throw ConfigException.placed(e, source, path, null);
            }
        }
        return delayed;
    }

    /** A projection's short-term plasticity: its model, and each parameter its rule refuses, at its key. */
    private TsodyksMarkram shortTerm(SimulationConfig.ShortTermSpec spec, String path) {
        List<String> models = List.of(TsodyksMarkram.NAME);
        if (spec.type() == null) {
            throw ConfigException.ofForm(source, path + ".type", "a short-term plasticity model: " + models,
                    "nothing", null);
        }
        if (!models.contains(spec.type())) {
            String nest = NestTypeNames.hint(NestTypeNames.SHORT_TERM, spec.type());
            throw ConfigException.ofForm(source, path + ".type", "one of " + models, spec.type(),
                    nest != null ? nest : Suggestions.didYouMean(spec.type(), models));
        }
        try {
            return new TsodyksMarkram(spec.u(), spec.tauRec(), spec.tauFac());
        } catch (ParameterException e) {
            throw ConfigException.placedEach(e, source, path);
        }
    }

    private Connectivity rule(SimulationConfig.RuleSpec r, String path) {
        if (r == null || r.type() == null) {
            throw ConfigException.ofForm(source, path + ".type",
                    "a connectivity rule: " + RuleType.descriptions().keySet(), "nothing", null);
        }
        RuleType type = RuleType.byConfigName(r.type());
        if (type == null) {
            String nest = NestTypeNames.hint(NestTypeNames.RULES, r.type());
            throw ConfigException.ofForm(source, path + ".type", "one of " + RuleType.descriptions().keySet(), r.type(),
                    nest != null ? nest : Suggestions.didYouMean(r.type(), RuleType.descriptions().keySet()));
        }
        checks.rejectUnusedKeys(r, type.keys(), "rule " + r.type(), path);
        try {
            return type.build(r, new RuleType.Values() {
                @Override
                public <T> T required(T value, String key) {
                    return checks.requireForType(value, path + "." + key, "rule " + r.type());
                }
            });
        } catch (ConfigException e) {
            throw e;
        } catch (EngramException e) {
            throw ConfigException.placed(e, source, path + "." + e.location(), null);
        }
    }

    /**
     * Locates an error found while synapses were drawn, which the simulator reports as, e.g.,
     * {@code projection 'exc->exc'} and {@code delay}, at the projection's key in the config.
     */
    ConfigException drawingError(EngramException e) {
        List<SimulationConfig.ProjectionSpec> projections = config.projections();
        int i = projections.size() - 1;
        while (i >= 0 && !("projection '" + projections.get(i).name() + "'").equals(e.source())) {
            i--;
        }
        if (i < 0 || e.location() == null) {
            return ConfigException.placed(e, source, "projections",
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
        // The simulator names the entry of a list it found the value in ("at synapse 3 of the rule's list"),
        // which the key alone does not find in a long list; its other advice speaks of the Java API, but for
        // synapses past the heap (smaller populations, a sparser rule, -Xmx), which is the config's user's too.
        boolean inList = e instanceof ParameterException p && p.entry() != null;
        String key = switch (e.location()) {
            case "delay" -> "delay_ms";
            case "weight" -> "weight";
            case "source" -> "rule.sources";
            // An index in the rule's list, or else the target population itself (one that takes no input).
            case "target" -> inList ? "rule.targets" : "target";
            // A count of the rule's: fixed_in_degree.k, fixed_total_number.n.
            default -> e.location().endsWith(".k") ? "rule.k" : e.location().endsWith(".n") ? "rule.n" : "rule";
        };
        JsonNode given = key.equals("delay_ms") ? spec.delayMs() : key.equals("weight") ? spec.weight() : null;
        // A drawn value is found where a distribution was written: say where it came from. (A
        // distribution refused as a whole says so itself.)
        boolean drawn = given != null && given.isObject() && !(e instanceof DistributionRefused);
        String hint = drawn ? "a value drawn from the distribution given here"
                : inList || e instanceof HeapLimitExceeded ? e.hint() : null;
        return ConfigException.placed(e, source, path + "." + key, hint);
    }

    /**
     * The delay key of the projection whose delay sets the input buffers of a population (named as
     * {@code population 'x'}): the one into it whose longest delay, drawn or not, is longest.
     */
    String longestDelayInto(String population, Network network) {
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
}
