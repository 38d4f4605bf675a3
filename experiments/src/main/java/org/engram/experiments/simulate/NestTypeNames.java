package org.engram.experiments.simulate;

import java.util.Map;
import org.engram.simulator.input.NoiseCurrent;

/**
 * What NEST calls some of a simulation config's types (connection rules, devices, synapse models), and the
 * type here that takes each: {@code pairwise_bernoulli} and {@code poisson_generator} had been refused
 * without a word of {@code fixed_probability} and {@code poisson}, which spelling alone does not find.
 */
final class NestTypeNames {
    /** NEST's connection rules. */
    static final Map<String, String> RULES = Map.of(
            "pairwise_bernoulli", "is type fixed_probability here",
            "fixed_indegree", "is type fixed_in_degree here, its indegree k",
            "fixed_outdegree", "is type fixed_out_degree here, its outdegree k");

    /**
     * How NEST's tsodyks_synapse differs from its tsodyks2_synapse, which tsodyks_markram is: the resources a
     * spike releases stay active for tau_psc before they begin to recover (Tsodyks, Uziel and Markram 2000).
     */
    private static final String TSODYKS = "tsodyks_markram is NEST's tsodyks2_synapse, whose resources a spike"
            + " releases begin to recover with tau_rec at once, where tsodyks_synapse's first stay active for"
            + " tau_psc: the two agree where tau_psc is much shorter than tau_rec";

    /** NEST's stimulation devices. */
    static final Map<String, String> INPUTS = Map.of(
            "poisson_generator", "is type poisson here (a train of its own for each target neuron, as there)",
            "spike_generator", "is a population of model spike_times here (its params' times_ms), whose spikes a"
                    + " projection carries, rather than an input",
            "sinusoidal_poisson_generator", "has no counterpart here: no input's rate follows a sinusoid, but type"
                    + " poisson with times_ms and rates_hz gives a rate that changes in steps",
            "inhomogeneous_poisson_generator", "is type poisson here, with times_ms and rates_hz",
            "dc_generator", "is type current here, with amplitude_pa",
            "step_current_generator", "is type current here, with times_ms and amplitudes_pa",
            "noise_generator", "is type noise here, which draws " + NoiseCurrent.NEST_STD,
            "ac_generator", "is type sinusoidal here");

    /** NEST's plastic synapse models. */
    static final Map<String, String> PLASTICITY = Map.of(
            "stdp_synapse", "is type pair_stdp here (README: Pair STDP and NEST's stdp_synapse)",
            "stdp_triplet_synapse", "is type triplet_stdp here",
            "vogels_sprekeler_synapse", "is type vogels_sprekeler here",
            "tsodyks2_synapse", "is short_term: {type: tsodyks_markram} here, a key of the projection beside"
                    + " plasticity",
            "tsodyks_synapse", "is nearest short_term: {type: tsodyks_markram} here, a key of the projection beside"
                    + " plasticity; " + TSODYKS);

    /** NEST's short-term plastic synapse models. */
    static final Map<String, String> SHORT_TERM = Map.of("tsodyks2_synapse", "is type tsodyks_markram here",
            "tsodyks_synapse", "is nearest type tsodyks_markram here; " + TSODYKS);

    private NestTypeNames() {
    }

    /**
     * What to tell a user who gives a type NEST's name.
     *
     * @param names one of this class's maps
     * @param type  the type as written, or null
     * @return the hint, e.g. "NEST's pairwise_bernoulli is type fixed_probability here", or null for no NEST name
     */
    static String hint(Map<String, String> names, String type) {
        String here = type == null ? null : names.get(type);
        return here == null ? null : "NEST's " + type + " " + here;
    }
}
