package org.engram.simulator.event;

import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Population;

/**
 * Sees every spike of a run; the hook through which plasticity rules (in the learning module)
 * observe pre- and postsynaptic spikes and change plastic weights.
 *
 * <p>The engine calls listeners on one thread, once per spike, in canonical order (time, then
 * network-wide neuron index: in grid mode a step's spikes share its time, in precise mode they come
 * at their exact times within the step), at the edge of each slice and immediately before that spike
 * is delivered to its targets, so a weight changed here is the weight the spike delivers. A
 * listener must not allocate per call if it is to stay cheap. What a listener throws stops the run
 * mid-slice, which spends the network (it must be built again), and reaches the caller of
 * {@code run} wrapped in a {@code ListenerFailed} that names the listener and the spike (an
 * {@code EngramException} or an {@code Error} as it is): so does a call the engine refuses during
 * a run, such as {@code run}, {@code close} or {@code removeListener} on the running engine (or,
 * as an {@code EngramException}, adding a listener twice).
 */
@FunctionalInterface
public interface SpikeListener {

    /**
     * Called for each spike.
     *
     * @param population the population of the spiking neuron
     * @param neuron     population-local index of the neuron
     * @param timeMs     the spike time in ms
     */
    void onSpike(Population<?, ?> population, int neuron, double timeMs);

    /**
     * Called once all spikes at {@code timeMs} have been passed to {@link #onSpike} (and, for a
     * listener, delivered), before any later spike; a listener that must treat simultaneous spikes
     * alike (a plasticity rule pairing pre- and postsynaptic spikes of one instant) finishes them
     * here, as may an observer that counts coincidences. In precise mode the spikes of one instant
     * may lie a few ulps apart, as two routes to one moment do (a spike at 0.7 ms delayed by 0.1 ms
     * arrives at 0.7999999999999999): they count as one instant
     * ({@link org.engram.simulator.engine.TimeGrid#atOrBefore}). Does nothing by default.
     *
     * @param timeMs the time of the spikes just handled (the last of them in precise mode)
     */
    default void afterSpikesAt(double timeMs) {
    }

    /**
     * Called as an engine adds this listener or observer ({@code addListener}, {@code addObserver}),
     * before it is shown a spike, with the engine's network and the time its clock reads. A listener
     * that cannot follow them refuses by throwing a {@link org.engram.simulator.ParameterException},
     * which the engine passes on without adding it: one that has seen later times (on an earlier
     * engine of the network, whose clock a new engine restarts at 0), or that changes another network
     * (the same network built again). The monitors and plasticity rules refuse so; accepts by default.
     *
     * @param network the engine's network
     * @param timeMs  the engine's time in ms; a listener added during a run is shown spikes from the
     *                next slice on, at or after this time
     */
    default void joining(Network network, double timeMs) {
    }

    /**
     * Called before each run of an engine this listener or observer is added to, on the thread that
     * calls {@code run}, once the engine has checked the network's state and weights; the time is the
     * engine's as the run starts. A listener that holds rules for what code may write between runs
     * checks them here and refuses by throwing a {@link org.engram.simulator.ParameterException},
     * which the engine passes on before the run starts, leaving the engine and the network as they
     * were: a plasticity rule refuses weights written outside its bounds. Anything else it throws
     * comes wrapped in a {@code ListenerFailed} naming it, the run not started. Does nothing by default.
     *
     * @param timeMs the engine's time in ms
     */
    default void beforeRun(double timeMs) {
    }

    /**
     * The refusal of {@link #joining} for a listener shown a spike later than the joining engine's
     * clock: its record or its traces would go on with earlier times.
     *
     * @param owner   the listener, for the message (e.g. {@code "spike recorder of 'exc'"})
     * @param lastMs  the time of the last spike it was shown (ms), minus infinity for none
     * @param timeMs  the joining engine's time (ms)
     * @param instead what to do instead, e.g. {@code "record the new engine's spikes with a new recorder"}
     * @throws ParameterException naming {@code engine} if {@code lastMs} is later than {@code timeMs}
     *                            (by more than the rounding of grid times)
     */
    static void requireNotPast(String owner, double lastMs, double timeMs, String instead) {
        if (!TimeGrid.atOrBefore(lastMs, timeMs)) {
            throw new ParameterException(owner, "engine", "an engine whose clock has reached the last spike shown, at "
                    + TimeGrid.shownMs(lastMs) + " ms (a new engine's clock starts at 0)", TimeGrid.shownMs(timeMs)
                    + " ms", instead);
        }
    }
}
