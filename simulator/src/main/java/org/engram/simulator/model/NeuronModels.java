package org.engram.simulator.model;

import java.util.List;
import java.util.Map;
import org.engram.simulator.NameClaims;
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
 * found with {@link java.util.ServiceLoader} at every lookup, so the registry holds no global state. A
 * user model's name must be snake_case ({@code a-z}, then {@code a-z}, {@code 0-9} or {@code _}), as a
 * config writes it, and its own: the rules for names claimed twice are {@link NameClaims}'.
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
     * Every usable model: the built-in ones, then the user models that load, in class-path order.
     * A user model that reuses a built-in's name, or whose name another user model has too, is not
     * among them; {@link #problems()} says so.
     *
     * @return an unmodifiable list
     */
    public static List<NeuronModel<?, ?>> all() {
        return List.copyOf(load().usable().values());
    }

    /**
     * What is wrong with the user models on the class path: a model that cannot be loaded (its
     * class is missing, or its constructor threw), whose name a config cannot write (not snake_case),
     * that reuses a built-in's name (the built-in keeps it), or whose name another user model has too
     * (neither is used: class-path order is no choice a config could repeat). A broken model of one
     * library leaves every other model usable, so these are reported where they matter: by
     * {@code engram list}, by {@link #byName} for a name they may concern, and by
     * {@link #leftOutUnder} for a built-in's name a config uses.
     *
     * @return one sentence per problem, empty when every user model loaded
     */
    public static List<String> problems() {
        return load().problems();
    }

    /**
     * What a config that uses a built-in model should be told: the user models left out because
     * they reuse its name.
     *
     * @param name a model name, e.g. {@code "lif_delta"}
     * @return one sentence per user model left out, naming its class; empty when there is none
     */
    public static List<String> leftOutUnder(String name) {
        return load().leftOutUnder(name);
    }

    /**
     * The model with a name.
     *
     * @param name the name as written in a config, e.g. {@code "lif_exp"}
     * @return the model; for a built-in's name the built-in, even when a user model reuses it
     * @throws ParameterException if the name is null or no model has it (the message lists the known names, suggests
     *                            the closest one, or for a NEST model's name what takes its place, and
     *                            says which user models could not be loaded, one of which may be the one
     *                            named), or two user models claim it (naming both)
     */
    public static NeuronModel<?, ?> byName(String name) {
        // Refused here, where the map lookup would end in a bare NullPointerException.
        ParameterException.requireNonNull("neuron model", "model", name, "a model's name, e.g. lif_delta");
        NameClaims<NeuronModel<?, ?>> claims = load();
        Map<String, NeuronModel<?, ?>> models = claims.usable();
        NeuronModel<?, ?> model = models.get(name);
        if (model != null) {
            return model;
        }
        String shared = claims.sharedBy(name);
        if (shared != null) {
            throw new ParameterException("neuron model", "model", "a name only one model has", name, shared);
        }
        String nest = NestModelNames.hintFor(name);
        throw new ParameterException("neuron model", "model", "one of " + models.keySet(), name,
                PlugIns.hintWithLeftOut(nest != null ? nest : Suggestions.didYouMean(name, models.keySet()),
                        "user models", claims.unusable()));
    }

    /**
     * Whether a model is one of Engram's own, whose code is the Engram version's: its class was
     * loaded from where this class was (the simulator's jar, or Engram's one jar), by the same
     * loader. That holds for models no config names, such as {@code RatePoissonSource}, and not for
     * a user's model whatever its package, even one in {@code org.engram} on the same class path.
     *
     * @param model a model
     * @return true for a model whose class is the simulator's
     */
    public static boolean engramsOwn(NeuronModel<?, ?> model) {
        return PlugIns.loadedAlongside(model.getClass(), NeuronModels.class);
    }

    /** The models' name claims, with those that could not be loaded or give no usable name. */
    private static NameClaims<NeuronModel<?, ?>> load() {
        NameClaims<NeuronModel<?, ?>> claims = new NameClaims<>("neuron model");
        for (NeuronModel<?, ?> model : BUILT_IN) {
            claims.builtIn(model.name(), model.getClass().getName(), model);
        }
        // A model whose class is missing or whose constructor threw: the loader's words name the
        // class, the cause says why.
        PlugIns<NeuronModel> plugIns = PlugIns.load(NeuronModel.class,
                e -> e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause()));
        plugIns.failures().forEach(claims::unusable);
        for (NeuronModel<?, ?> model : plugIns.loaded()) {
            String name = nameOf(model, claims);
            if (name != null) {
                claims.user(name, model.getClass().getName(), model);
            }
        }
        return claims;
    }

    /** A user model's name, or null, with the model added as unusable, when it gives none a config can write. */
    private static String nameOf(NeuronModel<?, ?> model, NameClaims<NeuronModel<?, ?>> claims) {
        String name;
        try {
            name = model.name();
            PlugIns.requireSnakeCaseName(model.getClass().getName(), "name()", name, null);
        } catch (ParameterException e) {
            claims.unusable(e.getMessage());
            return null;
        } catch (RuntimeException e) {
            claims.unusable(model.getClass().getName() + ": name() threw " + e);
            return null;
        }
        return name;
    }
}
