package org.engram.experiments.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ConfigLoader;
import org.engram.learning.plasticity.PlasticityRule;
import org.engram.learning.plasticity.PlasticityRuleProvider;
import org.engram.learning.plasticity.PlasticityRules;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Projection;

/**
 * Checks the plasticity rules of a config's projections with the config, and makes them for their
 * projections once the network is built.
 */
final class PlasticityFromConfig {
    /** The keys of the built-in rules, and what other simulators call some of them. */
    private static final SpecKeys.OfPlasticity OTHER_NAMES = new SpecKeys.OfPlasticity();
    private final String source;
    private final EntryChecks checks;
    /** The plasticity rules to attach once the network is built, by projection. */
    private final List<PendingRule> pendingRules = new ArrayList<>();

    /**
     * A projection's plasticity rule, checked with the config, made when the projection exists.
     *
     * @param projection the projection's name
     * @param path       the plasticity entry's key path
     * @param rule       the rule's name, e.g. {@code pair_stdp}
     * @param made       what makes the rule, and the values it uses
     */
    record PendingRule(String projection, String path, String rule, PlasticityType.Made made) {
    }

    /**
     * @param source the config file's name, for messages
     * @param checks the checks the entries share
     */
    PlasticityFromConfig(String source, EntryChecks checks) {
        this.source = source;
        this.checks = checks;
    }

    /** A projection's plasticity entry: its type, the keys it reads and the rule's own checks of its values. */
    PendingRule check(SimulationConfig.PlasticitySpec spec, String projection, Receptor receptor, String path) {
        PlasticityType type = PlasticityType.byConfigName(spec.type());
        if (type == null) {
            return checkUserRule(spec, userRule(spec.type(), path), projection, receptor, path);
        }
        checks.rejectUnusedKeys(spec, type.keys(), "plasticity " + type.configName(), path,
                key -> OTHER_NAMES.hintFor(type.configName(), key));
        requireAllGiven(spec, type, path);
        try {
            PlasticityType.Made made = type.build(spec, new PlasticityType.Values() {
                @Override
                public <T> T required(T value, String key) {
                    return checks.requireForType(value, path + "." + key, "plasticity " + type.configName());
                }
            });
            // Signed bounds [w_min, w_max] must keep the receptor's sign; a rule without w_min (vogels_sprekeler)
            // bounds |w| by w_max alone, keeping any receptor's sign.
            if (type.keys().contains("w_min")) {
                PlasticityRule.requireBoundsKeepSign(type.configName(), receptor, projection, made.used().wMin(),
                        made.used().wMax());
            }
            return new PendingRule(projection, path, type.configName(), made);
        } catch (ConfigException e) {
            throw e;
        } catch (ParameterException e) {
            throw refused(spec, e, path, type.keys());
        }
    }

    /** The user rule a name given as {@code type} names; refused at the key when no rule has it. */
    private PlasticityRules.Info userRule(String name, String path) {
        try {
            return PlasticityRules.info(name);
        } catch (ParameterException e) {
            String own = "a rule of your own is found through its PlasticityRuleProvider, named in META-INF/services/"
                    + PlasticityRuleProvider.class.getName() + " on ENGRAM_CLASSPATH (which ./engram reads; with java,"
                    + " put it on -cp)";
            String nest = NestTypeNames.hint(NestTypeNames.PLASTICITY, name);
            throw ConfigException.ofForm(source, path + ".type", e.expected(), name == null
                    ? "nothing (the key is required)" : name, name == null ? null : nest != null ? nest
                    : e.hint() == null ? own : e.hint() + "; " + own);
        }
    }

    /**
     * A user rule's entry: its keys laid over the rule's defaults and read into its parameter record,
     * every unknown key, wrong type and refused value at its key, then its bounds against the receptor.
     */
    private PendingRule checkUserRule(SimulationConfig.PlasticitySpec spec, PlasticityRules.Info info,
                                      String projection, Receptor receptor, String path) {
        PlasticityRules.Parameters<?> parameters = info.parameters();
        ObjectNode values = ConfigLoader.componentsOf(parameters.defaults());
        spec.parameters().forEach(values::set);
        Record params = ConfigLoader.convert(values, source, path, parameters.type());
        try {
            PlasticityRules.WeightBounds bounds = parameters.boundsOf(info.name(), params);
            PlasticityRule.requireBoundsKeepSign(info.name(), receptor, projection, bounds);
        } catch (ParameterException e) {
            Set<String> keys = new HashSet<>();
            values.fieldNames().forEachRemaining(keys::add);
            throw refused(spec, e, path, keys);
        } catch (RuntimeException e) {
            throw failed(info, params, "bounds function", e, path);
        }
        Map<String, JsonNode> used = new LinkedHashMap<>();
        ConfigLoader.componentsOf(params).fields().forEachRemaining(f -> used.put(f.getKey(), f.getValue()));
        return new PendingRule(projection, path, info.name(), new PlasticityType.Made(p -> madeOrFailed(info, params,
                p, path), SimulationConfig.PlasticitySpec.ofUserRule(info.name(), used)));
    }

    /**
     * Attaches a user rule: bounds that leave out an initial weight are the projection's weight's
     * problem ({@link #attach}); whatever the provider's factory throws, an {@code EngramException}
     * too, is a problem of the entry's values.
     */
    private PlasticityRule madeOrFailed(PlasticityRules.Info info, Record params, Projection projection, String path) {
        info.parameters().requireHolds(info.name(), projection, params);
        try {
            return info.parameters().makeUnchecked(info.name(), projection, params);
        } catch (RuntimeException e) {
            throw failed(info, params, "factory", e, path);
        }
    }

    /** Code of a user rule's provider that threw for these values, named with them as a config writes them. */
    private ConfigException failed(PlasticityRules.Info info, Record params, String what, RuntimeException e,
                                   String path) {
        List<String> shown = new ArrayList<>();
        ConfigLoader.componentsOf(params).fields().forEachRemaining(v -> shown.add(v.getKey() + ": "
                + (v.getValue().isTextual() ? v.getValue().asText() : v.getValue())));
        return new ConfigException(source, path, "parameters plasticity rule '" + info.name() + "' can be made"
                + " with", "{" + String.join(", ", shown) + "}, for which its " + what + " threw " + e, null);
    }

    /** A rule's refusal of its values, each at its key; {@code ruleKeys} are all the keys the rule reads. */
    private ConfigException refused(SimulationConfig.PlasticitySpec spec, ParameterException e, String path,
                                    Collection<String> ruleKeys) {
        List<ConfigException> each = new ArrayList<>();
        for (ParameterException one : e.problems()) {
            each.add(plasticityProblem(spec, one, path, ruleKeys));
        }
        return ConfigException.all(each);
    }

    /** Keeps a checked rule, to be made when its projection exists ({@link #attach}). */
    void attachOnceBuilt(PendingRule rule) {
        pendingRules.add(rule);
    }

    /**
     * A rule's refusal of one value, at its key; a value of the rule's the entry left out is called the
     * rule's default, and so is the lower bound left out that an upper bound given was refused against.
     */
    private ConfigException plasticityProblem(SimulationConfig.PlasticitySpec spec, EngramException e, String path,
                                              Collection<String> ruleKeys) {
        JsonNode given = ConfigLoader.mapper().valueToTree(spec);
        String at = e.location();
        boolean defaulted = ruleKeys.contains(at) && !given.has(at);
        // The one value a rule compares with another of its keys is the upper weight bound, with the lower
        // ("a weight > w_min = 0", w_min as the rule names its lower bound).
        String compared = e.comparedWith();
        String lowerLeftOut = !defaulted && compared != null && ruleKeys.contains(compared) && !given.has(compared)
                ? compared : null;
        // The default is the rule's own: 0 for the built-in rules, anything for a user rule.
        String hint = defaulted ? "give " + at : lowerLeftOut != null ? lowerLeftOut + " is left out and takes the"
                + " rule's default: give it (for an inhibitory projection the strongest inhibition, below " + at + ")"
                : null;
        String found = e.found() + (defaulted ? " (the rule's default)" : "");
        return ConfigException.placed(e, source, path + "." + at, found, hint);
    }

    /** Refuses, all at once, every key a plasticity rule needs that its entry leaves out. */
    private void requireAllGiven(SimulationConfig.PlasticitySpec spec, PlasticityType type, String path) {
        JsonNode given = ConfigLoader.mapper().valueToTree(spec);
        List<ConfigException> missing = new ArrayList<>();
        for (String key : type.requiredKeys()) {
            if (!given.hasNonNull(key)) {
                missing.add(checks.missingForType(path + "." + key, "plasticity " + type.configName()));
            }
        }
        if (!missing.isEmpty()) {
            throw ConfigException.all(missing);
        }
    }

    /** Makes the kept rules for the built network's projections: see {@link NetworkFromConfig#plasticityRules}. */
    List<NetworkFromConfig.AttachedRule> attach(Network network) {
        List<NetworkFromConfig.AttachedRule> rules = new ArrayList<>();
        List<ConfigException> problems = new ArrayList<>();
        for (PendingRule pending : pendingRules) {
            Projection projection = network.projection(pending.projection());
            try {
                rules.add(new NetworkFromConfig.AttachedRule(pending.made().attach().apply(projection),
                        pending.rule()));
            } catch (ConfigException e) {
                problems.add(e);   // a user rule's code that failed, said at its entry
            } catch (EngramException e) {
                // Initial weights outside the bounds are the projection's weight's problem.
                String path = pending.path();
                String key = "weights".equals(e.location()) ? path.substring(0, path.lastIndexOf('.')) + ".weight"
                        : e.location() == null ? path : path + "." + e.location();
                problems.add(ConfigException.placed(e, source, key, null));
            }
        }
        if (!problems.isEmpty()) {
            throw ConfigException.all(problems);
        }
        return rules;
    }

    /** The projections with each plasticity rule's every value, as used, and {@code plastic: true}. */
    List<SimulationConfig.ProjectionSpec> resolvedProjections(List<SimulationConfig.ProjectionSpec> projections) {
        List<SimulationConfig.ProjectionSpec> resolved = new ArrayList<>();
        for (SimulationConfig.ProjectionSpec p : projections) {
            PendingRule rule = pendingRules.stream().filter(r -> r.projection().equals(p.name())).findFirst()
                    .orElse(null);
            resolved.add(rule == null ? p : new SimulationConfig.ProjectionSpec(p.name(), p.source(), p.target(),
                    p.rule(), p.receptor(), p.weight(), p.delayMs(), true, rule.made().used(), p.shortTerm()));
        }
        return resolved;
    }
}
