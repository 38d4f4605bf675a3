package org.engram.simulator.input;

import org.engram.simulator.ParameterException;
import org.engram.simulator.network.Population;

/**
 * The neurons of its target population that an input drives (a current, a noise current, a Poisson
 * input): a list of population-local indices, or {@code null} for every neuron.
 */
final class ChosenNeurons {
    private ChosenNeurons() {
    }

    /**
     * Checks the neurons an input drives, as every input that takes a list checks them. The order
     * does not matter: each listed neuron is driven once.
     *
     * @param owner   the input, for messages
     * @param target  the population
     * @param neurons population-local indices, or {@code null} for all
     * @return a copy of the indices, or {@code null}
     * @throws ParameterException for an empty list, an index outside the population, or one listed twice
     */
    static int[] require(String owner, Population<?, ?> target, int[] neurons) {
        if (neurons == null) {
            return null;
        }
        if (neurons.length == 0) {
            // It would drive nothing: a list left empty by mistake, not a wish.
            throw new ParameterException(owner, "neurons", "at least one neuron index (null or, in a config, no "
                    + "key: every neuron)", "an empty list");
        }
        boolean[] listed = new boolean[target.size()];
        for (int i : neurons) {
            if (i < 0 || i >= target.size()) {
                throw new ParameterException(owner, "neurons", "indices in [0, " + target.size() + ")", i);
            }
            if (listed[i]) {
                // A neuron listed twice would be driven twice.
                throw new ParameterException(owner, "neurons", "distinct indices", i + " listed twice");
            }
            listed[i] = true;
        }
        return neurons.clone();
    }
}
