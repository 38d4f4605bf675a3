package org.engram.simulator.network;

import java.util.List;
import java.util.function.Function;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Suggestions;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.input.ConstantCurrents;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.NoiseCurrent;
import org.engram.simulator.input.PoissonInput;
import org.engram.simulator.input.SinusoidalCurrent;

/**
 * A built network: populations, projections and inputs on a time grid. Its structure is fixed;
 * neuron state and plastic weights change as it runs.
 *
 * <p>One engine at a time simulates a network: two open engines would advance the same state.
 * A later grid-mode engine continues from the state the earlier one left, at its own time 0:
 * neuron variables carry over and Poisson inputs go on with their trains (rather than repeat
 * them; a changing rate's schedule, though, starts again from the later engine's time 0, as a
 * current source's does); Poisson sources go on with their trains too (a model that keeps steps
 * of the clock moves them in {@code NeuronState.continueAfter}), but the spike times of
 * {@code spike_times} sources keep the earlier clock, so replace them
 * ({@code SpikeTimes.State.load}) or build the network again. Current sources
 * follow each engine's clock: a later engine applies their schedule again from its time 0. Spikes still on
 * their way when the earlier engine closed are not delivered: the later engine's synapses start
 * empty (to continue without a break, run the same engine again). After a
 * precise-mode run every neuron's state holds times of that engine's clock (the end of
 * refractoriness, a source's next spike), and after a failed run it is half advanced: then no
 * other engine may take the network, and it must be built again (the same seed builds the same
 * network). The same holds after an engine dropped without being closed has been garbage
 * collected, as the steps it ran went with it.
 */
public final class Network {
    private final TimeGrid grid;
    private final long seed;
    private final List<Population<?, ?>> populations;
    private final List<Projection> projections;
    private final List<PoissonInput> poissonInputs;
    private final List<CurrentSource> currentSources;
    private final List<ConstantCurrents> constantCurrents;
    private final List<NoiseCurrent> noiseCurrents;
    private final List<SinusoidalCurrent> sinusoidalCurrents;

    Network(TimeGrid grid, long seed, List<Population<?, ?>> populations, List<Projection> projections,
            List<PoissonInput> poissonInputs, List<CurrentSource> currentSources,
            List<ConstantCurrents> constantCurrents, List<NoiseCurrent> noiseCurrents,
            List<SinusoidalCurrent> sinusoidalCurrents) {
        this.grid = grid;
        this.seed = seed;
        this.populations = List.copyOf(populations);
        this.projections = List.copyOf(projections);
        this.poissonInputs = List.copyOf(poissonInputs);
        this.currentSources = List.copyOf(currentSources);
        this.constantCurrents = List.copyOf(constantCurrents);
        this.noiseCurrents = List.copyOf(noiseCurrents);
        this.sinusoidalCurrents = List.copyOf(sinusoidalCurrents);
    }

    /** {@return the time grid} */
    public TimeGrid grid() {
        return grid;
    }

    /** {@return the seed every random stream derives from} */
    public long seed() {
        return seed;
    }

    /** {@return the populations in the order they were added} */
    public List<Population<?, ?>> populations() {
        return populations;
    }

    /**
     * The population with a given name.
     *
     * @param name the name
     * @return the population
     * @throws ParameterException if no population has that name; the message lists the names and
     *                            suggests the closest one
     */
    public Population<?, ?> population(String name) {
        return named("population", populations, Population::name, name);
    }

    /**
     * The projection with a given name, e.g. to reach the live weights a plasticity rule changes.
     *
     * @param name the name given to {@code NetworkBuilder.connect}
     * @return the projection
     * @throws ParameterException if no projection has that name; the message lists the names and
     *                            suggests the closest one
     */
    public Projection projection(String name) {
        return named("projection", projections, Projection::name, name);
    }

    private static <T> T named(String kind, List<T> items, Function<T, String> nameOf, String name) {
        for (T item : items) {
            if (nameOf.apply(item).equals(name)) {
                return item;
            }
        }
        List<String> names = items.stream().map(nameOf).toList();
        throw new ParameterException("network", kind, "one of " + names, name, Suggestions.didYouMean(name, names));
    }

    /** {@return the projections in the order they were added} */
    public List<Projection> projections() {
        return projections;
    }

    /** {@return the Poisson inputs} */
    public List<PoissonInput> poissonInputs() {
        return poissonInputs;
    }

    /** {@return the current sources} */
    public List<CurrentSource> currentSources() {
        return currentSources;
    }

    /** {@return the constant currents of one amplitude per neuron, those drawn as drawn} */
    public List<ConstantCurrents> constantCurrents() {
        return constantCurrents;
    }

    /** {@return the white-noise currents} */
    public List<NoiseCurrent> noiseCurrents() {
        return noiseCurrents;
    }

    /** {@return the sinusoidal currents} */
    public List<SinusoidalCurrent> sinusoidalCurrents() {
        return sinusoidalCurrents;
    }

    /** {@return the total number of neurons} */
    public int neuronCount() {
        int n = 0;
        for (Population<?, ?> p : populations) {
            n += p.size();
        }
        return n;
    }

    /** {@return the total number of synapses} */
    public long synapseCount() {
        long n = 0;
        for (Projection p : projections) {
            n += p.synapseCount();
        }
        return n;
    }

    /** {@return bytes held by all synapse arrays divided by the number of synapses (0 if none)} */
    public double bytesPerSynapse() {
        long bytes = 0;
        for (Projection p : projections) {
            bytes += p.bytes();
        }
        long n = synapseCount();
        return n == 0 ? 0 : (double) bytes / n;
    }

    /** {@return the smallest synaptic delay in steps, or 1 if there are no synapses} */
    public int minDelaySteps() {
        int min = Integer.MAX_VALUE;
        for (Projection p : projections) {
            if (p.synapseCount() > 0) {
                min = Math.min(min, p.minDelaySteps());
            }
        }
        return min == Integer.MAX_VALUE ? 1 : min;
    }

    /**
     * {@return the largest synaptic delay in steps, or 1 if there are no synapses; a projection
     * without synapses has no delay, so it does not lengthen the engine's ring buffers}
     */
    public int maxDelaySteps() {
        int max = 1;
        for (Projection p : projections) {
            if (p.synapseCount() > 0) {
                max = Math.max(max, p.maxDelaySteps());
            }
        }
        return max;
    }

    /**
     * The largest delay of the synapses into one population: how many steps ahead its input can
     * be sent, which its input buffers must hold.
     *
     * @param target a population of this network
     * @return the delay in steps, or 0 if no synapse reaches the population
     */
    public int maxDelayStepsInto(Population<?, ?> target) {
        int max = 0;
        for (Projection p : projections) {
            if (p.target() == target && p.synapseCount() > 0) {
                max = Math.max(max, p.maxDelaySteps());
            }
        }
        return max;
    }
}
