package org.engram.simulator.model;

import java.util.Objects;

/**
 * A {@link NeuronModel} whose name, description and parameter type are given once, to the
 * constructor, rather than each by a method of its own; a model then writes only what is its own:
 * its defaults, its state and its kernels. The built-in models extend it; a model of one's own
 * may, or may implement {@link NeuronModel} directly.
 *
 * @param <P> the parameter record
 * @param <S> the state class
 */
public abstract class AbstractNeuronModel<P extends Record, S extends NeuronState> implements NeuronModel<P, S> {
    private final String name;
    private final String description;
    private final Class<P> parametersType;

    /**
     * Names the model.
     *
     * @param name           the name by which configs refer to it, e.g. {@code "lif_exp"}
     * @param description    a one-line description for {@code engram list} and summaries
     * @param parametersType the parameter record's class
     */
    protected AbstractNeuronModel(String name, String description, Class<P> parametersType) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.parametersType = Objects.requireNonNull(parametersType, "parametersType");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Class<P> parametersType() {
        return parametersType;
    }
}
