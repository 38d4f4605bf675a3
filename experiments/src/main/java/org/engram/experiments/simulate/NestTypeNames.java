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

    /** NEST's stimulation devices. */
    static final Map<String, String> INPUTS = Map.of(
            "poisson_generator", "is type poisson here (a train of its own for each target neuron, as there)",
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
                    + " plasticity");

    /** NEST's short-term plastic synapse models. */
    static final Map<String, String> SHORT_TERM = Map.of("tsodyks2_synapse", "is type tsodyks_markram here");

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
