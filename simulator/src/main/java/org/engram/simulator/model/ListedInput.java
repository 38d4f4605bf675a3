package org.engram.simulator.model;

/**
 * The synaptic input of one step for the few neurons of a range that receive any, as the engine
 * hands it to {@link Kernel#updateListed}: each such neuron once, with its summed excitatory and
 * inhibitory input, formed in the order the rows of {@link InputView} would have summed them. The neurons
 * stand in the order of their first event in the step, not by index; that order depends on how the spikes
 * were exchanged, and so on the thread count, so a kernel reads the list by place and never walks it in
 * step with its range.
 *
 * <p>A step in which few neurons receive spikes costs a kernel that reads the rows a pass over
 * every neuron's input, most of it zero; in a network whose state outgrows the core's cache that
 * pass is much of the step's memory traffic. Listed, the input costs in proportion to the
 * neurons that receive it. Created and filled by the engine, one per worker and population, reused step to step.
 */
public final class ListedInput {
    private final int[] neurons;
    private final double[] excitatory;
    private final double[] inhibitory;
    private int count;

    /**
     * Creates an empty list.
     *
     * @param capacity the most neurons it can hold
     */
    public ListedInput(int capacity) {
        neurons = new int[capacity];
        excitatory = new double[capacity];
        inhibitory = new double[capacity];
    }

    /**
     * Puts a neuron and its summed input at place {@code k}. The engine fills places 0, 1, ... in turn, keeping
     * their number itself, and then sets it ({@link #setCount}): a count kept in this object's field and raised
     * with each neuron would make each place wait for the last one's store, which cost 3% of a large network's
     * step.
     *
     * @param k          the place, from 0 up to the capacity, exclusive
     * @param neuron     population-local neuron index, not listed at another place
     * @param excitatory its excitatory input, summed from 0 in the order the events came, as a row sums it
     * @param inhibitory its inhibitory input (negative or zero), summed likewise
     * @throws ArrayIndexOutOfBoundsException if {@code k} is past the capacity
     */
    public void set(int k, int neuron, double excitatory, double inhibitory) {
        neurons[k] = neuron;
        this.excitatory[k] = excitatory;
        this.inhibitory[k] = inhibitory;
    }

    /**
     * Sets how many neurons are listed: those at places 0 to {@code count - 1} ({@link #set}).
     *
     * @param count the neurons listed, 0 to empty the list
     * @throws IllegalArgumentException if {@code count} is negative or past the capacity, as a kernel would read
     *                                  places that do not exist
     */
    public void setCount(int count) {
        if (count < 0 || count > neurons.length) {
            throw new IllegalArgumentException("listed input: count " + count + " is outside 0 to the capacity, "
                    + neurons.length);
        }
        this.count = count;
    }

    /** {@return the number of neurons listed} */
    public int count() {
        return count;
    }

    /**
     * The neuron at place {@code k}: neurons stand in the order of their first event, not by index.
     *
     * @param k from 0 to {@link #count()} - 1
     * @return its population-local index
     */
    public int neuron(int k) {
        return neurons[k];
    }

    /**
     * The summed excitatory input of the neuron at place {@code k}, as {@link InputView#excitatory} gives it.
     *
     * @param k from 0 to {@link #count()} - 1
     * @return the input in the model's weight unit
     */
    public double excitatory(int k) {
        return excitatory[k];
    }

    /**
     * The summed inhibitory input (negative or zero) of the neuron at place {@code k}, as
     * {@link InputView#inhibitory} gives it.
     *
     * @param k from 0 to {@link #count()} - 1
     * @return the input in the model's weight unit
     */
    public double inhibitory(int k) {
        return inhibitory[k];
    }
}
