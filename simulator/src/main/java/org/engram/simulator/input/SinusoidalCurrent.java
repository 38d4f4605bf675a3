package org.engram.simulator.input;

import org.engram.simulator.ParameterException;
import org.engram.simulator.network.Population;

/**
 * A sinusoidal current (as NEST's {@code ac_generator}): {@code I(t) = offset + amplitude
 * sin(2 pi f t + phase)}, {@code t} from the engine's time 0, into chosen neurons.
 *
 * <p>The engine injects, over each time step, the current's mean over that step, so that every step
 * delivers the charge of the sinusoid itself: for frequencies well below {@code 1 / (2 dt)}, a LIF
 * neuron's potential at the steps' ends then differs from its response to the continuous current by
 * a relative error of second order in {@code dt} (the value at each step's start would lag by half a
 * step). At {@code 1 / dt} and its multiples every step's mean is the offset. In grid and precise
 * mode alike; in precise mode the current changes at every step, so each driven neuron is moved to
 * every step's start.
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
    /**
     * Validates the values and indices.
     *
     * @param target      the population
     * @param neurons     population-local neurons that receive the current, or {@code null} for all
     * @param amplitudePa the amplitude in pA, finite
     * @param frequencyHz the frequency in Hz, finite and {@code >= 0} (0: the constant
     *                    {@code offset + amplitude sin(phase)})
     * @param phaseDeg    the phase at time 0 in degrees, finite
     * @param offsetPa    the constant current added in pA, finite
     */
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
        double radiansPerMs = radiansPerMs();
        return mean(radiansPerMs, Math.toRadians(phaseDeg), 0.5 * (fromMs + toMs),
                sinc(0.5 * radiansPerMs * (toMs - fromMs)));
    }

    /**
     * The means over the steps of a time grid, {@link #meanPa} of each step, with what the steps
     * share worked out once.
     *
     * @param dtMs the time step (ms), {@code > 0}
     * @return the steps' means
     */
    public StepMeans stepMeans(double dtMs) {
        return new StepMeans(this, dtMs);
    }

    /** A sinusoidal current's mean over each step of a time grid. */
    public static final class StepMeans {
        private final SinusoidalCurrent wave;
        private final double dtMs;
        private final double radiansPerMs;
        private final double phase;
        private final double sinc;

        private StepMeans(SinusoidalCurrent wave, double dtMs) {
            this.wave = wave;
            this.dtMs = dtMs;
            this.radiansPerMs = wave.radiansPerMs();
            this.phase = Math.toRadians(wave.phaseDeg());
            this.sinc = sinc(0.5 * radiansPerMs * dtMs);
        }

        /**
         * {@return the mean current over step {@code step}, {@code [step dt, (step + 1) dt)}, in pA}
         *
         * @param step the step, {@code >= 0}
         */
        public double at(long step) {
            return wave.mean(radiansPerMs, phase, (step + 0.5) * dtMs, sinc);
        }
    }

    private double radiansPerMs() {
        return 2 * Math.PI * frequencyHz / 1000;
    }

    private double mean(double radiansPerMs, double phase, double middleMs, double sinc) {
        return offsetPa + amplitudePa * StrictMath.sin(radiansPerMs * middleMs + phase) * sinc;
    }

    /** {@code sin(x) / x}, 1 at 0. */
    private static double sinc(double x) {
        return x == 0 ? 1 : StrictMath.sin(x) / x;
    }
}
