package org.engram.experiments.simulate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.engram.learning.plasticity.Pairing;
import org.engram.learning.plasticity.PairStdp;
import org.engram.learning.plasticity.PlasticityRule;
import org.engram.learning.plasticity.TripletStdp;
import org.engram.learning.plasticity.VogelsSprekeler;
import org.engram.learning.plasticity.WeightDependence;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Problems;
import org.engram.simulator.network.Projection;

/**
 * The plasticity rules a simulation config may attach to a projection
 * ({@code projections[i].plasticity.type}): for each, what it does, the keys it reads and how its
 * parameters are made. The one place a rule is declared, so {@code engram list}, the check for
 * ignored keys and the network builder cannot disagree.
 */
public enum PlasticityType {
    /** Pair-based STDP. */
    PAIR_STDP("pair-based STDP (Song, Miller and Abbott 2000); w_min defaults to 0, dependence to additive, "
            + "pairing to all_to_all",
            List.of("a_plus", "a_minus", "tau_plus", "tau_minus", "w_min", "w_max", "dependence", "pairing"),
            List.of("a_plus", "a_minus", "tau_plus", "tau_minus", "w_max"),
            (s, v) -> {
                PairStdp.Params p = new PairStdp.Params(v.required(s.aPlus(), "a_plus"),
                        v.required(s.aMinus(), "a_minus"), v.required(s.tauPlus(), "tau_plus"),
                        v.required(s.tauMinus(), "tau_minus"), s.wMin() == null ? 0 : s.wMin(),
                        v.required(s.wMax(), "w_max"),
                        s.dependence() == null ? WeightDependence.ADDITIVE : s.dependence(),
                        s.pairing() == null ? Pairing.ALL_TO_ALL : s.pairing());
                SimulationConfig.PlasticitySpec used = new SimulationConfig.PlasticitySpec(s.type(), p.aPlus(),
                        p.aMinus(), p.tauPlusMs(), p.tauMinusMs(), p.wMin(), p.wMax(), p.dependence(), p.pairing(),
                        null, null, null, null, null, null, null, null, null, null, null);
                return new Made(projection -> new PairStdp(projection, p), used);
            }),
    /** Triplet STDP. */
    TRIPLET_STDP("triplet STDP (Pfister and Gerstner 2006); a key left out takes the all-to-all visual-cortex "
            + "value of their Table 4 (weights in [0, 1])",
            List.of("a2_plus", "a3_plus", "a2_minus", "a3_minus", "tau_plus", "tau_minus", "tau_x", "tau_y", "w_min",
                    "w_max"),
            List.of(),
            (s, v) -> {
                TripletStdp.Params d = TripletStdp.Params.visualCortex();
                TripletStdp.Params p = new TripletStdp.Params(or(s.a2Plus(), d.a2Plus()), or(s.a3Plus(), d.a3Plus()),
                        or(s.a2Minus(), d.a2Minus()), or(s.a3Minus(), d.a3Minus()), or(s.tauPlus(), d.tauPlusMs()),
                        or(s.tauMinus(), d.tauMinusMs()), or(s.tauX(), d.tauXMs()), or(s.tauY(), d.tauYMs()),
                        or(s.wMin(), d.wMin()), or(s.wMax(), d.wMax()));
                SimulationConfig.PlasticitySpec used = new SimulationConfig.PlasticitySpec(s.type(), null, null,
                        p.tauPlusMs(), p.tauMinusMs(), p.wMin(), p.wMax(), null, null, p.a2Plus(), p.a3Plus(),
                        p.a2Minus(), p.a3Minus(), p.tauXMs(), p.tauYMs(), null, null, null, null, null);
                return new Made(projection -> new TripletStdp(projection, p), used);
            }),
    /** Inhibitory STDP of Vogels et al. (2011). */
    VOGELS_SPREKELER("inhibitory STDP (Vogels, Sprekeler et al. 2011) that holds the target at a rate rho0: "
            + "|w| += eta (x_post - alpha) at a pre spike, += eta x_pre at a post spike, alpha = 2 rho0 tau "
            + "(rho0 per ms: 0.2 for 5 Hz and 20 ms), "
            + "|w| in [0, w_max], the projection's sign kept; tau defaults to 20 ms, rho0 (target_rate_hz) to 5 Hz "
            + "unless alpha is given",
            List.of("tau", "eta", "alpha", "target_rate_hz", "w_max"),
            List.of("eta", "w_max"),
            (s, v) -> {
                double tau = or(s.tau(), VogelsSprekeler.PAPER_TAU_MS);
                double eta = v.required(s.eta(), "eta");
                double wMax = v.required(s.wMax(), "w_max");
                Double rate = s.alpha() == null ? or(s.targetRateHz(), VogelsSprekeler.PAPER_TARGET_RATE_HZ) : null;
                // Both given is reported with the values' own problems, all at once.
                Problems problems = new Problems(VogelsSprekeler.NAME);
                problems.require(s.alpha() == null || s.targetRateHz() == null, "target_rate_hz", "no value beside "
                        + "alpha (alpha = 2 rho0 tau, rho0 per ms, sets the target rate: give one of them)",
                        s.targetRateHz());
                VogelsSprekeler.Params[] made = new VogelsSprekeler.Params[1];
                problems.check(() -> made[0] = rate == null ? new VogelsSprekeler.Params(tau, eta, s.alpha(), wMax)
                        : VogelsSprekeler.Params.withTargetRate(tau, eta, rate, wMax));
                problems.throwIfAny();
                VogelsSprekeler.Params p = made[0];
                SimulationConfig.PlasticitySpec used = new SimulationConfig.PlasticitySpec(s.type(), null, null,
                        null, null, null, p.wMax(), null, null, null, null, null, null, null, null, p.tauMs(),
                        p.eta(), rate == null ? p.alpha() : null, rate, null);
                return new Made(projection -> new VogelsSprekeler(projection, p), used);
            });

    /** Hands a rule's values to its builder, failing with the config location when one is missing. */
    interface Values {
        /**
         * @param value the value given, or null
         * @param key   its key within the plasticity entry
         * @return the value
         * @throws org.engram.experiments.config.ConfigException naming the key if the value is null
         */
        <T> T required(T value, String key);
    }

    /**
     * A rule's parameters, checked: what attaches the rule to its projection, and every value it
     * uses (defaults filled in) for the resolved config.
     *
     * @param attach makes the rule on the built projection
     * @param used   the entry with every value the rule uses
     */
    record Made(Function<Projection, PlasticityRule> attach, SimulationConfig.PlasticitySpec used) {
    }

    /** Makes the rule's parameters, checking them. */
    @FunctionalInterface
    interface Builder {
        Made build(SimulationConfig.PlasticitySpec spec, Values values);
    }

    private final String description;
    private final List<String> keys;
    private final List<String> requiredKeys;
    private final Builder builder;

    PlasticityType(String description, List<String> keys, List<String> requiredKeys, Builder builder) {
        this.description = description;
        this.keys = keys;
        this.requiredKeys = requiredKeys;
        this.builder = builder;
    }

    /** {@return the name configs use, e.g. {@code pair_stdp}} */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@return the keys the rule needs, which have no default} */
    public List<String> requiredKeys() {
        return requiredKeys;
    }

    /** {@return the keys the rule reads besides {@code type}; any other key given would be ignored} */
    public List<String> keys() {
        return keys;
    }

    /** {@return one line for {@code engram list}} */
    public String description() {
        return description;
    }

    Made build(SimulationConfig.PlasticitySpec spec, Values values) {
        return builder.build(spec, values);
    }

    /**
     * {@return the rule, or null if none has that name}
     *
     * @param configName a name as configs write it
     */
    public static PlasticityType byConfigName(String configName) {
        for (PlasticityType t : values()) {
            if (t.configName().equals(configName)) {
                return t;
            }
        }
        return null;
    }

    /** {@return every rule's config name with its {@link #description()}, in declaration order} */
    public static Map<String, String> descriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        for (PlasticityType t : values()) {
            m.put(t.configName(), t.description());
        }
        return m;
    }

    private static double or(Double given, double otherwise) {
        return given == null ? otherwise : given;
    }
}
