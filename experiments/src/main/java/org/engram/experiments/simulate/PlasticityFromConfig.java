package org.engram.experiments.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ConfigLoader;
import org.engram.learning.plasticity.PlasticityRule;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Suggestions;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Projection;

/**
 * Checks the plasticity rules of a config's projections with the config, and makes them for their
 * projections once the network is built.
 */
final class PlasticityFromConfig {
    private final String source;
    private final EntryChecks checks;
    /** The plasticity rules to attach once the network is built, by projection. */
    private final List<PendingRule> pendingRules = new ArrayList<>();

    /** A projection's plasticity rule, checked with the config, made when the projection exists. */
    record PendingRule(String projection, String path, PlasticityType type, PlasticityType.Made made) {
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
        List<String> names = List.copyOf(PlasticityType.descriptions().keySet());
        PlasticityType type = PlasticityType.byConfigName(spec.type());
        if (type == null) {
            throw new ConfigException(source, path + ".type", "one of " + names, spec.type() == null
                    ? "nothing (the key is required)" : spec.type(), Suggestions.didYouMean(spec.type(), names));
        }
        checks.rejectUnusedKeys(spec, type.keys(), "plasticity " + type.configName(), path);
        requireAllGiven(spec, type, path);
        try {
            PlasticityType.Made made = type.build(spec, new PlasticityType.Values() {
                @Override
                public <T> T required(T value, String key) {
                    return checks.require(value, path + "." + key, "plasticity " + type.configName());
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

    /** Keeps a checked rule, to be made when its projection exists ({@link #attach}). */
    void attachOnceBuilt(PendingRule rule) {
        pendingRules.add(rule);
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

    /** Makes the kept rules for the built network's projections: see {@link NetworkFromConfig#plasticityRules}. */
    List<NetworkFromConfig.AttachedRule> attach(Network network) {
        List<NetworkFromConfig.AttachedRule> rules = new ArrayList<>();
        List<ConfigException> problems = new ArrayList<>();
        for (PendingRule pending : pendingRules) {
            Projection projection = network.projection(pending.projection());
            try {
                rules.add(new NetworkFromConfig.AttachedRule(pending.made().attach().apply(projection),
                        pending.type().configName()));
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

    /** The projections with each plasticity rule's every value, as used, and {@code plastic: true}. */
    List<SimulationConfig.ProjectionSpec> resolvedProjections(List<SimulationConfig.ProjectionSpec> projections) {
        List<SimulationConfig.ProjectionSpec> resolved = new ArrayList<>();
        for (SimulationConfig.ProjectionSpec p : projections) {
            PendingRule rule = pendingRules.stream().filter(r -> r.projection().equals(p.name())).findFirst()
                    .orElse(null);
            resolved.add(rule == null ? p : new SimulationConfig.ProjectionSpec(p.name(), p.source(), p.target(),
                    p.rule(), p.receptor(), p.weight(), p.delayMs(), true, rule.made().used()));
        }
        return resolved;
    }
}
