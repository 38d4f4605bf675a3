package org.engram.simulator.engine;

import java.util.List;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.ExactKernel;
import org.engram.simulator.model.ExactPropagation;
import org.engram.simulator.model.InputView;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.ListedInput;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.NeuronModels;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.model.SpikeSink;
import org.engram.simulator.network.Population;

/**
 * A population's kernel, prepared by its model for a time grid and bound to the population's state:
 * what the engine runs. A model that gives no kernel, or none for precise mode, is refused here,
 * naming the population.
 */
final class BoundKernels {
    private BoundKernels() {
    }

    /**
     * Prepares the grid kernel bound to a population's state.
     *
     * @param population the population
     * @param grid       the time grid
     * @return the bound kernel
     * @throws ParameterException if the model gives no kernel
     */
    static <P extends Record, S extends NeuronState> GridUpdate<S> grid(Population<P, S> population,
                                                                       TimeGrid grid) {
        Kernel<S> kernel = requireKernel(population, population.model().prepare(population.params(), grid), "prepare");
        boolean takesListed = kernel.takesListedInput();
        if (takesListed) {
            requireListingKernel(population, kernel);
        }
        return new GridUpdate<>(kernel, population.state(), kernel.clearsInput(), takesListed);
    }

    /**
     * Prepares the exact kernel bound to a population's state.
     *
     * @param population the population
     * @param grid       the time grid
     * @return the bound kernel
     * @throws ParameterException if the model does not implement {@link ExactPropagation}, or gives no kernel
     */
    @SuppressWarnings("unchecked")
    static <P extends Record, S extends NeuronState> ExactUpdate<S> exact(Population<P, S> population,
                                                                          TimeGrid grid) {
        NeuronModel<P, S> model = population.model();
        if (!(model instanceof ExactPropagation)) {
            List<String> exact = NeuronModels.all().stream().filter(m -> m instanceof ExactPropagation)
                    .map(NeuronModel::name).toList();
            throw new ParameterException("population '" + population.name() + "'", "model",
                    "a model with exact propagation for precise mode (one of " + exact + ")", model.name(),
                    "run the network in grid mode, or implement ExactPropagation in the model");
        }
        ExactKernel<S> kernel = requireKernel(population,
                ((ExactPropagation<P, S>) model).prepareExact(population.params(), grid), "prepareExact");
        return new ExactUpdate<>(kernel, population.state());
    }

    /**
     * Refuses a kernel that says it takes listed input but does not clear its input, or does not implement
     * {@link Kernel#updateListed}: the engine lists only large populations' input, so a small test would pass
     * and a large run fail, or silently read rows of input the engine never cleared.
     */
    private static void requireListingKernel(Population<?, ?> population, Kernel<?> kernel) {
        String owner = "model '" + population.model().name() + "'";
        if (!kernel.clearsInput()) {
            throw new ParameterException(owner, "kernel", "clearsInput() true in a kernel whose takesListedInput() is "
                    + "true, as the engine leaves the rows of listed input to the kernel (population '"
                    + population.name() + "')", "false");
        }
        try {
            Class<?> declaring = kernel.getClass().getMethod("updateListed", NeuronState.class, int.class, int.class,
                    int.class, InputView.class, ListedInput.class, SpikeSink.class).getDeclaringClass();
            if (declaring == Kernel.class) {
                throw new ParameterException(owner, "kernel", "updateListed implemented in a kernel whose "
                        + "takesListedInput() is true (population '" + population.name() + "')",
                        "Kernel's default, which refuses listed input");
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Kernel declares updateListed", e);
        }
    }

    /** A model's kernel, refused when null: a model's own code would otherwise fail inside the first run. */
    private static <K> K requireKernel(Population<?, ?> population, K kernel, String method) {
        if (kernel == null) {
            throw new ParameterException("model '" + population.model().name() + "'", method,
                    "a kernel for population '" + population.name() + "'", null);
        }
        return kernel;
    }

    /**
     * A grid kernel bound to a population's state.
     *
     * @param kernel      the kernel
     * @param state       the state
     * @param clearsInput whether the kernel clears the input rows it reads ({@link Kernel#clearsInput()})
     * @param takesListed whether the kernel takes listed input ({@link Kernel#takesListedInput()}); only
     *                    one that clears its input does, as the engine leaves its rows to it
     * @param <S>         the state class
     */
    record GridUpdate<S extends NeuronState>(Kernel<S> kernel, S state, boolean clearsInput, boolean takesListed) {
        /**
         * Advances neurons {@code [lo, hi)} through steps {@code [from, to)}.
         *
         * @param lo   first neuron
         * @param hi   end neuron, exclusive
         * @param from first step
         * @param to   end step, exclusive
         * @param in   input view
         * @param out  spike sink
         */
        void update(int lo, int hi, int from, int to, InputView in, SpikeSink out) {
            kernel.update(state, lo, hi, from, to, in, out);
        }

        /**
         * Advances neurons {@code [lo, hi)} through step {@code step} with its synaptic input listed.
         *
         * @param lo     first neuron
         * @param hi     end neuron, exclusive
         * @param step   the step
         * @param in     input view, for the current
         * @param listed the step's synaptic input
         * @param out    spike sink
         */
        void updateListed(int lo, int hi, int step, InputView in, ListedInput listed, SpikeSink out) {
            kernel.updateListed(state, lo, hi, step, in, listed, out);
        }
    }

    /**
     * An exact kernel bound to a population's state.
     *
     * @param kernel the kernel
     * @param state  the state
     * @param <S>    the state class
     */
    record ExactUpdate<S extends NeuronState>(ExactKernel<S> kernel, S state) {
        /** @return the state's injected currents, or null when the kernel takes none */
        double[] injectedCurrentPa() {
            return kernel.injectedCurrentPa(state);
        }
    }
}
