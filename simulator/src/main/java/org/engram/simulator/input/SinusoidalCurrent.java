package org.engram.simulator.input;

import org.engram.simulator.ParameterException;
import org.engram.simulator.network.Population;

/**
 * A sinusoidal current (as NEST's {@code ac_generator}): {@code I(t) = offset + amplitude
 * sin(2 pi f t + phase)}, {@code t} from the engine's time 0, into chosen neurons.
 *
 * <p>The engine injects, over each time step, the current's mean over that step, so that every step
 * delivers the charge of the sinusoid itself: a LIF neuron's potential at the steps' ends then differs
 * from its response to the continuous current by a relative error of second order in {@code dt}
 * (the value at each step's start would lag by half a step). In grid and precise mode alike; in precise
 * mode the current changes at every step, so each driven neuron is moved to every step's start.
 *
 * @param target      the population
 * @param neurons     population-local neurons that receive the current, or {@code null} for all
 * @param amplitudePa the amplitude in pA, finite
 * @param frequencyHz the frequency in Hz, finite and {@code >= 0} (0: the constant
 *                    {@code offset + amplitude sin(phase)})
 * @param phaseDeg    the phase at time 0 in degrees, finite
 * @param offsetPa    the constant current added in pA, finite
 */
public record SinusoidalCurrent(Population<?, ?> target, int[] neurons, double amplitudePa, double frequencyHz,
                                double phaseDeg, double offsetPa) {
    /** Validates the values and indices. */
    public SinusoidalCurrent {
        if (target == null) {
            throw new ParameterException("sinusoidal current", "target", "a population", "null");
        }
        String owner = "sinusoidal current into '" + target.name() + "'";
        ParameterException.requireFinite(owner, "amplitude_pa", amplitudePa, "pA");
        ParameterException.requireNonNegative(owner, "frequency_hz", frequencyHz, "Hz");
        ParameterException.requireFinite(owner, "frequency_hz", frequencyHz, "Hz");
        ParameterException.requireFinite(owner, "phase_deg", phaseDeg, "deg");
        ParameterException.requireFinite(owner, "offset_pa", offsetPa, "pA");
        neurons = ChosenNeurons.require(owner, target, neurons);
    }

    /** {@return a copy of the neurons, or {@code null} for all: the checked list cannot be changed through it} */
    @Override
    public int[] neurons() {
        return neurons == null ? null : neurons.clone();
    }

    /**
     * The current's mean over a time interval: {@code offset + amplitude sin(w t_mid + phase) sinc(w d / 2)}
     * with {@code w = 2 pi f}, {@code t_mid} the interval's middle and {@code d} its length, the
     * difference of cosines that the integral gives written without cancellation.
     *
     * @param fromMs the interval's start (ms)
     * @param toMs   its end (ms), {@code > fromMs}
     * @return the mean current in pA
     */
    public double meanPa(double fromMs, double toMs) {
        double radiansPerMs = 2 * Math.PI * frequencyHz / 1000;
        double half = 0.5 * radiansPerMs * (toMs - fromMs);
        double sinc = half == 0 ? 1 : StrictMath.sin(half) / half;
        double middle = radiansPerMs * 0.5 * (fromMs + toMs) + Math.toRadians(phaseDeg);
        return offsetPa + amplitudePa * StrictMath.sin(middle) * sinc;
    }
}
