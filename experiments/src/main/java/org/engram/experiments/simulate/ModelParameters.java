package org.engram.experiments.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ConfigLoader;
import org.engram.simulator.Suggestions;
import org.engram.simulator.model.NeuronModel;

/**
 * Reads the {@code params} of a population's entry: the values written laid over the model's
 * defaults and converted to the model's parameter record, every problem of theirs reported in one
 * round, each with the model's own hint where it has one.
 */
final class ModelParameters {
    private final String source;

    /**
     * PyNN's standard cell parameters that this project names otherwise, each with the parameter
     * that takes the same quantity and what to tell the user. The closest name by spelling misled
     * here: {@code v_rest} (the resting potential) was offered {@code v_reset}, and {@code cm} (nF)
     * {@code c_m} (pF) with no word of the unit.
     */
    private static final Map<String, String[]> PYNN_NAMES = Map.of(
            "v_rest", new String[] {"e_l", "PyNN's v_rest (the resting potential) is e_l here (mV)"},
            "tau_refrac", new String[] {"t_ref", "PyNN's tau_refrac is t_ref here (ms)"},
            "i_offset", new String[] {"i_e", "PyNN's i_offset (nA) is i_e here, in pA (i_offset = 0.5 is"
                    + " i_e = 500; izhikevich's i_e is in mV/ms)"},
            "cm", new String[] {"c_m", "PyNN's cm (nF) is c_m here, in pF: cm = 0.25 is c_m = 250"},
            "e_rev_e", new String[] {"e_ex", "PyNN's e_rev_E is e_ex here (mV)"},
            "e_rev_i", new String[] {"e_in", "PyNN's e_rev_I is e_in here (mV)"},
            "v_spike", new String[] {"v_peak", "PyNN's v_spike is v_peak here (mV)"});

    /**
     * A model's check of one parameter against another: relation, other name, its value and unit (no
     * unit: more follows, as in a range).
     */
    private static final Pattern RELATION = Pattern.compile(
            "a value (<=|>=|<|>) ([a-z][a-z0-9_]*) = (\\S+)(?: \\(([^;)]*))?");

    /** Each relation as seen from the other side. */
    private static final Map<String, String> TURNED = Map.of("<", ">", "<=", ">=", ">", "<", ">=", "<=");

    /**
     * @param source the config file's name, for messages
     */
    ModelParameters(String source) {
        this.source = source;
    }

    /**
     * Reads a population's parameters: the entry's {@code params} over its model's defaults.
     *
     * @param spec   the population's entry
     * @param model  the model it names
     * @param merged the model's defaults, into which the entry's values are written (the parameters as used)
     * @param path   the entry's key path, e.g. {@code populations[0]}
     * @return the parameter record
     * @throws ConfigException naming every problem of the parameters
     */
    <P extends Record> P read(SimulationConfig.PopulationSpec spec, NeuronModel<P, ?> model, ObjectNode merged,
                              String path) {
        Set<String> given = new HashSet<>();
        if (spec.params() != null) {
            if (!spec.params().isObject()) {
                throw ConfigException.ofForm(source, path + ".params", "a mapping of parameter values",
                        ConfigException.asFound(spec.params()), null);
            }
            spec.params().fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue()));
            spec.params().fieldNames().forEachRemaining(given::add);
        }
        try {
            return convertParams(merged, ConfigLoader.componentsOf(model.defaults()), given, path + ".params",
                    model.parametersType());
        } catch (ConfigException e) {
            throw withModelHints(blamingWhatWasWritten(e, given, merged, path + ".params."), model,
                    path + ".params.");
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
                if (c.kind() == ConfigException.Kind.TYPE && key != null && defaults.has(key)) {
                    standIn.set(key, defaults.get(key));
                    lost.add(key);
                } else if (key != null && unknownKey(c)) {
                    // An unknown key is the parameter closest to it misspelt (lost unless given too) or,
                    // when none is close, any parameter left to its default; NEST's V_m of a model without
                    // v_init is an initial state, no parameter.
                    List<String> parameters = new ArrayList<>();
                    defaults.fieldNames().forEachRemaining(parameters::add);
                    String[] foreign = foreignName(key, defaults);
                    String meant = foreign != null ? foreign[0] : Suggestions.closest(key, parameters);
                    parameters.removeIf(given::contains);
                    if (foreign == null || meant != null) {
                        lost.addAll(meant == null ? parameters : given.contains(meant) ? List.of() : List.of(meant));
                    }
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

    /** Whether a problem is a key the parameter record does not have. */
    private static boolean unknownKey(ConfigException c) {
        return c.kind() == ConfigException.Kind.UNKNOWN_KEY;
    }

    /**
     * Whether a problem is a parameter check of a value the user gave in vain, which its default stood
     * in for: one that names it, such as {@code v_reset: expected a value < v_th = -55.0}, or one of it,
     * whose value found is the default ({@code vreset: -90} beside {@code v_th: -80} had been told
     * {@code v_reset: ... found -70.0}). The problem that says why the value was lost stays.
     */
    private static boolean comparesWithALostValue(ConfigException c, Set<String> lost, String path) {
        String key = c.location() == null || !c.location().startsWith(path + ".") ? null
                : c.location().substring(path.length() + 1);
        if (key == null || c.expected() == null || unknownKey(c) || c.kind() == ConfigException.Kind.TYPE) {
            return false;
        }
        if (lost.contains(key)) {
            return true;
        }
        for (String name : lost) {
            if (Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(c.expected()).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Moves a check of two parameters from one left to its default onto the one the user wrote, its
     * relation turned round: {@code e_ex: -90} had been told {@code e_in: expected a value < e_ex = -90.0
     * (mV), found -85.0}, about a key the file does not hold. The text after the unit (a reason) is
     * dropped, as it speaks of the other parameter. A range stays where it is, with a hint naming both.
     */
    private static ConfigException blamingWhatWasWritten(ConfigException e, Set<String> given, ObjectNode merged,
                                                         String prefix) {
        List<ConfigException> each = new ArrayList<>();
        boolean changed = false;
        for (ConfigException c : e.problems()) {
            String key = c.location() != null && c.location().startsWith(prefix)
                    ? c.location().substring(prefix.length()) : null;
            Matcher m = c.expected() == null ? null : RELATION.matcher(c.expected());
            if (key == null || given.contains(key) || m == null || !m.lookingAt() || !given.contains(m.group(2))
                    || !merged.path(m.group(2)).isNumber()) {
                each.add(c);
                continue;
            }
            String other = m.group(2);
            String leftOut = key + " is left out and takes its default; give it too to change it";
            // A range (v_peak: > v_th and <= v_th + 500 delta_t) does not turn round: told where it stands.
            each.add(m.group(4) == null
                    ? c.restated(c.source(), c.location(), c.expected(), c.found(), leftOut + ", or "
                            + other + ", which the file holds")
                    : new ConfigException(c.source(), prefix + other, "a value " + TURNED.get(m.group(1)) + " "
                            + key + " = " + merged.get(key).asDouble() + " (" + m.group(4) + ")",
                            String.valueOf(merged.get(other).asDouble()), leftOut));
            changed = true;
        }
        return changed ? ConfigException.all(each) : e;
    }

    /**
     * The parameter that another simulator's name of a model's quantity stands for, and what to tell the
     * user: a PyNN name ({@link #PYNN_NAMES}), or NEST's name of an initial state ({@code V_m}, which the
     * closest spelling had answered with {@code i_e}, and izhikevich's {@code U_m}).
     *
     * @param key        the unknown key as written
     * @param parameters the model's parameters
     * @return the parameter (null when a population's {@code initial} takes the value) and the hint, or
     *         null when the key is no such name or the model has no such quantity
     */
    private static String[] foreignName(String key, ObjectNode parameters) {
        String lower = key.toLowerCase(Locale.ROOT);
        String[] pynn = PYNN_NAMES.get(lower);
        if (pynn != null) {
            return parameters.has(pynn[0]) ? pynn : null;
        }
        if (lower.equals("v_m")) {
            return parameters.has("v_init") ? new String[] {"v_init", "NEST's V_m (the initial potential) is v_init"
                    + " here (mV), or the population's initial: {v: ...}"}
                    : parameters.has("v_th") ? new String[] {null, "NEST's V_m (the initial potential) is set here by"
                    + " the population's initial: {v: ...} (mV), not by a parameter"} : null;
        }
        return lower.equals("u_m") && parameters.has("u_init") ? new String[] {"u_init", "NEST's U_m (the initial"
                + " recovery variable) is u_init here (mV/ms)"} : null;
    }

    /**
     * Puts a model's own hint ({@link NeuronModel#hintFor}) on each problem of a parameter it does
     * not take, in place of the closest name: {@code g_l} for {@code lif_cond_exp} had been told
     * "did you mean 'e_l'?"; failing that, the parameter another simulator's name stands for
     * ({@link #foreignName}).
     */
    private static ConfigException withModelHints(ConfigException e, NeuronModel<?, ?> model, String prefix) {
        List<ConfigException> each = new ArrayList<>();
        boolean changed = false;
        ObjectNode parameters = ConfigLoader.componentsOf(model.defaults());
        for (ConfigException c : e.problems()) {
            String key = c.location() != null && c.location().startsWith(prefix)
                    ? c.location().substring(prefix.length()) : null;
            String hint = key == null ? null : model.hintFor(key);
            String[] foreign = key == null || !unknownKey(c) ? null : foreignName(key, parameters);
            if (hint == null && foreign != null) {
                hint = foreign[1];
            }
            changed |= hint != null;
            each.add(hint == null ? c : c.restated(c.source(), c.location(), c.expected(), c.found(), hint));
        }
        return changed ? ConfigException.all(each) : e;
    }
}
