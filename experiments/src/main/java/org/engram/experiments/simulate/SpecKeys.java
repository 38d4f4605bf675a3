package org.engram.experiments.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.engram.experiments.config.ConfigLoader;
import org.engram.experiments.config.KeysByType;
import org.engram.simulator.network.TsodyksMarkram;

/**
 * The keys each type of a simulation config's typed entries reads ({@link KeysByType}), and what
 * names NEST, PyNN and Brian give some of them: a user who writes {@code indegree} or {@code rho0}
 * is told the key that takes it here, which spelling alone does not find.
 */
public final class SpecKeys {
    /**
     * A key of another simulator, the key here that takes the same quantity (null: none does), and
     * what to tell; for a key that only one type has ({@code onlyType}, else null), what to tell an
     * entry of another type ({@code elsewhere}).
     */
    private record Foreign(String key, String text, String onlyType, String elsewhere) {
        Foreign(String key, String text) {
            this(key, text, null, null);
        }
    }

    private static final Map<String, Foreign> RULE_NAMES = Map.of(
            "indegree", new Foreign("k", "NEST's indegree is k here", "fixed_in_degree",
                    "NEST's indegree is k of type fixed_in_degree"),
            "outdegree", new Foreign("k", "NEST's outdegree is k here", "fixed_out_degree",
                    "NEST's outdegree is k of type fixed_out_degree"),
            "allow_autapses", new Foreign("autapses", "NEST's allow_autapses is autapses here"),
            "allow_multapses", new Foreign("multapses", "NEST's allow_multapses is multapses here"),
            "p_connect", new Foreign("p", "PyNN's p_connect is p here"),
            "prob", new Foreign("p", "the probability is p here"),
            "probability", new Foreign("p", "the probability is p here"));

    private static final String MU = "NEST's mu_plus and mu_minus are dependence here: additive (both 0) or "
            + "multiplicative (both 1)";
    private static final String RHO0 = "rho0 is target_rate_hz here, in Hz (or give alpha = 2 rho0 tau with rho0 "
            + "per ms)";

    private static final Map<String, Foreign> PLASTICITY_NAMES = Map.ofEntries(
            // NEST's steps are lambda w_max (1 - w/w_max)^mu_plus and alpha lambda w_max (w/w_max)^mu_minus.
            Map.entry("lambda", new Foreign("a_plus", "NEST's lambda is a_plus here for multiplicative STDP and"
                    + " lambda x w_max for additive; its alpha x lambda is a_minus likewise")),
            // alpha is vogels_sprekeler's own key, so the rules that do not read it are told what NEST's is.
            Map.entry("alpha", new Foreign("a_minus", null, PlasticityType.VOGELS_SPREKELER.configName(),
                    "NEST's alpha (of stdp_synapse) x lambda is pair_stdp's a_minus for multiplicative STDP and"
                            + " alpha x lambda x w_max for additive (README: Pair STDP and NEST's stdp_synapse)")),
            Map.entry("mu_plus", new Foreign("dependence", MU)),
            Map.entry("mu_minus", new Foreign("dependence", MU)),
            Map.entry("taupre", new Foreign("tau_plus", "Brian's taupre is tau_plus here (ms)")),
            Map.entry("taupost", new Foreign("tau_minus", "Brian's taupost is tau_minus here (ms)")),
            Map.entry("apre", new Foreign("a_plus", "Brian's Apre is a_plus here")),
            Map.entry("apost", new Foreign("a_minus", "Brian's Apost (negative there) is a_minus here, its magnitude")),
            Map.entry("aplus", new Foreign("a2_plus", "NEST's Aplus is a2_plus here")),
            Map.entry("aminus", new Foreign("a2_minus", "NEST's Aminus is a2_minus here")),
            Map.entry("aplus_triplet", new Foreign("a3_plus", "NEST's Aplus_triplet is a3_plus here")),
            Map.entry("aminus_triplet", new Foreign("a3_minus", "NEST's Aminus_triplet is a3_minus here")),
            Map.entry("tau_plus_triplet", new Foreign("tau_x", "NEST's tau_plus_triplet is tau_x here (ms)")),
            Map.entry("tau_minus_triplet", new Foreign("tau_y", "NEST's tau_minus_triplet is tau_y here (ms)")),
            Map.entry("rho0", new Foreign("target_rate_hz", RHO0)),
            Map.entry("rho_0", new Foreign("target_rate_hz", RHO0)));

    private static final Map<String, Foreign> SHORT_TERM_NAMES = Map.of(
            "tau_psc", new Foreign(null, "NEST's tau_psc is the target model's synaptic time constant here "
                    + "(its params' tau_syn_ex or tau_syn_in)"));

    /** The short-term model's parameters, as its record names them in snake_case. */
    private static final List<String> SHORT_TERM_KEYS = shortTermKeys();

    private SpecKeys() {
    }

    private static List<String> shortTermKeys() {
        List<String> keys = new ArrayList<>();
        ConfigLoader.componentsOf(TsodyksMarkram.defaults()).fieldNames().forEachRemaining(keys::add);
        return List.copyOf(keys);
    }

    /** A connectivity rule's keys, by its {@code type}. */
    public static final class OfRule extends Named {
        /** Reads the rule types' keys. */
        public OfRule() {
            super(type -> keysOf(RuleType.byConfigName(type), RuleType::keys), RULE_NAMES);
        }
    }

    /** A built-in plasticity rule's keys, by its {@code type}. */
    public static final class OfPlasticity extends Named {
        /** Reads the built-in rules' keys. */
        public OfPlasticity() {
            super(type -> keysOf(PlasticityType.byConfigName(type), PlasticityType::keys), PLASTICITY_NAMES);
        }
    }

    /** An input's keys, by its {@code type}. */
    public static final class OfInput extends Named {
        /** Reads the input types' keys. */
        public OfInput() {
            super(type -> keysOf(InputType.byConfigName(type), InputType::keys), Map.of());
        }
    }

    /** The short-term plasticity model's keys. */
    public static final class OfShortTerm extends Named {
        /** Reads the model's keys. */
        public OfShortTerm() {
            super(type -> TsodyksMarkram.NAME.equals(type) ? SHORT_TERM_KEYS : null, SHORT_TERM_NAMES);
        }
    }

    /** The keys of a type, or null for none. */
    private static <T> List<String> keysOf(T type, Function<T, List<String>> keys) {
        return type == null ? null : keys.apply(type);
    }

    /** The keys of each type, and what to tell of another simulator's names of them. */
    private abstract static class Named implements KeysByType.Keys {
        private final Function<String, List<String>> keys;
        private final Map<String, Foreign> names;

        Named(Function<String, List<String>> keys, Map<String, Foreign> names) {
            this.keys = keys;
            this.names = names;
        }

        @Override
        public List<String> of(String type) {
            return keys.apply(type);
        }

        /** What to tell of another simulator's key, when the key here that takes it is one the type reads. */
        @Override
        public String hintFor(String type, String key) {
            Foreign f = names.get(key.toLowerCase(Locale.ROOT));
            List<String> read = of(type);
            if (f == null || read == null) {
                return null;
            }
            if (f.onlyType() != null && !f.onlyType().equals(type)) {
                return f.elsewhere();
            }
            return f.key() == null || read.contains(f.key()) ? f.text() : null;
        }

        @Override
        public String keyFor(String key) {
            Foreign f = names.get(key.toLowerCase(Locale.ROOT));
            return f == null ? null : f.key();
        }
    }
}
