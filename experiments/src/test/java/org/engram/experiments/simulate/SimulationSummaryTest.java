package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.engram.experiments.run.Platform;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.SpikeStatistics;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.TsodyksMarkram;
import org.engram.simulator.network.connect.Rules;
import org.engram.experiments.simulate.SimulationSummary.ListedSynapse;
import org.engram.experiments.simulate.SimulationSummary.PlasticitySummary;
import org.engram.experiments.simulate.SimulationSummary.PopulationSummary;
import org.engram.experiments.simulate.SimulationSummary.ShortTermSummary;
import org.engram.experiments.simulate.SimulationSummary.SimulationProvenance;
import org.engram.experiments.simulate.SimulationSummary.WeightRecording;
import org.junit.jupiter.api.Test;

/** The text of {@code summary.md}, line by line, written out by hand for summaries made up to show each branch. */
class SimulationSummaryTest {
    private static final SimulationProvenance PROVENANCE = new SimulationProvenance("v", null, "17", "vm", "os",
            "arch", 2, "2026-01-01T00:00:00Z", "sha", List.of());

    /**
     * A run of three threads that ran on one, recorded from 20 ms on, of the first 5 neurons: a plastic projection
     * with synapses and one without, a weight recording with synapses and one without, a short-term projection
     * whose sources spiked and one whose did not, and a population without a CV.
     */
    @Test
    void everyLineOfAFullSummaryIsAsWritten() {
        SimulationSummary s = new SimulationSummary("net", 1, 1, 12.345, 50.0, 0.1, "grid", 3, false, 7L, 0.25,
                0.5, 9, 1234, 2468, "abc", 20.0, 5,
                List.of(new PopulationSummary("exc", 5, 12, 4.0, 0.456, 3),
                        new PopulationSummary("inh", 1, 0, 0.0, null, 0)),
                List.of(new PlasticitySummary("exc->exc", "pair_stdp", 1, 0.5, 0.625),
                        new PlasticitySummary("exc->inh", "triplet_stdp", 0, null, null)),
                List.of(new ShortTermSummary("exc->inh", "tm", 0.5, 100, 0, 5, 2, 0.25, 0.75),
                        new ShortTermSummary("inh->exc", "tm2", 0.2, 50, 10, 1, 0, null, null)),
                List.of(new WeightRecording("exc->exc", "weights_exc_to_exc.csv", 2.5, 21,
                                List.of(new ListedSynapse(3, 1, 2)), 0.5, 0.625),
                        new WeightRecording("exc->inh", "weights_exc_to_inh.csv", 10, 6, List.of(), null, null)),
                PROVENANCE, List.of());
        assertEquals(List.of(
                "# Simulation net",
                "",
                "- 1 neuron, 1 synapse (12.35 bytes per synapse)",
                "- 50 ms simulated at dt = 0.1 ms, grid mode, 3 threads (run on one: slices of the minimum delay"
                        + " too small to share), seed 7",
                "- setup 0.250 s, simulation loop 0.500 s, 1234 synaptic events (2.47e+03 per second)",
                "- spike hash abc",
                "- projection exc->exc (pair_stdp, 1 synapse): mean weight 0.500000 before the run, 0.625000 after",
                "- projection exc->inh (triplet_stdp): no synapses",
                "- weights of exc->exc every 2.5 ms: 21 samples in weights_exc_to_exc.csv, 1 synapse listed;"
                        + " mean weight 0.500000 at the first sample, 0.625000 at the last",
                "- weights of exc->inh every 10 ms: 6 samples in weights_exc_to_inh.csv, 0 synapses listed",
                "- projection exc->inh (tm): 2 of 5 sources spiked; after their last spike mean u 0.250000,"
                        + " mean resources left x 0.750000",
                "- projection inh->exc (tm2): 0 of 1 source spiked",
                "",
                "| population | neurons | spikes | rate per neuron (Hz) | mean CV of ISI | neurons in the CV |",
                "|---|---:|---:|---:|---:|---:|",
                "| exc | 5 | 12 | 4.00 | 0.46 | 3 |",
                "| inh | 1 | 0 | 0.00 | - | 0 |",
                "",
                "The CV is each neuron's sample standard deviation of its inter-spike intervals over their mean,"
                        + " averaged over the neurons with at least two intervals; spikes, rates and CVs are from 20 ms"
                        + " (record.from_ms) to the end of the run, of the first 5 neurons of each population, all of"
                        + " a smaller one (record.spike_neurons; the rates_<population>.csv files count every"
                        + " neuron).",
                "",
                "Files (their columns and units: results/README.md in the Engram repository):",
                "",
                "- config.yaml",
                "- summary.md"), s.markdown(List.of("config.yaml", "summary.md")).lines().toList());
    }

    /**
     * Only the sources that spiked count in the short-term summary. With U = 0.5 and no facilitation, a first
     * spike leaves u = 0.5 and x = 1 - 0.5 = 0.5; a second at the same moment (no recovery) leaves u = 0.5 and
     * x = 0.5 - 0.5 * 0.5 = 0.25. Sources 0 (one spike) and 2 (two) spiked, source 1 never: 2 of 3, mean u 0.5,
     * mean x (0.5 + 0.25) / 2 = 0.375; source 1's rest values (u 0, x 1) would pull both means.
     */
    @Test
    void theShortTermMeansAreOverTheSourcesThatSpiked() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> src = b.population("src", 3, LifDelta.MODEL, LifDelta.MODEL.defaults());
        Population<?, ?> post = b.population("post", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        TsodyksMarkram depressing = new TsodyksMarkram(0.5, 800, 0);
        b.connect("src->post", src, post, Rules.allToAll(), Synapses.excitatory(1).shortTermPlasticity(depressing));
        Projection p = b.build().projection("src->post");
        p.shortTermState().release(0, 1.0);
        p.shortTermState().release(2, 1.0);
        p.shortTermState().release(2, 1.0);
        ShortTermSummary s = ShortTermSummary.of(p);
        assertEquals(new ShortTermSummary("src->post", depressing.describe(), 0.5, 800, 0, 3, 2, 0.5, 0.375), s);
    }

    /**
     * A recording's entry names its file and its listed synapses by source and target: of two sources onto two
     * targets all to all, synapse 3 is source 1 onto target 1; its means are the first and last samples' (weights
     * {1, 2, 3, 6}: 3, then {0, 0, 0, 4}: 1). A projection without synapses has no mean to give.
     */
    @Test
    void aWeightRecordingListsItsSynapsesAndItsFirstAndLastMean() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> a = b.population("a", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("a->a", a, a, Rules.allToAll(), Synapses.excitatory(0.1).asPlastic());
        b.connect("none", a, a, Rules.explicit(new int[0], new int[0]), Synapses.excitatory(0.1).asPlastic());
        Network network = b.build();
        Projection p = network.projection("a->a");
        WeightSampler sampler = new WeightSampler(p, new int[] {3}, 10, 10);
        System.arraycopy(new float[] {1, 2, 3, 6}, 0, p.weights(), 0, 4);
        sampler.sampleIfDue(0);
        System.arraycopy(new float[] {0, 0, 0, 4}, 0, p.weights(), 0, 4);
        sampler.sampleIfDue(10);
        assertEquals(new WeightRecording("a->a", "weights_a_to_a.csv", 1.0, 2, List.of(new ListedSynapse(3, 1, 1)),
                3.0, 1.0), WeightRecording.of(sampler, 1.0));
        WeightSampler empty = new WeightSampler(network.projection("none"), new int[0], 10, 10);
        empty.sampleIfDue(0);
        empty.sampleIfDue(10);
        assertEquals(new WeightRecording("none", "weights_none.csv", 1.0, 2, List.of(), null, null),
                WeightRecording.of(empty, 1.0));
    }

    /** A population whose neurons have too few intervals for a CV has none (null), not NaN, which JSON lacks. */
    @Test
    void aPopulationWithoutACvHasNone() {
        assertEquals(new PopulationSummary("a", 3, 2, 5.0, null, 0),
                PopulationSummary.of("a", new SpikeStatistics(3, 2, 5.0, Double.NaN, 0)));
        assertEquals(new PopulationSummary("a", 3, 9, 15.0, 0.5, 2),
                PopulationSummary.of("a", new SpikeStatistics(3, 9, 15.0, 0.5, 2)));
    }

    /** The provenance is the platform's, with the config's SHA-256 (of "abc": the FIPS 180-2 example digest). */
    @Test
    void theProvenanceHoldsThePlatformAndTheConfigsDigest() {
        Platform platform = new Platform("1.0", "abc123", "17.0.9", "OpenJDK", "Linux 6", "amd64", 4);
        assertEquals(new SimulationProvenance("1.0", "abc123", "17.0.9", "OpenJDK", "Linux 6", "amd64", 4, "t0",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", List.of("simulate", "x.yaml")),
                SimulationProvenance.of(platform, "t0", "abc", List.of("simulate", "x.yaml")));
    }

    /**
     * A run on one thread with no synapses and no population recorded, and one whose threads all ran, recorded
     * over the whole run with every neuron: their second and table lines.
     */
    @Test
    void aRunWithoutSynapsesOrRecordedSpikesSaysSo() {
        SimulationSummary none = summary(0, 1, false, 0.0, null, List.of());
        assertEquals(List.of(
                "# Simulation net",
                "",
                "- 2 neurons, no synapses",
                "- 0.5 ms simulated at dt = 0.1 ms, precise mode, 1 thread, seed 7",
                "- setup 0.100 s, simulation loop 0.200 s, 0 synaptic events (0.00 per second)",
                "- spike hash h",
                "",
                "No population's spikes were recorded (record.spikes is empty).",
                "",
                "Files (their columns and units: results/README.md in the Engram repository):",
                "",
                "- summary.json"), none.markdown(List.of("summary.json")).lines().toList());
        List<String> parallel = summary(2, 2, true, 0.0, null, List.of(new PopulationSummary("a", 2, 3, 1.5,
                1.0, 1))).markdown(List.of()).lines().toList();
        assertEquals("- 2 neurons, 2 synapses (0.00 bytes per synapse)", parallel.get(2));
        assertEquals("- 0.5 ms simulated at dt = 0.1 ms, precise mode, 2 threads, seed 7", parallel.get(3));
        assertEquals("| a | 2 | 3 | 1.50 | 1.00 | 1 |", parallel.get(9));
        assertEquals("The CV is each neuron's sample standard deviation of its inter-spike intervals over their"
                + " mean, averaged over the neurons with at least two intervals; spikes, rates and CVs are over the"
                + " whole run.", parallel.get(11));
    }

    private static SimulationSummary summary(long synapses, int threads, boolean parallel, double fromMs,
                                             Integer recordedNeurons, List<PopulationSummary> populations) {
        return new SimulationSummary("net", 2, synapses, 0.0, 0.5, 0.1, "precise", threads, parallel, 7L, 0.1, 0.2,
                0, 0, 0.0, "h", fromMs, recordedNeurons, populations, List.of(), List.of(), List.of(), PROVENANCE,
                List.of());
    }
}
