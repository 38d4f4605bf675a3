package org.engram.simulator.model;

/**
 * The input that reaches a population's neurons, step by step; a view of the engine's ring buffers.
 *
 * <p>Inputs delivered for step {@code k} are the synaptic events that arrive at the end of that
 * step (time {@code (k + 1) * dt}) summed per receptor, in the weight unit of the model (mV for
 * delta synapses, pA for current synapses), plus the external current in pA during the step.
 * A kernel fetches the row of a step once with {@link #row(int)} and then reads neurons from it:
 * <pre>{@code
 * int row = in.row(step);
 * for (int i = lo; i < hi; i++) {
 *     double jump = in.excitatory(row, i) + in.inhibitory(row, i);
 *     ...
 * }
 * }</pre>
 * Created by the engine; the arrays are owned by it and cleared after every slice.
 */
public final class InputView {
    private final double[] excitatory;
    private final double[] inhibitory;
    private final double[] current;
    private final int size;
    private final int slots;

    /**
     * Creates a view over ring buffers of {@code slots} rows of {@code size} neurons each.
     *
     * @param excitatory summed excitatory input, row-major {@code [slot][neuron]}
     * @param inhibitory summed inhibitory input, same shape
     * @param current    external current in pA, same shape
     * @param size       number of neurons
     * @param slots      number of rows in the ring
     */
    public InputView(double[] excitatory, double[] inhibitory, double[] current, int size, int slots) {
        if (excitatory.length != size * slots || inhibitory.length != size * slots
                || current.length != size * slots) {
            throw new IllegalArgumentException("ring buffers must have size * slots elements");
        }
        this.excitatory = excitatory;
        this.inhibitory = inhibitory;
        this.current = current;
        this.size = size;
        this.slots = slots;
    }

    /**
     * The offset of the inputs delivered for a step.
     *
     * @param step the step being advanced
     * @return the row offset to pass to the accessors
     */
    public int row(int step) {
        return ((step + 1) % slots) * size;
    }

    /**
     * Summed excitatory input of neuron {@code i}.
     *
     * @param row the row from {@link #row(int)}
     * @param i   population-local neuron index
     * @return the input in the model's weight unit
     */
    public double excitatory(int row, int i) {
        return excitatory[row + i];
    }

    /**
     * Summed inhibitory input (negative or zero) of neuron {@code i}.
     *
     * @param row the row from {@link #row(int)}
     * @param i   population-local neuron index
     * @return the input in the model's weight unit
     */
    public double inhibitory(int row, int i) {
        return inhibitory[row + i];
    }

    /**
     * External current into neuron {@code i} during the step (current sources, not the bias).
     *
     * @param row the row from {@link #row(int)}
     * @param i   population-local neuron index
     * @return the current in pA
     */
    public double current(int row, int i) {
        return current[row + i];
    }
}
