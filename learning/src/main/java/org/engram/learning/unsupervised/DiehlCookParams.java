package org.engram.learning.unsupervised;

import org.engram.learning.plasticity.Pairing;
import org.engram.learning.plasticity.PairStdp;
import org.engram.learning.plasticity.WeightDependence;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.AdaptiveLif;
import org.engram.simulator.model.LifExp;

/**
 * Parameters of the Diehl and Cook (2015) network; {@link #paper(int)} gives the paper's values.
 *
 * <p>The paper uses conductance-based synapses, {@code tau_m dV/dt = (E_rest - V) + g_e (E_exc - V)
 * + g_i (E_inh - V)}, with conductances in units of the leak conductance. This implementation uses
 * the simulator's current-based models ({@link AdaptiveLif} for the excitatory layer, whose
 * spike-triggered threshold {@code a} is the paper's homeostatic {@code theta}, and {@link LifExp}
 * for the inhibitory layer), with each driving force {@code E - V} frozen at a typical potential:
 * {@code V = -60 mV} in excitatory and {@code -50 mV} in inhibitory neurons. A conductance
 * {@code g} then becomes a current {@code g (E - V_typ) / R} with {@code R = tau_m / C_m}. The
 * excitatory capacitance is chosen as {@code C_m = tau_m / (E_exc - V_typ) = 100 / 60 pF}, so
 * {@code R = 60 mV/pA} and an input weight in pA equals the paper's conductance: the STDP
 * parameters, weight bound and normalisation total keep the paper's numbers.
 *
 * <p>Sources. The paper's Methods give the equations and most values; the authors' published Brian
 * code gives those the text leaves out (the initial weight range, the exact rate step of a repeated
 * sample). Where the two differ, this follows the text and says so: the threshold is
 * {@code V_th + theta} with {@code theta} starting at 0, as the paper writes it, while the code writes
 * {@code V_th - 20 mV + theta} with {@code theta} starting at 20 mV. Both start at -52 mV, but the
 * code's threshold decays towards -72 mV, {@code 20 (1 - exp(-t / tau_theta))} mV lower than ours
 * after {@code t} of simulated time (about 1 mV after 1000 samples of 500 ms). The STDP rule is
 * discussed at {@link #paperStdp()}.
 *
 * <p>Reference: P. U. Diehl and M. Cook (2015), Unsupervised learning of digit recognition using
 * spike-timing-dependent plasticity, Front. Comput. Neurosci. 9:99 (Methods 2.1-2.4).
 *
 * @param neurons      number of excitatory (and of inhibitory) neurons, {@code >= 1}
 * @param dtMs         time step (ms); the paper uses 0.5
 * @param presentation how samples are shown
 * @param excitatory   excitatory neurons; {@code tau_a} and {@code delta_a} are the paper's
 *                     {@code tau_theta} and {@code theta_plus}
 * @param inhibitory   inhibitory neurons
 * @param coupling     fixed weights, initial input weights and weight normalisation
 * @param stdp         pair STDP on the input-to-excitatory synapses (weights in pA, see above)
 */
public record DiehlCookParams(int neurons, double dtMs, Presentation presentation, AdaptiveLif.Params excitatory,
                              LifExp.Params inhibitory, Coupling coupling, PairStdp.Params stdp) {
    private static final String NAME = "diehl_cook";

    /**
     * The most neurons: the inhibitory neurons' {@code n (n - 1)} synapses are listed in one array,
     * which holds at most {@code 2^31 - 9}.
     */
    public static final int MAX_NEURONS = 46_341;
    /** The rule of {@code neurons}, for messages. */
    public static final String NEURONS_RULE = "an integer in [1, " + MAX_NEURONS + "] (the inhibitory neurons'"
            + " n (n - 1) synapses are listed in one array)";

    /**
     * Validates the whole.
     *
     * @param neurons      number of excitatory (and of inhibitory) neurons, {@code >= 1}
     * @param dtMs         time step (ms); the paper uses 0.5
     * @param presentation how samples are shown
     * @param excitatory   excitatory neurons; {@code tau_a} and {@code delta_a} are the paper's
     *                     {@code tau_theta} and {@code theta_plus}
     * @param inhibitory   inhibitory neurons
     * @param coupling     fixed weights, initial input weights and weight normalisation
     * @param stdp         pair STDP on the input-to-excitatory synapses (weights in pA, see above)
     */
    public DiehlCookParams {
        if (neurons < 1 || neurons > MAX_NEURONS) {
            throw new ParameterException(NAME, "neurons", NEURONS_RULE, neurons);
        }
        ParameterException.requirePositive(NAME, "dt", dtMs, "ms");
        if (presentation == null || excitatory == null || inhibitory == null || coupling == null || stdp == null) {
            throw new ParameterException(NAME, "parameters", "every component set", "null");
        }
        if (!(coupling.initialWeightMax() <= stdp.wMax()) || !(coupling.initialWeightMin() >= stdp.wMin())) {
            throw new ParameterException(NAME, "coupling.initial_weight", "a range inside the STDP bounds ["
                    + stdp.wMin() + ", " + stdp.wMax() + "]", "[" + coupling.initialWeightMin() + ", "
                    + coupling.initialWeightMax() + "]");
        }
    }

    /**
     * The paper's network with {@code neurons} excitatory and inhibitory neurons.
     *
     * <p>Excitatory: {@code E_rest = V_reset = -65 mV}, {@code V_th = -52 mV}, refractory 5 ms,
     * {@code tau_m = 100 ms}, {@code tau_ge = 1 ms}, {@code tau_gi = 2 ms},
     * {@code theta_plus = 0.05 mV}, {@code tau_theta = 1e7 ms}. Inhibitory: {@code E_rest = -60 mV},
     * {@code V_reset = -45 mV}, {@code V_th = -40 mV}, refractory 2 ms, {@code tau_m = 10 ms}.
     * Time step 0.5 ms. Other values: {@link Presentation#paper()}, {@link Coupling#paper()},
     * {@link #paperStdp()}.
     *
     * @param neurons number of excitatory neurons, e.g. 100, 400, 1600 or 6400 as in the paper
     * @return the parameters
     */
    public static DiehlCookParams paper(int neurons) {
        AdaptiveLif.Params exc = new AdaptiveLif.Params(100.0, 100.0 / 60.0, -65.0, -52.0, -65.0, 5.0, 0.0,
                1.0, 2.0, 1e7, 0.05);
        LifExp.Params inh = new LifExp.Params(10.0, 10.0 / 50.0, -60.0, -40.0, -45.0, 2.0, 0.0, 1.0, 2.0);
        return new DiehlCookParams(neurons, 0.5, Presentation.paper(), exc, inh, Coupling.paper(), paperStdp());
    }

    /**
     * The paper's network with one change that its current-based synapses need: each neuron's
     * input weights are normalised to a total of 20 instead of 78. A current-based synapse does
     * not saturate as the potential approaches {@code E_exc}, so with the paper's total the input
     * drive is several times that of the conductance model and the adaptive thresholds keep
     * climbing (mean 53 mV after 3000 Fashion-MNIST samples, still rising by 15 mV per 1000). On
     * Fashion-MNIST (100 neurons, 3000 training samples, seed 1; 1000 labelling samples and the
     * first 1000 test samples) totals of 78, 39, 30, 20 and 15 gave 51%, 59%, 62%, 68% and 65%.
     *
     * @param neurons number of excitatory neurons
     * @return the parameters
     */
    public static DiehlCookParams defaults(int neurons) {
        DiehlCookParams p = paper(neurons);
        return p.withCoupling(p.coupling().withTotalInputWeight(20.0));
    }

    /**
     * The paper's learning rates and trace time constants for the pre-and-post trace rule:
     * {@code eta_post = 0.01} (potentiation at a postsynaptic spike, times the presynaptic trace),
     * {@code eta_pre = 0.0001} (depression at a presynaptic spike, times the postsynaptic trace),
     * both traces 20 ms and set to 1 at a spike (nearest pairing), additive, weights in [0, 1]. The
     * traces are set to 1 as in the authors' published Brian code; the paper's text has them increased
     * by 1, which is all-to-all pairing ({@link Pairing#ALL_TO_ALL} gives it). The published code's
     * rule also multiplies each potentiation by a second, 40 ms postsynaptic trace read just before
     * the spike (a triplet term); this pair rule has no such factor.
     *
     * @return the STDP parameters
     */
    public static PairStdp.Params paperStdp() {
        return new PairStdp.Params(0.01, 0.0001, 20.0, 20.0, 0.0, 1.0, WeightDependence.ADDITIVE, Pairing.NEAREST);
    }

    /**
     * These parameters with another layer size.
     *
     * @param n number of excitatory neurons
     * @return the parameters
     */
    public DiehlCookParams withNeurons(int n) {
        return new DiehlCookParams(n, dtMs, presentation, excitatory, inhibitory, coupling, stdp);
    }

    /**
     * These parameters with another coupling.
     *
     * @param c the coupling
     * @return the parameters
     */
    public DiehlCookParams withCoupling(Coupling c) {
        return new DiehlCookParams(neurons, dtMs, presentation, excitatory, inhibitory, c, stdp);
    }

    /**
     * These parameters with another presentation.
     *
     * @param p the presentation
     * @return the parameters
     */
    public DiehlCookParams withPresentation(Presentation p) {
        return new DiehlCookParams(neurons, dtMs, p, excitatory, inhibitory, coupling, stdp);
    }

    /**
     * How samples are shown. Each input neuron fires at {@code intensity * maxRate}
     * ({@code intensity} in [0, 1]) for {@code present} ms, then every input is silent for
     * {@code rest} ms so that the network relaxes. If the excitatory layer fired fewer than
     * {@code minSpikes} spikes, the sample is shown again with the maximum rate raised by
     * {@code boostRate}, at most {@code maxBoosts} times (the paper repeats without limit).
     *
     * @param presentMs   presentation time (ms), {@code > 0}, a whole number of steps
     * @param restMs      rest time (ms), {@code >= 0}, a whole number of steps
     * @param maxRateHz   rate of an input at intensity 1 (Hz), {@code > 0}
     * @param boostRateHz increase of the maximum rate per repetition (Hz), {@code >= 0}
     * @param minSpikes   excitatory spikes a presentation needs, {@code >= 0}
     * @param maxBoosts   most repetitions of one sample, {@code >= 0}
     */
    public record Presentation(double presentMs, double restMs, double maxRateHz, double boostRateHz, int minSpikes,
                               int maxBoosts) {
        /**
         * Validates every parameter.
         *
         * @param presentMs   presentation time (ms), {@code > 0}, a whole number of steps
         * @param restMs      rest time (ms), {@code >= 0}, a whole number of steps
         * @param maxRateHz   rate of an input at intensity 1 (Hz), {@code > 0}
         * @param boostRateHz increase of the maximum rate per repetition (Hz), {@code >= 0}
         * @param minSpikes   excitatory spikes a presentation needs, {@code >= 0}
         * @param maxBoosts   most repetitions of one sample, {@code >= 0}
         */
        public Presentation {
            ParameterException.requirePositive(NAME, "present", presentMs, "ms");
            ParameterException.requireNonNegative(NAME, "rest", restMs, "ms");
            ParameterException.requirePositive(NAME, "max_rate", maxRateHz, "Hz");
            ParameterException.requireFinite(NAME, "max_rate", maxRateHz, "Hz");
            ParameterException.requireNonNegative(NAME, "boost_rate", boostRateHz, "Hz");
            ParameterException.requireFinite(NAME, "boost_rate", boostRateHz, "Hz");
            if (minSpikes < 0) {
                throw new ParameterException(NAME, "min_spikes", "an integer >= 0", minSpikes);
            }
            if (maxBoosts < 0) {
                throw new ParameterException(NAME, "max_boosts", "an integer >= 0", maxBoosts);
            }
        }

        /**
         * {@return 350 ms on, 150 ms rest, 63.75 Hz at full intensity (pixel 255 / 4), raised by
         * 31.875 Hz (the published code's intensity step) while fewer than 5 spikes occur,
         * at most 10 times}
         */
        public static Presentation paper() {
            return new Presentation(350.0, 150.0, 63.75, 31.875, 5, 10);
        }
    }

    /**
     * Weights other than the learned ones, and the learned ones' start and normalisation.
     *
     * <p>The paper's conductances are 10.4 (excitatory to inhibitory) and 17 (inhibitory to
     * excitatory). With driving forces {@code E_exc - V_typ = 0 - (-50) = 50 mV} in inhibitory
     * and {@code E_inh - V_typ = -100 - (-60) = -40 mV} in excitatory neurons and the
     * resistances of {@link DiehlCookParams#paper(int)} ({@code R = 50} and {@code 60 mV/pA}),
     * they become 10.4 pA and {@code -17 * 40 / 60 = -11.33} pA.
     *
     * @param initialWeightMin   lowest initial input weight (pA)
     * @param initialWeightMax   highest initial input weight (pA), {@code >= initialWeightMin}
     * @param excToInhPa         weight of each excitatory neuron onto its inhibitory partner (pA), {@code >= 0}
     * @param inhToExcPa         weight of each inhibitory neuron onto every other excitatory neuron (pA), {@code <= 0}
     * @param totalInputWeight   sum of each excitatory neuron's input weights after normalisation (pA), {@code > 0}
     * @param delayMs            delay of every synapse (ms), a whole number of steps {@code >= 1}
     */
    public record Coupling(double initialWeightMin, double initialWeightMax, double excToInhPa, double inhToExcPa,
                           double totalInputWeight, double delayMs) {
        /**
         * Validates every parameter.
         *
         * @param initialWeightMin lowest initial input weight (pA)
         * @param initialWeightMax highest initial input weight (pA), {@code >= initialWeightMin}
         * @param excToInhPa       weight of each excitatory neuron onto its inhibitory partner (pA), {@code >= 0}
         * @param inhToExcPa       weight of each inhibitory neuron onto every other excitatory neuron (pA),
         *                         {@code <= 0}
         * @param totalInputWeight sum of each excitatory neuron's input weights after normalisation (pA), {@code > 0}
         * @param delayMs          delay of every synapse (ms), a whole number of steps {@code >= 1}
         */
        public Coupling {
            ParameterException.requireNonNegative(NAME, "initial_weight_min", initialWeightMin, "pA");
            ParameterException.requireFinite(NAME, "initial_weight_max", initialWeightMax, "pA");
            if (!(initialWeightMax >= initialWeightMin)) {
                throw new ParameterException(NAME, "initial_weight_max", "a weight >= initial_weight_min = "
                        + initialWeightMin + " (pA)", initialWeightMax);
            }
            ParameterException.requireNonNegative(NAME, "exc_to_inh", excToInhPa, "pA");
            ParameterException.requireFinite(NAME, "exc_to_inh", excToInhPa, "pA");
            if (!(inhToExcPa <= 0) || !Double.isFinite(inhToExcPa)) {
                throw new ParameterException(NAME, "inh_to_exc", "a finite weight <= 0 (pA)", inhToExcPa);
            }
            ParameterException.requirePositive(NAME, "total_input_weight", totalInputWeight, "pA");
            ParameterException.requireFinite(NAME, "total_input_weight", totalInputWeight, "pA");
            ParameterException.requirePositive(NAME, "delay", delayMs, "ms");
        }

        /**
         * {@return initial input weights uniform in [0.003, 0.303] (the published code's
         * {@code 0.3 (U + 0.01)}), 10.4 and -11.33 pA lateral weights, input weights of each
         * neuron normalised to a total of 78, every delay one 0.5 ms step (the paper's
         * lateral connections act at once; its random 0-10 ms input delays are not used)}
         */
        public static Coupling paper() {
            return new Coupling(0.003, 0.303, 10.4, -17.0 * 40.0 / 60.0, 78.0, 0.5);
        }

        /**
         * This coupling with another normalisation total, e.g. scaled to a smaller input.
         *
         * @param total the sum of each neuron's input weights (pA)
         * @return the coupling
         */
        public Coupling withTotalInputWeight(double total) {
            return new Coupling(initialWeightMin, initialWeightMax, excToInhPa, inhToExcPa, total, delayMs);
        }
    }
}
