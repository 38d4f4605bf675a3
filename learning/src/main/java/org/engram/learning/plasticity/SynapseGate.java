package org.engram.learning.plasticity;

/**
 * Scales a plasticity rule's weight changes synapse by synapse and hears the changes it applied,
 * so that a continual-learning strategy (e.g. importance gating) can slow the synapses earlier
 * tasks relied on.
 *
 * <p>A rule with a gate computes its change {@code dw} of synapse {@code s}, applies
 * {@code learningRateFactor(s) * dw} (then clips to its bounds) and reports the change the weight
 * actually made with {@link #recordChange}. Synapse indices are the projection's CSR indices.
 */
public interface SynapseGate {
    /**
     * The factor the rule multiplies synapse {@code s}'s change by.
     *
     * @param synapse the synapse's CSR index
     * @return the factor, in [0, 1]
     */
    float learningRateFactor(int synapse);

    /**
     * Hears a change the rule applied.
     *
     * @param synapse the synapse's CSR index
     * @param dw      the change of the weight after scaling and clipping (weight unit)
     */
    void recordChange(int synapse, double dw);
}
