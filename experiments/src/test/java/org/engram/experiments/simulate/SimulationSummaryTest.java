package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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
