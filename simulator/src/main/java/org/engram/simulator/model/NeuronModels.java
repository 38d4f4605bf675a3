package org.engram.simulator.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.engram.simulator.ParameterException;
import org.engram.simulator.PlugIns;
import org.engram.simulator.Suggestions;
import org.engram.simulator.input.PoissonSource;
import org.engram.simulator.input.SpikeTimes;

/**
 * The neuron models known by name: the built-in ones and user models on the class path.
 *
 * <p>A user model becomes known by naming its class (public, with a public no-argument
 * constructor) in a file {@code META-INF/services/org.engram.simulator.model.NeuronModel}; it is
 * found with {@link java.util.ServiceLoader} at every lookup, so the registry holds no global state. Names
 * must be unique.
 */
public final class NeuronModels {
    /** The built-in models, in the order {@code engram list} shows them; one line per model. */
    private static final List<NeuronModel<?, ?>> BUILT_IN = List.of(
            LifDelta.MODEL,
            LifExp.MODEL,
            LifAlpha.MODEL,
            LifCondExp.MODEL,
            AdaptiveLif.MODEL,
            Adex.MODEL,
            AdexCond.MODEL,
            HodgkinHuxley.MODEL,
            Izhikevich.MODEL,
            SpikeTimes.MODEL,
            PoissonSource.MODEL);


    private NeuronModels() {
    }

    /**
     * Every known model: the built-in ones, then the user models that load, in class-path order;
     * of two models with one name, the first. {@link #problems()} says what did not load.
     *
     * @return an unmodifiable list
     */
    public static List<NeuronModel<?, ?>> all() {
        return List.copyOf(load().models().values());
    }

    /**
     * What is wrong with the user models on the class path: a model that cannot be loaded (its
     * class is missing, or its constructor threw) or that reuses a name. A broken model of one
     * library leaves every other model usable, so these are reported where they matter: by
     * {@code engram list}, and by {@link #byName} for a name they may concern.
     *
     * @return one sentence per problem, empty when every user model loaded
     */
    public static List<String> problems() {
        return load().problems();
    }

    /**
     * The model with a name.
     *
     * @param name the name as written in a config, e.g. {@code "lif_exp"}
     * @return the model
     * @throws ParameterException if no model has that name (the message lists the known names, suggests
     *                            the closest one and says which user models could not be loaded, one of
     *                            which may be the one named), or two models claim it
     */
    public static NeuronModel<?, ?> byName(String name) {
        Registry registry = load();
        Map<String, NeuronModel<?, ?>> models = registry.models();
        NeuronModel<?, ?> model = models.get(name);
        if (model == null) {
            throw new ParameterException("neuron model", "model", "one of " + models.keySet(), name,
                    PlugIns.hintWithLeftOut(Suggestions.didYouMean(name, models.keySet()), "user models",
                            registry.failures()));
        }
        String clash = registry.clashes().get(name);
        if (clash != null) {
            throw new ParameterException("neuron model", "model", "a name only one model has", name,
                    model.getClass().getName() + " and " + clash + " are both named '" + name
                            + "': take one off the class path");
        }
        return model;
    }

    /**
     * The models by name, what could not be loaded, and the classes of models whose name another
     * model has (by name, the later class).
     */
    private record Registry(Map<String, NeuronModel<?, ?>> models, List<String> failures,
                            Map<String, String> clashes) {
        List<String> problems() {
            List<String> all = new ArrayList<>(failures);
            clashes.forEach((name, later) -> all.add("the model " + later + " reuses the name '" + name + "' of "
                    + models.get(name).getClass().getName()));
            return all;
        }
    }

    private static Registry load() {
        Map<String, NeuronModel<?, ?>> models = new LinkedHashMap<>();
        for (NeuronModel<?, ?> model : BUILT_IN) {
            models.put(model.name(), model);
        }
        // A model whose class is missing or whose constructor threw: the loader's words name the
        // class, the cause says why.
        PlugIns<NeuronModel> plugIns = PlugIns.load(NeuronModel.class,
                e -> e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause()));
        List<String> failures = new ArrayList<>(plugIns.failures());
        Map<String, String> clashes = new LinkedHashMap<>();
        for (NeuronModel<?, ?> model : plugIns.loaded()) {
            String name = nameOf(model, failures);
            if (name != null && models.putIfAbsent(name, model) != null) {
                clashes.putIfAbsent(name, model.getClass().getName());
            }
        }
        return new Registry(models, failures, clashes);
    }

    /** A user model's name, or null, with the reason added to the failures, when it gives none. */
    private static String nameOf(NeuronModel<?, ?> model, List<String> failures) {
        String name;
        try {
            name = model.name();
        } catch (RuntimeException e) {
            failures.add(model.getClass().getName() + ": name() threw " + e);
            return null;
        }
        if (name == null || name.isBlank()) {
            failures.add(model.getClass().getName() + ": name() gave " + (name == null ? "null" : "a blank name"));
            return null;
        }
        return name;
    }
}
