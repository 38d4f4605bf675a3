package org.engram.simulator.network.connect;

/**
 * A rule that decides which synapses a projection has (all-to-all, fixed in-degree, ...).
 *
 * <p>A rule draws only from the streams of its {@link ConnectContext}, one stream per source or
 * per target neuron, or one for the whole projection, so the synapses it creates depend on the seed
 * alone. The order in which it reports synapses does not matter: the network builder sorts them into
 * rows.
 */
public interface Connectivity {

    /**
     * Reports the synapses of one projection to {@code sink}.
     *
     * @param context sizes, switches and random streams of the projection
     * @param sink    where synapses go
     */
    void generate(ConnectContext context, SynapseSink sink);

    /**
     * How many synapses the rule will make, or is expected to make when it draws them, so that the
     * builder can refuse a projection past the longest array before drawing it (which would run out
     * of memory first). The default: unknown.
     *
     * @param context sizes and populations of the projection
     * @return the count, or -1 if the rule cannot tell
     */
    default long expectedSynapses(ConnectContext context) {
        return -1;
    }

    /**
     * Checks what can be known before drawing: that the rule fits the projection's sizes and
     * switches (equal sizes, indices in range, a degree that can be drawn). The network builder
     * calls it when the projection is added, so that a mistake is refused there, before
     * {@code build()} would find it and leave the builder spent. {@link #generate} checks the same.
     * The default: nothing to check.
     *
     * @param context sizes and switches of the projection
     * @throws org.engram.simulator.ParameterException if the rule cannot make this projection
     */
    default void requireFits(ConnectContext context) {
    }

    /**
     * Whether the rule gives synapses weights of their own (a weight matrix, a list with weights). A
     * synapse it gives {@code NaN} takes the projection's weight, checked as any other; the
     * projection's constant weight goes unused and unchecked only where no synapse takes it.
     *
     * @return by default {@code false}
     */
    default boolean givesWeights() {
        return false;
    }

    /**
     * Whether the rule gives synapses delays of their own (a list with delays). A synapse it gives
     * {@code NaN} takes the projection's delay, checked as any other; the projection's constant delay
     * goes unused and unchecked only where no synapse takes it.
     *
     * @return by default {@code false}
     */
    default boolean givesDelays() {
        return false;
    }

    /** {@return a one-line description for summaries, e.g. {@code "fixed_in_degree(k=100)"}} */
    String describe();

    /**
     * Where the {@code k}-th synapse the rule reported came from, for an error about its indices,
     * weight or delay; asked only on failure.
     *
     * @param k the 0-based order in which the rule reported the synapse
     * @return by default {@code "synapse k of the rule's list (0-based)"}, the position in an explicit list
     */
    default String synapseOrigin(int k) {
        return "synapse " + k + " of the rule's list (0-based)";
    }
}
