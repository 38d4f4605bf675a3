package org.engram.simulator.engine;

import java.util.Arrays;

/**
 * A drive's chosen neurons held in ascending order, so that a block's call visits only the chosen neurons of
 * its own range, found by a binary search ({@link #firstFrom}), rather than testing every chosen neuron: with
 * listed input a population is advanced in blocks of {@link InputLists#BLOCK} neurons, and a current into
 * 32,000 of 64,000 neurons took 2.5 times as long when each block scanned the whole list. The chosen neurons are
 * distinct, so the order in which a drive visits them changes no neuron's sum.
 */
final class ChosenInOrder {
    private ChosenInOrder() {
    }

    /**
     * Sorts a drive's chosen neurons in place.
     *
     * @param chosen distinct population-local indices, in any order; or null for every neuron
     * @return {@code chosen}, in ascending order
     */
    static int[] sorted(int[] chosen) {
        if (chosen != null) {
            Arrays.sort(chosen);
        }
        return chosen;
    }

    /**
     * The places of chosen neurons in ascending order of the neurons, for values given alongside them.
     *
     * @param neurons distinct population-local indices, in any order
     * @return {@code order}, such that {@code neurons[order[0]] < neurons[order[1]] < ...}
     */
    static int[] order(int[] neurons) {
        long[] keyed = new long[neurons.length];
        for (int k = 0; k < neurons.length; k++) {
            keyed[k] = (long) neurons[k] << Integer.SIZE | k;   // indices are >= 0, so the neuron orders the key
        }
        Arrays.sort(keyed);
        int[] order = new int[neurons.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = (int) keyed[j];
        }
        return order;
    }

    /**
     * The values of {@code values} at {@code order}'s places.
     *
     * @param values per chosen neuron, in the order given
     * @param order  {@link #order} of the neurons
     * @return a new array, in ascending order of the neurons
     */
    static double[] permuted(double[] values, int[] order) {
        double[] out = new double[order.length];
        for (int j = 0; j < order.length; j++) {
            out[j] = values[order[j]];
        }
        return out;
    }

    /**
     * Where a range's chosen neurons start.
     *
     * @param ascending distinct neurons in ascending order
     * @param lo        the range's first neuron
     * @return the place of the first neuron at or past {@code lo}, {@code ascending.length} if none is
     */
    static int firstFrom(int[] ascending, int lo) {
        int found = Arrays.binarySearch(ascending, lo);
        return found < 0 ? -found - 1 : found;
    }
}
