package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.input.RatePoissonSource;
import org.junit.jupiter.api.Test;

class NeuronModelsTest {

    /** The units of the README's model table: a jump of the potential, the peak of a current, a conductance. */
    @Test
    void everyBuiltInModelThatTakesInputNamesItsWeightUnit() {
        Map<String, String> units = Map.of("lif_delta", "mV", "lif_exp", "pA", "lif_alpha", "pA", "lif_cond_exp", "nS",
                "adaptive_lif", "pA", "adex", "pA", "adex_cond", "nS", "hh_alpha", "pA", "izhikevich", "mV");
        for (NeuronModel<?, ?> m : NeuronModels.all()) {
            assertEquals(m.takesInput() ? units.get(m.name()) : null, m.weightUnit(), m.name());
        }
        assertEquals(units.size() + 2, NeuronModels.all().size(), "the two spike sources take no input");
    }

    /** The engine refuses a cost below one LIF neuron-step, so every built-in model must state at least that. */
    @Test
    void everyBuiltInModelCostsAtLeastOneLifNeuronStep() {
        for (NeuronModel<?, ?> m : NeuronModels.all()) {
            assertTrue(m.stepCost() >= 1 && Double.isFinite(m.stepCost()), m.name() + ": " + m.stepCost());
        }
    }

    /**
     * Engram's own models are told by where their class comes from, not by a list: the built-ins and
     * {@code RatePoissonSource}, which no config names, are; a model of the tests, loaded by the same
     * loader in a package of the simulator's, is not.
     */
    @Test
    void engramsOwnModelsAreThoseOfTheSimulatorsCode() {
        for (NeuronModel<?, ?> m : NeuronModels.all()) {
            assertTrue(NeuronModels.engramsOwn(m), m.name());
        }
        assertTrue(NeuronModels.engramsOwn(RatePoissonSource.MODEL));
        assertFalse(NeuronModels.engramsOwn(new Copied()));
    }

    /** A model of the tests' own: leaky integrate-and-fire under another name. */
    private record Copied() implements NeuronModel<LifDelta.Params, LifDelta.State> {
        @Override public String name() { return "copied"; }
        @Override public Class<LifDelta.Params> parametersType() { return LifDelta.MODEL.parametersType(); }
        @Override public LifDelta.Params defaults() { return LifDelta.MODEL.defaults(); }
        @Override public LifDelta.State newState(int size, LifDelta.Params p) {
            return LifDelta.MODEL.newState(size, p);
        }
        @Override public Kernel<LifDelta.State> prepare(LifDelta.Params p, TimeGrid g) {
            return LifDelta.MODEL.prepare(p, g);
        }
    }

    @Test
    void findsEveryBuiltInModelByName() {
        assertSame(LifDelta.MODEL, NeuronModels.byName("lif_delta"));
        assertSame(LifExp.MODEL, NeuronModels.byName("lif_exp"));
        assertSame(AdaptiveLif.MODEL, NeuronModels.byName("adaptive_lif"));
        assertSame(Izhikevich.MODEL, NeuronModels.byName("izhikevich"));
        assertSame(HodgkinHuxley.MODEL, NeuronModels.byName("hh_alpha"));
        assertSame(AdexCond.MODEL, NeuronModels.byName("adex_cond"));
    }

    @Test
    void aNullNameIsRefusedNamingWhatIsMissing() {
        ParameterException e = assertThrows(ParameterException.class, () -> NeuronModels.byName(null));
        assertEquals("model", e.location());
        assertEquals("null", e.found());
    }

    @Test
    void unknownNameListsKnownNamesAndSuggestsClosest() {
        ParameterException e = assertThrows(ParameterException.class, () -> NeuronModels.byName("izhikevitch"));
        assertEquals("izhikevitch", e.found());
        assertEquals("neuron model: model: expected one of [lif_delta, lif_exp, lif_alpha, lif_cond_exp, adaptive_lif, "
                + "adex, adex_cond, hh_alpha, izhikevich, spike_times, poisson_source], found izhikevitch; "
                + "did you mean 'izhikevich'?",
                e.getMessage());
    }

    /**
     * NEST's model names are answered with the model of the same equations (README's model table), not
     * the closest spelling: {@code aeif_cond_exp} had been offered {@code lif_cond_exp}, which has no
     * adaptation, and {@code iaf_psc_delta} nothing.
     */
    @Test
    void nestModelNameIsAnsweredWithTheModelOfTheSameEquations() {
        Map<String, String> counterpart = Map.of("iaf_psc_delta", "lif_delta", "iaf_psc_exp", "lif_exp",
                "iaf_psc_alpha", "lif_alpha", "iaf_cond_exp", "lif_cond_exp", "aeif_psc_exp", "adex",
                "aeif_cond_exp", "adex_cond", "hh_psc_alpha", "hh_alpha", "spike_generator", "spike_times",
                "iaf_psc_exp_ps", "lif_exp");
        for (Map.Entry<String, String> e : counterpart.entrySet()) {
            ParameterException thrown = assertThrows(ParameterException.class, () -> NeuronModels.byName(e.getKey()));
            assertTrue(thrown.hint().startsWith("NEST's " + e.getKey() + " is " + e.getValue() + " here"),
                    thrown.hint());
            assertEquals(e.getValue(), NeuronModels.byName(e.getValue()).name(), "the hint names a model");
        }
        assertTrue(assertThrows(ParameterException.class, () -> NeuronModels.byName("iaf_psc_exp_ps")).hint()
                .contains("in precise mode"));
        String poisson = assertThrows(ParameterException.class, () -> NeuronModels.byName("poisson_generator")).hint();
        assertTrue(poisson.contains("is a Poisson input here") && poisson.contains("poisson_source"), poisson);
        String alpha = assertThrows(ParameterException.class, () -> NeuronModels.byName("aeif_cond_alpha")).hint();
        assertTrue(alpha.contains("has no counterpart here") && alpha.contains("adex_cond"), alpha);
    }

    /**
     * NEST's noise_generator holds each value for 10 resolution steps by default, Engram's noise input one: the
     * hint's factor sqrt(10) = 3.16 is the ratio of a LIF neuron's potential standard deviations,
     * {@code R std sqrt((1 - a) / (1 + a))} with {@code a = exp(-interval / tau_m)} (NEST's noise_generator
     * documentation), for the two intervals, here with tau_m 10 ms and resolution 0.1 ms; and the factor
     * sqrt(NEST's dt / dt_ms) holds for a step here other than NEST's resolution.
     */
    @Test
    void nestNoiseGeneratorIsToldHowItsStdConverts() {
        String hint = assertThrows(ParameterException.class, () -> NeuronModels.byName("noise_generator")).hint();
        assertTrue(hint.startsWith("NEST's noise_generator is a noise input here") && hint.contains("NEST's std x"
                + " sqrt(NEST's dt / dt_ms here), sqrt(10) = 3.16 x by default"), hint);
        double tauM = 10;
        double resolution = 0.1;
        double held = stationaryFactor(10 * resolution, tauM);
        double everyStep = stationaryFactor(resolution, tauM);
        assertEquals(3.16, held / everyStep, 0.005);
        // NEST's dt of 1 ms set by hand, a step here of 0.05 ms: sqrt(1 / 0.05) = 4.47, not the default's 3.16
        assertEquals(Math.sqrt(20), stationaryFactor(1.0, tauM) / stationaryFactor(0.05, tauM), 0.05);
    }

    /**
     * NEST names without a model of the same equations are told the nearest and what differs: iaf_cond_alpha's
     * conductance (peak w at tau_syn, NEST's normalisation) carries e times the charge of an exponential one
     * jumping to w, checked here by summing both over 40 time constants.
     */
    @Test
    void nestNamesWithoutACounterpartAreToldTheNearest() {
        String alpha = assertThrows(ParameterException.class, () -> NeuronModels.byName("iaf_cond_alpha")).hint();
        assertTrue(alpha.startsWith("NEST's iaf_cond_alpha has no counterpart here: lif_cond_exp is the nearest")
                && alpha.contains("e = 2.72 times the charge"), alpha);
        double tau = 2;
        double step = 1e-4;
        double alphaCharge = 0;
        double expCharge = 0;
        for (double t = step / 2; t < 40 * tau; t += step) {
            alphaCharge += t / tau * Math.exp(1 - t / tau) * step;
            expCharge += Math.exp(-t / tau) * step;
        }
        assertEquals(2.72, alphaCharge / expCharge, 0.005);
        String parrot = assertThrows(ParameterException.class, () -> NeuronModels.byName("parrot_neuron")).hint();
        assertTrue(parrot.contains("behind a spike_generator it is the spike_times population itself, behind a"
                + " poisson_generator a poisson_source population"), parrot);
        String sine = assertThrows(ParameterException.class,
                () -> NeuronModels.byName("sinusoidal_poisson_generator")).hint();
        assertTrue(sine.startsWith("NEST's sinusoidal_poisson_generator has no counterpart here"), sine);
    }

    private static double stationaryFactor(double interval, double tauM) {
        double a = Math.exp(-interval / tauM);
        return Math.sqrt((1 - a) / (1 + a));
    }

    @Test
    void distantNameGetsNoSuggestion() {
        ParameterException e = assertThrows(ParameterException.class, () -> NeuronModels.byName("morris_lecar"));
        assertNull(e.hint());
    }

    @Test
    void editDistanceCountsSingleCharacterEdits() {
        assertEquals(3, org.engram.simulator.Suggestions.editDistance("kitten", "sitting"));
        assertEquals(1, org.engram.simulator.Suggestions.editDistance("lif_exp", "lif_expp"));
        assertEquals(7, org.engram.simulator.Suggestions.editDistance("", "lif_exp"));
        assertEquals(0, org.engram.simulator.Suggestions.editDistance("qif", "qif"));
    }

    @Test
    void aSuggestionKeepsSomethingOfTheName() {
        assertEquals("lif_delta",
                org.engram.simulator.Suggestions.closest("lif_delt", List.of("lif_delta", "izhikevich")));
        assertEquals("exc", org.engram.simulator.Suggestions.closest("exd", List.of("exc", "inh")));
        // Two edits replace every character: a guess, not a typo.
        assertNull(org.engram.simulator.Suggestions.closest("zz", List.of("a")));
        assertNull(org.engram.simulator.Suggestions.closest("w", List.of("v")));
    }
}
