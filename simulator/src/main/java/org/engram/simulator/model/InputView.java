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
 * Created by the engine; the arrays are owned by it, and a step's rows are cleared once the step
 * is advanced: by the engine after the kernel's call, or by the kernel itself
 * ({@link Kernel#clearsInput()}) as it reads them with {@link #takeExcitatory}, {@link #takeInhibitory}
 * and {@link #takeCurrent}. A kernel reads only the neurons of its call, {@code [lo, hi)}: with
 * several threads a view's rows may hold no others (each thread's rows reach from neuron 0 to the
 * end of its range).
 */
public final class InputView {
    private final double[][] excitatory;
    private final double[][] inhibitory;
    private final double[][] current;

    /**
     * Creates a view over ring buffers of rows, one row of all neurons per slot. Each row is its own
     * array, so a kernel's loop over neurons reads it at the loop index alone, which lets the JIT
     * vectorise the loop.
     *
     * @param excitatory summed excitatory input, {@code [slot][neuron]}
     * @param inhibitory summed inhibitory input, same shape
     * @param current    external current in pA, same shape; null when no current source feeds the
     *                   population, and the current then reads as zero
     */
    public InputView(double[][] excitatory, double[][] inhibitory, double[][] current) {
        if (excitatory.length == 0 || inhibitory.length != excitatory.length
                || current != null && current.length != excitatory.length) {
            throw new IllegalArgumentException("ring buffers must have the same, non-zero number of rows");
        }
        int size = excitatory[0].length;
        for (int r = 0; r < excitatory.length; r++) {
            if (excitatory[r].length != size || inhibitory[r].length != size
                    || current != null && current[r].length != size) {
                throw new IllegalArgumentException("every ring-buffer row must have one element per neuron");
            }
        }
        this.excitatory = excitatory;
        this.inhibitory = inhibitory;
        this.current = current;
    }

    /**
     * The row holding the inputs delivered for a step.
     *
     * @param step the step being advanced
     * @return the row to pass to the accessors
     */
    public int row(int step) {
        return (step + 1) % excitatory.length;
    }

    /**
     * Summed excitatory input of neuron {@code i}.
     *
     * @param row the row from {@link #row(int)}
     * @param i   population-local neuron index
     * @return the input in the model's weight unit
     */
    public double excitatory(int row, int i) {
        return excitatory[row][i];
    }

    /**
     * Summed inhibitory input (negative or zero) of neuron {@code i}.
     *
     * @param row the row from {@link #row(int)}
     * @param i   population-local neuron index
     * @return the input in the model's weight unit
     */
    public double inhibitory(int row, int i) {
        return inhibitory[row][i];
    }

    /**
     * External current into neuron {@code i} during the step (current sources, not the bias).
     *
     * @param row the row from {@link #row(int)}
     * @param i   population-local neuron index
     * @return the current in pA
     */
    public double current(int row, int i) {
        // Without a current source there are no rows: the test is loop-invariant, so the JIT
        // takes it out of a kernel's loop, and the loop then reads two arrays fewer.
        return current == null ? 0 : current[row][i];
    }

    /**
     * Summed excitatory input of neuron {@code i}, which this call clears: for kernels that clear
     * their input ({@link Kernel#clearsInput()}). Cleared in the loop that reads it, a row is written
     * while its cache line is at hand, rather than in a pass of the engine's after the kernel.
     *
     * @param row the row from {@link #row(int)}
     * @param i   population-local neuron index
     * @return the input in the model's weight unit, as {@link #excitatory} returns it
     */
    public double takeExcitatory(int row, int i) {
        return take(excitatory[row], i);
    }

    /**
     * Summed inhibitory input (negative or zero) of neuron {@code i}, which this call clears: for
     * kernels that clear their input ({@link Kernel#clearsInput()}).
     *
     * @param row the row from {@link #row(int)}
     * @param i   population-local neuron index
     * @return the input in the model's weight unit, as {@link #inhibitory} returns it
     */
    public double takeInhibitory(int row, int i) {
        return take(inhibitory[row], i);
    }

    /**
     * External current into neuron {@code i} during the step, which this call clears: for kernels
     * that clear their input ({@link Kernel#clearsInput()}).
     *
     * @param row the row from {@link #row(int)}
     * @param i   population-local neuron index
     * @return the current in pA, as {@link #current} returns it
     */
    public double takeCurrent(int row, int i) {
        return current == null ? 0 : take(current[row], i);
    }

    private static double take(double[] row, int i) {
        double input = row[i];
        row[i] = 0;
        return input;
    }
}
