package org.engram.simulator.monitor;

import org.engram.simulator.ParameterException;
import org.engram.simulator.network.Population;

/** The rule for the neurons a monitor records, shared by spike and state recorders. */
final class RecordedNeurons {
    private RecordedNeurons() {
    }

    /**
     * Checks the neurons a monitor records: at least one, distinct and ascending, in the population.
     *
     * @param owner      the monitor, for messages
     * @param population the population
     * @param neurons    population-local indices
     * @throws ParameterException naming the first index that breaks a rule, and its place
     */
    static void require(String owner, Population<?, ?> population, int[] neurons) {
        if (neurons.length == 0) {
            throw new ParameterException(owner, "neurons", "at least one population-local neuron", "none");
        }
        for (int k = 0; k < neurons.length; k++) {
            int i = neurons[k];
            boolean outside = i < 0 || i >= population.size();
            if (outside || (k > 0 && i <= neurons[k - 1])) {
                // Which entry: in a long list the value alone may not find it.
                throw new ParameterException(owner, "neurons", "distinct ascending indices in [0, "
                        + population.size() + ")", i + (outside ? "" : " after " + neurons[k - 1]) + " at neurons["
                        + k + "]");
            }
        }
    }
}
