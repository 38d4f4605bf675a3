package org.engram.learning.plasticity;

import org.engram.simulator.IndexArguments;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Problems;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Population;

/**
 * Homeostatic adaptive thresholds (Diehl and Cook 2015): each spike of a neuron raises its
 * threshold offset by {@code theta_plus}; between spikes the offset decays with tau_theta,
 * <pre>
 *   theta_j(t) = sum over spikes t_k of j before t of  theta_plus exp(-(t - t_k) / tau_theta)
 * </pre>
 * so neurons that fire much become harder to excite. The offsets are kept here, decayed lazily;
 * a neuron model reads them with {@link #offset} or {@link #offsets}.
 */
public final class AdaptiveThreshold implements SpikeListener {
    private static final String NAME = "adaptive_threshold";

    /**
     * Parameters of {@link AdaptiveThreshold}.
     *
     * @param thetaPlus  threshold increase per spike (mV or threshold units), finite, {@code >= 0}
     * @param tauThetaMs decay time constant (ms), {@code > 0}
     */
    public record Params(double thetaPlus, double tauThetaMs) {
        /**
         * Validates every parameter, reporting every problem at once.
         *
         * @param thetaPlus  threshold increase per spike (mV or threshold units), finite, {@code >= 0}
         * @param tauThetaMs decay time constant (ms), {@code > 0}
         */
        public Params {
            Problems p = new Problems(NAME);
            p.check(() -> Bounds.requireAmplitude(NAME, "theta_plus", thetaPlus, "mV"));
            p.check(() -> ParameterException.requirePositive(NAME, "tau_theta", tauThetaMs, "ms"));
            p.throwIfAny();
        }
    }

    private final Population<?, ?> population;
    private final Params p;
    private final LazyTrace theta;

    /**
     * Creates the offsets of one population, all zero.
     *
     * @param population the population whose thresholds adapt
     * @param params     the parameters
     * @throws ParameterException if either is null
     */
    public AdaptiveThreshold(Population<?, ?> population, Params params) {
        this.population = ParameterException.requireNonNull(NAME, "population", population,
                "the population whose thresholds adapt");
        this.p = ParameterException.requireNonNull(NAME, "params", params, "the rule's parameters");
        this.theta = new LazyTrace(population.size(), params.tauThetaMs());
    }

    /**
     * Raises the offset of a neuron of the population at its spike; other populations' spikes are
     * ignored.
     *
     * @param source the spiking neuron's population
     * @param neuron population-local index of the neuron
     * @param timeMs the spike time in ms, not before the neuron's last spike
     * @throws IndexOutOfBoundsException if the neuron is not one of the population's, naming it
     * @throws ParameterException        naming {@code time} if it is NaN or before the neuron's last spike
     */
    @Override
    public void onSpike(Population<?, ?> source, int neuron, double timeMs) {
        if (source == population) {
            // Cheap beside the trace's exp; a NaN time would turn the offset to NaN for good.
            IndexArguments.check("AdaptiveThreshold.onSpike", "neuron", neuron, population.size());
            requireNotBefore(theta.lastMs(neuron), timeMs);
            theta.add(neuron, timeMs, p.thetaPlus());
        }
    }

    /**
     * Refuses an engine of another network than the population's, whose spikes would raise no offset,
     * and one whose clock is before the offsets' latest time (an earlier engine's: a new engine's clock
     * starts at 0), from which they would grow rather than decay.
     */
    @Override
    public void joining(Network network, double timeMs) {
        if (network.populations().stream().noneMatch(p -> p == population)) {
            throw new ParameterException(NAME, "population", "a population of the engine's network (one built again,"
                    + " even from the same seed, has populations of its own)", "'" + population.name()
                    + "' of another network");
        }
        SpikeListener.requireNotPast(NAME + " of '" + population.name() + "'", theta.latestMs(), timeMs,
                "make new thresholds for each engine");
    }

    /**
     * The threshold offset of a neuron. Reading it changes nothing: the offsets a run reaches are, to
     * the bit, those of the same run unread.
     *
     * @param neuron the neuron, 0 to the population's size - 1
     * @param tMs    the time in ms, not before the neuron's last spike
     * @return the offset
     * @throws IndexOutOfBoundsException if {@code neuron} is not one of the population's, naming it
     * @throws ParameterException        naming {@code time} if it is NaN or before the neuron's last spike
     */
    public double offset(int neuron, double tMs) {
        IndexArguments.check("AdaptiveThreshold.offset", "neuron", neuron, population.size());
        requireNotBefore(theta.lastMs(neuron), tMs);
        return theta.peek(neuron, tMs);
    }

    /**
     * Writes every neuron's offset at a time, changing nothing, as {@link #offset} reads one.
     *
     * @param tMs the time in ms, not before the population's last spike
     * @param out receives one offset per neuron of the population
     * @throws ParameterException naming {@code time} if it is NaN or before the last spike, or the
     *                            population's name if {@code out} is null or not one value per neuron
     */
    public void offsets(double tMs, double[] out) {
        if (out == null || out.length != population.size()) {
            throw new ParameterException(NAME, population.name(), "an array of one offset per neuron ("
                    + population.size() + ")", out == null ? "null" : "an array of " + out.length);
        }
        requireNotBefore(theta.latestMs(), tMs);
        for (int i = 0; i < out.length; i++) {
            out[i] = theta.peek(i, tMs);
        }
    }

    /** Refuses a time the offsets cannot be read at: NaN, or before a spike they hold, which would grow them. */
    private void requireNotBefore(double lastMs, double tMs) {
        if (!(tMs >= lastMs)) {
            throw new ParameterException(NAME + " of '" + population.name() + "'", "time",
                    "a time in ms not before the last spike, at " + lastMs + " ms", tMs);
        }
    }
}
