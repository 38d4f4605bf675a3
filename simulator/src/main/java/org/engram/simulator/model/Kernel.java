package org.engram.simulator.model;

/**
 * Advances neurons of one model on the time grid; created by {@link NeuronModel#prepare}.
 *
 * <p>Holds only derived constants (propagators) in final fields; the engine may call it from
 * several threads at once on disjoint neuron ranges, each of which starts at a multiple of
 * {@link #RANGE_ALIGNMENT} (or at the population's end), so that no two threads write the same
 * word of a bit per neuron.
 *
 * @param <S> the state class
 */
public interface Kernel<S extends NeuronState> {
    /** Ranges that threads advance at once start at a multiple of this many neurons. */
    int RANGE_ALIGNMENT = 64;

    /**
     * Advances neurons {@code [lo, hi)} through steps {@code [fromStep, toStep)}.
     *
     * <p>Precondition: every neuron in the range is at time {@code fromStep * dt}, and the inputs
     * that arrive during the steps are in {@code in}. Postcondition: the neurons are at
     * {@code toStep * dt}; every threshold crossing was reported to {@code out} with the step
     * during which it happened, in the order {@link SpikeSink} requires (by step, then neuron).
     * Neurons are independent inside the call. Input of step {@code k} arrives at its end
     * ({@link InputView}), so a jump that lifts a neuron over threshold makes a spike of step
     * {@code k}, at {@code (k + 1) * dt}, as the built-in kernels give it (they add the step's jumps,
     * then compare with the threshold); the spike's delay counts from that time.
     *
     * @param state    the population state
     * @param lo       first neuron, inclusive
     * @param hi       last neuron, exclusive
     * @param fromStep first step, inclusive
     * @param toStep   last step, exclusive
     * @param in       synaptic and current input per step
     * @param out      where spikes go
     */
    void update(S state, int lo, int hi, int fromStep, int toStep, InputView in, SpikeSink out);

    /**
     * Whether {@link #update} clears the input it advances through: each step's input of every neuron
     * of the call, read once with {@link InputView#takeExcitatory}, {@link InputView#takeInhibitory}
     * and {@link InputView#takeCurrent}, which zero what they return. The engine then leaves the
     * rows to the kernel; otherwise it clears them after each call. Taken in the kernel's own loop,
     * the input costs no second pass over the rows: the CUBA benchmark's loop runs 9-10% faster at
     * 4,000 neurons and 8% at 64,000 (the built-in LIF kernels clear their input). A kernel that
     * reads a step's input more than once, or not for every neuron, keeps the default. With assertions enabled
     * ({@code java -ea}, as Maven runs tests) the engine checks after each call that the rows are clear, and
     * refuses the run where they are not.
     *
     * @return true if {@link #update} zeroes, by taking it, all the input it advances through
     */
    default boolean clearsInput() {
        return false;
    }

    /**
     * Whether the kernel implements {@link #updateListed}, which the engine then calls for the steps in
     * which few neurons of a range receive spikes. A kernel that does must also clear its input
     * ({@link #clearsInput()}) and implement {@link #updateListed}: the engine refuses it otherwise, as it
     * is made.
     *
     * @return true if {@link #updateListed} is implemented
     */
    default boolean takesListedInput() {
        return false;
    }

    /**
     * Advances neurons {@code [lo, hi)} through step {@code step}, as {@link #update} does, when the
     * step's synaptic input is listed rather than in the rows: {@code listed} names each neuron of the
     * range whose summed input in the step is not 0 (the events of a neuron whose weights were all 0 are
     * left out, as the rows would hold 0 for it), once, with that input, summed from {@code +0.0} in the order
     * the events came, as the rows sum it (so never {@code -0.0}). The neurons are in the order of their first
     * event, not by index, and that order changes with the thread count: read the list by place
     * ({@link ListedInput#neuron}), never in step with a loop over the range. The rows of {@code in} hold no
     * synaptic input of the range's neurons (their current, if any, is there as ever, to be taken with
     * {@link InputView#takeCurrent}). The state must come out as {@link #update} leaves it with the same input
     * in the rows, to the bit: a kernel that adds the rows' input last, as in
     * {@code x = decay * x + in.takeExcitatory(row, i)}, adds {@code 0.0} in its pass over the range,
     * so that {@code -0.0} becomes {@code 0.0} as it would, and then each listed neuron's input. Where the input
     * is scaled first ({@code x = decay * x + jump * input}), a product that underflows to {@code -0.0} would
     * leave {@code -0.0} in rows and {@code 0.0} listed: the rows' form then adds {@code 0.0} before the input
     * too, as {@code lif_alpha}'s does.
     *
     * @param state  the population state
     * @param lo     first neuron, inclusive
     * @param hi     last neuron, exclusive
     * @param step   the step
     * @param in     the current input of the step; no synaptic input of the range
     * @param listed the step's synaptic input, by neuron
     * @param out    where spikes go
     * @throws UnsupportedOperationException in this default, which a kernel whose {@link #takesListedInput()}
     *                                       is true overrides
     */
    default void updateListed(S state, int lo, int hi, int step, InputView in, ListedInput listed, SpikeSink out) {
        throw new UnsupportedOperationException("the kernel " + getClass().getName()
                + " does not implement updateListed");
    }
}
