package org.engram.learning.plasticity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.engram.simulator.EngramException;
import org.engram.simulator.NameClaims;
import org.engram.simulator.ParameterException;
import org.engram.simulator.PlugIns;
import org.engram.simulator.Suggestions;
import org.engram.simulator.model.ParameterRecords;
import org.engram.simulator.network.Projection;

/**
 * The plasticity rules known by name to {@code engram simulate}: the built-in ones ({@code pair_stdp},
 * {@code triplet_stdp}, {@code vogels_sprekeler}, which the simulate command configures itself) and the user rules of
 * {@link PlasticityRuleProvider}s on the class path.
 */
public final class PlasticityRules {
    /** The built-in rules' names, which no provider may take. */
    private static final List<String> BUILT_INS = List.of(PairStdp.NAME, TripletStdp.NAME, VogelsSprekeler.NAME);

    private PlasticityRules() {
    }

    /**
     * A user rule's entry.
     *
     * @param name        the name configs give as {@code plasticity.type}: snake_case, no other rule's
     * @param description one line for {@code engram list}: what the rule does, and its reference
     * @param parameters  its parameter record, defaults, weight bounds and factory
     */
    public record Info(String name, String description, Parameters<?> parameters) {
    }

    /**
     * The lowest and highest weight a rule gives a synapse, in the weight unit of the projection's
     * target model: they must keep the receptor's sign and hold every initial weight
     * ({@link Parameters#make}), which {@code engram simulate} checks before the network is built.
     *
     * @param wMin   the lowest weight (for an inhibitory projection, the strongest inhibition)
     * @param wMax   the highest weight, {@code > wMin}
     * @param minKey the parameter (its config key) that gives {@code wMin}, which messages name
     * @param maxKey the parameter (its config key) that gives {@code wMax}
     */
    public record WeightBounds(double wMin, double wMax, String minKey, String maxKey) {
        /**
         * Bounds given by the parameters {@code w_min} and {@code w_max}.
         *
         * @param wMin the lowest weight
         * @param wMax the highest weight, {@code > wMin}
         */
        public WeightBounds(double wMin, double wMax) {
            this(wMin, wMax, "w_min", "w_max");
        }

        /**
         * Validates the keys.
         *
         * @param wMin   the lowest weight
         * @param wMax   the highest weight
         * @param minKey the key that gives {@code wMin}, not blank
         * @param maxKey the key that gives {@code wMax}, not blank
         */
        public WeightBounds {
            requireKey("minKey", minKey);
            requireKey("maxKey", maxKey);
        }

        private static void requireKey(String which, String key) {
            if (key == null || key.isBlank()) {
                throw new ParameterException("weight bounds", which, "the key of the parameter that gives the bound",
                        key == null ? "null" : "'" + key + "'");
            }
        }

        /** {@return the bounds as messages name them, e.g. {@code [w_min, w_max]}} */
        String named() {
            return "[" + minKey + ", " + maxKey + "]";
        }
    }

    /**
     * The parameters of a user rule: their record type (its components are the config's keys, in
     * snake_case), the defaults of the keys a config leaves out, the weight bounds that a record
     * gives, and the factory that attaches the rule to a plastic projection.
     *
     * @param type     the record class
     * @param defaults the default parameters
     * @param bounds   the weight bounds of a record of {@code type}
     * @param factory  makes the rule for a plastic projection from a record
     * @param <P>      the record type
     */
    public record Parameters<P extends Record>(Class<P> type, P defaults, Function<P, WeightBounds> bounds,
                                               BiFunction<Projection, P, PlasticityRule> factory) {
        /**
         * The weight bounds of a rule's parameters, checked: finite weights a {@code float} holds,
         * {@code w_min < w_max}.
         *
         * @param rule   the rule's name, for messages
         * @param params a record of {@link #type()}
         * @return the bounds
         * @throws ParameterException naming the bounds' keys ({@code w_min} or {@code w_max} unless the
         *                            bounds name others), or the record of another type
         * @throws IllegalStateException if the provider's function returns null
         */
        public WeightBounds boundsOf(String rule, Record params) {
            WeightBounds b = bounds.apply(typed(rule, params));
            if (b == null) {
                throw new IllegalStateException("the bounds function given with the parameters " + type.getName()
                        + " returned null, not the weight bounds");
            }
            Bounds.checkRange(rule, b);
            return b;
        }

        /**
         * Makes the rule for a plastic projection, after checking the record's type and that its
         * bounds keep the projection's sign and hold every initial weight; {@link PlasticityRules#make}
         * does this for a rule given by name. Add the rule to the engine with
         * {@code engine.addListener(rule)}.
         *
         * @param rule       the rule's name, for messages
         * @param projection the plastic projection whose weights the rule changes
         * @param params     a record of {@link #type()}
         * @return the rule, attached to {@code projection}
         * @throws ParameterException    naming {@code projection} (null or not plastic), {@code parameters} (a
         *                               record of another type), {@code w_min}, {@code w_max} or
         *                               {@code weights}, or what the factory refuses
         * @throws IllegalStateException if the factory returns null or a rule of another projection
         */
        public PlasticityRule make(String rule, Projection projection, Record params) {
            requireHolds(rule, projection, params);
            return makeUnchecked(rule, projection, params);
        }

        /**
         * Checks that a rule's bounds keep a projection's sign and hold every initial weight, as
         * {@link #make} does before it makes the rule.
         *
         * @param rule       the rule's name, for messages
         * @param projection the plastic projection
         * @param params     a record of {@link #type()}
         * @throws ParameterException naming {@code projection} (null or not plastic), {@code parameters},
         *                            {@code w_min}, {@code w_max} or {@code weights}
         */
        public void requireHolds(String rule, Projection projection, Record params) {
            PlasticityRule.requirePlastic(projection);
            WeightBounds b = boundsOf(rule, params);
            Bounds.checkProjection(rule, projection, b, b.named());
        }

        /**
         * Makes the rule with the provider's factory, without the bounds check that {@link #make}
         * makes first (for a caller that has made it, {@link #requireHolds}).
         *
         * @param rule       the rule's name, for messages
         * @param projection the plastic projection whose weights the rule changes
         * @param params     a record of {@link #type()}
         * @return the rule, attached to {@code projection}
         * @throws ParameterException    naming {@code parameters} if the record is of another type
         * @throws IllegalStateException if the factory returns null or a rule of another projection
         */
        public PlasticityRule makeUnchecked(String rule, Projection projection, Record params) {
            PlasticityRule made = factory.apply(projection, typed(rule, params));
            if (made == null || made.projection() != projection) {
                throw new IllegalStateException("the factory given with the parameters " + type.getName()
                        + " returned " + (made == null ? "null" : "a rule of projection '" + made.projection().name()
                        + "'") + ", not a rule of projection '" + projection.name() + "'");
            }
            // Weights written between runs are then held to these bounds too (PlasticityRule.beforeRun).
            WeightBounds b = boundsOf(rule, params);
            made.keepWithin(rule, b, b.named());
            return made;
        }

        /** The record as the rule's parameter type, refused by name when it is another. */
        private P typed(String rule, Record params) {
            if (!type.isInstance(params)) {
                throw new ParameterException(rule, "parameters", "a record of " + type.getName(),
                        params == null ? "null" : "a record of " + params.getClass().getName());
            }
            return type.cast(params);
        }
    }

    /**
     * {@return whether it is a built-in rule's, which {@code engram simulate} configures itself}
     *
     * @param name a rule name, e.g. {@code pair_stdp}
     */
    public static boolean builtIn(String name) {
        return name != null && BUILT_INS.contains(name);
    }

    /**
     * Every usable user rule, in class-path order: one that loads and has a name of its own (a
     * name a built-in or another user rule has is used by neither user rule; {@link #problems()}
     * says so).
     *
     * @return an unmodifiable list
     */
    public static List<Info> list() {
        return List.copyOf(load().usable().values());
    }

    /**
     * What is wrong with the rule providers on the class path: one that cannot be loaded (a class
     * missing, compiled against another Engram, code that throws), with a name a config cannot
     * write, that reuses a built-in's name (the built-in keeps it) or whose name another provider's
     * rule has too (neither is used: class-path order is no choice a config could repeat), or whose
     * parameters a config cannot write. A broken provider leaves the other rules usable, so these are
     * reported where they matter: by {@code engram list}, by a lookup of a name no usable rule has, and
     * by {@link #leftOutUnder} for a built-in's name a config uses.
     *
     * @return one message per provider left out, naming its class; empty when every one loaded
     */
    public static List<String> problems() {
        return load().problems();
    }

    /**
     * What a config that uses a built-in rule should be told: the user rules left out because they
     * reuse its name.
     *
     * @param name a rule name, e.g. {@code "pair_stdp"}
     * @return one sentence per user rule left out, naming its provider; empty when there is none
     */
    public static List<String> leftOutUnder(String name) {
        return load().leftOutUnder(name);
    }

    /**
     * Looks a user rule up by name.
     *
     * @param name the rule's name
     * @return its entry
     * @throws ParameterException if no usable user rule has that name; the message lists the rules,
     *                            suggests the closest and names the providers left out, or, for a
     *                            built-in's name, says that built-ins have no entry, or, for a name
     *                            several providers' rules have, names them
     */
    public static Info info(String name) {
        if (builtIn(name)) {
            throw new ParameterException("plasticity rules", "type", "the name of a user rule (the built-in rules, "
                    + String.join(", ", BUILT_INS.subList(0, BUILT_INS.size() - 1)) + " and "
                    + BUILT_INS.get(BUILT_INS.size() - 1) + ", have no entry)", name);
        }
        return userRule(name, "type", BUILT_INS);
    }

    /**
     * The usable user rule of a name, refused by {@code location} when there is none: the expected
     * names are {@code alsoNamed} (the built-ins a config may write there too) and the user rules'.
     */
    private static Info userRule(String name, String location, List<String> alsoNamed) {
        NameClaims<Info> claims = load();
        Info info = claims.usable().get(name);
        if (info != null) {
            return info;
        }
        String shared = claims.sharedBy(name);
        if (shared != null) {
            throw new ParameterException("plasticity rules", location, "a name only one rule has", name, shared);
        }
        List<String> names = new ArrayList<>(alsoNamed);
        names.addAll(claims.usable().keySet());
        throw new ParameterException("plasticity rules", location, names.isEmpty() ? "the name of a user rule, and"
                + " there is none" : "one of " + names, name, PlugIns.hintWithLeftOut(
                Suggestions.didYouMean(name, names), "user plasticity rules", claims.unusable()));
    }

    /**
     * Makes a user rule for a plastic projection from Java, checked as a config's rule is: the
     * record is the rule's parameter type, its bounds keep the projection's sign and hold every
     * initial weight. The rule then goes into a simulation with {@code engine.addListener(rule)}.
     *
     * @param name       the rule's name, e.g. {@code "symmetric_stdp"}
     * @param projection the plastic projection whose weights the rule changes
     * @param params     a record of the rule's parameter type
     * @return the rule, attached to {@code projection}
     * @throws ParameterException naming {@code name} if no usable user rule has that name (a built-in's
     *                            name included: a built-in rule is made with its own class, and the
     *                            message names the providers left out because they reuse it), else
     *                            naming {@code projection} (null or not plastic), {@code parameters} (a
     *                            record of another type), {@code w_min}, {@code w_max} or {@code weights}
     */
    public static PlasticityRule make(String name, Projection projection, Record params) {
        if (builtIn(name)) {
            List<String> leftOut = leftOutUnder(name);
            throw new ParameterException("plasticity rules", "name", "the name of a user rule (a built-in rule is"
                    + " made with its own class, e.g. new PairStdp(projection, params))", name,
                    leftOut.isEmpty() ? null : String.join("; ", leftOut));
        }
        Info info = userRule(name, "name", List.of());
        return info.parameters().make(info.name(), projection, params);
    }

    /**
     * The user rules' name claims (the built-in names reserved), with a message for each provider
     * that could not be loaded or whose entry a config could not use.
     */
    private static NameClaims<Info> load() {
        PlugIns<PlasticityRuleProvider> plugIns = PlugIns.load(PlasticityRuleProvider.class,
                e -> "cannot load a user plasticity rule (" + PlasticityRuleProvider.class.getName() + " provider): "
                        + PlugIns.why(e));
        NameClaims<Info> claims = new NameClaims<>("plasticity rule");
        claims.builtIn(PairStdp.NAME, PairStdp.class.getName(), null);
        claims.builtIn(TripletStdp.NAME, TripletStdp.class.getName(), null);
        claims.builtIn(VogelsSprekeler.NAME, VogelsSprekeler.class.getName(), null);
        plugIns.failures().forEach(claims::unusable);
        for (PlasticityRuleProvider p : plugIns.loaded()) {
            try {
                Info info = infoOf(p);
                requireUsable(p.getClass().getName(), info);
                claims.user(info.name(), p.getClass().getName(), info);
            } catch (EngramException e) {
                claims.unusable(e.getMessage());
            }
        }
        return claims;
    }

    /** A provider's entry; a provider whose code fails is refused by its class name. */
    private static Info infoOf(PlasticityRuleProvider provider) {
        try {
            return provider.info();
        } catch (RuntimeException | LinkageError e) {
            throw new EngramException("cannot load the user plasticity rule of " + provider.getClass().getName()
                    + ": " + PlugIns.why(e), e);
        }
    }

    /** Refuses an entry a config could not name or use. */
    private static void requireUsable(String provider, Info info) {
        if (info == null) {
            throw new ParameterException(provider, "info()", "the rule's entry", "null");
        }
        PlugIns.requireSnakeCaseName(provider, "info().name()", info.name(), null);
        Parameters<?> p = info.parameters();
        if (p == null || p.type() == null || p.defaults() == null || p.bounds() == null || p.factory() == null) {
            throw new ParameterException(provider, "info().parameters()",
                    "a record type, its default values, a bounds function and a factory, none null", String.valueOf(p));
        }
        PlugIns.requireWritable(provider, "info().parameters()", p.type());
        if (ParameterRecords.names(p.type()).contains("type")) {
            // Written beside the rule's own type key, it could be neither given nor read back.
            throw new ParameterException(provider, "info().parameters()", "a parameter record without a component"
                    + " named type, the key that names the rule", p.type().getName());
        }
    }
}
