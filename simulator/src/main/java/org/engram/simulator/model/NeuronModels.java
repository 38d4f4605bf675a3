package org.engram.simulator.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Suggestions;
import org.engram.simulator.input.PoissonSource;
import org.engram.simulator.input.SpikeTimes;

/**
 * The neuron models known by name: the built-in ones and user models on the class path.
 *
 * <p>A user model becomes known by naming its class (public, with a public no-argument
 * constructor) in a file {@code META-INF/services/org.engram.simulator.model.NeuronModel}; it is
 * found with {@link ServiceLoader} at every lookup, so the registry holds no global state. Names
 * must be unique.
 */
public final class NeuronModels {
    /** The built-in models, in the order {@code engram list} shows them; one line per model. */
    private static final List<NeuronModel<?, ?>> BUILT_IN = List.of(
            LifDelta.MODEL,
            LifExp.MODEL,
            LifCondExp.MODEL,
            AdaptiveLif.MODEL,
            Adex.MODEL,
            Izhikevich.MODEL,
            SpikeTimes.MODEL,
            PoissonSource.MODEL);


    private NeuronModels() {
    }

    /**
     * Every known model: the built-in ones, then user models in class-path order.
     *
     * @return an unmodifiable list
     * @throws EngramException if a user model cannot be loaded or reuses a name
     */
    public static List<NeuronModel<?, ?>> all() {
        return List.copyOf(byNameMap().values());
    }

    /**
     * The model with a name.
     *
     * @param name the name as written in a config, e.g. {@code "lif_exp"}
     * @return the model
     * @throws ParameterException if no model has that name; the message lists the known names and
     *                            suggests the closest one
     */
    public static NeuronModel<?, ?> byName(String name) {
        Map<String, NeuronModel<?, ?>> models = byNameMap();
        NeuronModel<?, ?> model = models.get(name);
        if (model == null) {
            throw new ParameterException("neuron model", "model", "one of " + models.keySet(), name,
                    Suggestions.didYouMean(name, models.keySet()));
        }
        return model;
    }

    private static Map<String, NeuronModel<?, ?>> byNameMap() {
        Map<String, NeuronModel<?, ?>> models = new LinkedHashMap<>();
        for (NeuronModel<?, ?> model : BUILT_IN) {
            models.put(model.name(), model);
        }
        try {
            for (NeuronModel<?, ?> model : ServiceLoader.load(NeuronModel.class)) {
                NeuronModel<?, ?> previous = models.putIfAbsent(model.name(), model);
                if (previous != null) {
                    throw new ParameterException(model.getClass().getName(), "name",
                            "a name no other model uses (" + previous.getClass().getName() + " has it)",
                            model.name());
                }
            }
        } catch (ServiceConfigurationError e) {
            // A model whose constructor threw: the loader's words name the class, the cause says why.
            throw new EngramException("cannot load a user neuron model: " + e.getMessage()
                    + (e.getCause() == null ? "" : ": " + e.getCause()), e);
        }
        return models;
    }
}
