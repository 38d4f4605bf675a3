package org.engram.experiments.simulate;

import java.util.ArrayList;
import java.util.List;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Projection;

/**
 * The lists a run fills with its recordings, read in place by the files, the summary and the plots.
 *
 * @param spikes            the spike recorders, one per recorded population
 * @param rates             the rate monitors, one per recorded population, in the same order
 * @param states            the state recorders
 * @param weights           the weight samplers
 * @param meanWeightsBefore each plastic projection's mean weight before the run, null for one without synapses
 */
record Recordings(List<SpikeRecorder> spikes, List<RateMonitor> rates, List<StateRecorder> states,
                  List<WeightSampler> weights, List<Double> meanWeightsBefore) {

    /** {@return empty lists, for a run to fill} */
    static Recordings empty() {
        return new Recordings(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
    }

    /** {@return the weight recordings that are drawn: of a projection with synapses, whose rows have statistics} */
    List<WeightSampler> drawnWeights() {
        return weights.stream().filter(w -> w.projection().synapseCount() > 0).toList();
    }

    /**
     * {@code record.spike_neurons} when it left out neurons of a recorded population, else null:
     * every neuron was recorded.
     */
    Integer sampledNeurons(Integer spikeNeurons) {
        return spikes.stream().anyMatch(r -> r.recordedNeuronCount() < r.population().size()) ? spikeNeurons : null;
    }

    /** The mean of a plastic projection's weights, null when it has no synapse. */
    static Double meanWeight(Projection projection) {
        float[] weights = projection.weights();
        double sum = 0;
        for (float w : weights) {
            sum += w;
        }
        return weights.length == 0 ? null : sum / weights.length;
    }
}
