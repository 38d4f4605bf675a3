package org.engram.simulator.model;

import java.util.Map;
import org.engram.simulator.input.NoiseCurrent;

/**
 * What to tell a user who names a neuron model or device as NEST does: the built-in model or input
 * that takes its place. Spelling alone misled here: {@code aeif_cond_exp} was offered
 * {@code lif_cond_exp}, a neuron without adaptation, and {@code iaf_psc_delta} nothing.
 */
final class NestModelNames {
    private static final String PRECISE = " in precise mode (NEST's _ps models keep off-grid spike times, as"
            + " precise mode does)";
    private static final String NO_ALPHA_ADEX = " has no counterpart here: adex (exponential current synapses) or"
            + " adex_cond (exponential conductances) is the nearest";

    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("iaf_psc_delta", "NEST's iaf_psc_delta is lif_delta here"),
            Map.entry("iaf_psc_exp", "NEST's iaf_psc_exp is lif_exp here"),
            Map.entry("iaf_psc_alpha", "NEST's iaf_psc_alpha is lif_alpha here"),
            Map.entry("iaf_psc_delta_ps", "NEST's iaf_psc_delta_ps is lif_delta here" + PRECISE),
            Map.entry("iaf_psc_exp_ps", "NEST's iaf_psc_exp_ps is lif_exp here" + PRECISE),
            Map.entry("iaf_psc_alpha_ps", "NEST's iaf_psc_alpha_ps is lif_alpha here" + PRECISE),
            Map.entry("iaf_cond_exp", "NEST's iaf_cond_exp is lif_cond_exp here"),
            // NEST's alpha conductance peaks at the weight at t = tau_syn: integral e w tau_syn, e times the jump's.
            Map.entry("iaf_cond_alpha", "NEST's iaf_cond_alpha has no counterpart here: lif_cond_exp is the"
                    + " nearest, whose conductance jumps by a spike's weight and decays with tau_syn, where"
                    + " iaf_cond_alpha's rises to the weight at tau_syn and falls as an alpha function, carrying e ="
                    + " 2.72 times the charge of lif_cond_exp's of the same weight"),
            Map.entry("aeif_psc_exp", "NEST's aeif_psc_exp is adex here"),
            Map.entry("aeif_cond_exp", "NEST's aeif_cond_exp is adex_cond here"),
            Map.entry("aeif_psc_alpha", "NEST's aeif_psc_alpha" + NO_ALPHA_ADEX),
            Map.entry("aeif_cond_alpha", "NEST's aeif_cond_alpha" + NO_ALPHA_ADEX),
            Map.entry("hh_psc_alpha", "NEST's hh_psc_alpha is hh_alpha here"),
            Map.entry("spike_generator", "NEST's spike_generator is spike_times here"),
            Map.entry("parrot_neuron", "NEST's parrot_neuron, which repeats the spikes it receives, has no model"
                    + " here: behind a spike_generator it is the spike_times population itself, behind a"
                    + " poisson_generator a poisson_source population (each neuron's train shared by its targets)"),
            Map.entry("sinusoidal_poisson_generator", "NEST's sinusoidal_poisson_generator has no counterpart here:"
                    + " no input's rate follows a sinusoid, but a Poisson input with times_ms and rates_hz gives a"
                    + " rate that changes in steps"),
            Map.entry("poisson_generator", "NEST's poisson_generator, which sends each target a train of its own,"
                    + " is a Poisson input here (PoissonInput; a config's inputs entry of type poisson);"
                    + " poisson_source is a population whose targets share each neuron's train, as"
                    + " parrot_neurons behind a poisson_generator do"),
            Map.entry("inhomogeneous_poisson_generator", "NEST's inhomogeneous_poisson_generator is a Poisson"
                    + " input here with times_ms and rates_hz"),
            Map.entry("dc_generator", "NEST's dc_generator is a current input here (a config's inputs entry of"
                    + " type current, or the model's i_e)"),
            Map.entry("step_current_generator", "NEST's step_current_generator is a current input here (a"
                    + " config's inputs entry of type current)"),
            Map.entry("noise_generator", "NEST's noise_generator is a noise input here (a config's inputs entry"
                    + " of type noise), which draws " + NoiseCurrent.NEST_STD),
            Map.entry("ac_generator", "NEST's ac_generator is a sinusoidal input here (a config's inputs entry"
                    + " of type sinusoidal)"));

    private NestModelNames() {
    }

    /**
     * The hint for a name NEST gives a model or device.
     *
     * @param name the name as written, e.g. {@code "iaf_psc_exp"}
     * @return what takes its place here, or {@code null} for a name NEST does not use (or uses as Engram does)
     */
    static String hintFor(String name) {
        return HINTS.get(name);
    }
}
