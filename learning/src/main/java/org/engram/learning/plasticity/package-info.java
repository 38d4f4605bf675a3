/**
 * Local, event-driven plasticity rules that listen to a run's spikes through the simulator's
 * {@link org.engram.simulator.event.SpikeListener}: pair-based STDP
 * ({@link org.engram.learning.plasticity.PairStdp}), triplet STDP
 * ({@link org.engram.learning.plasticity.TripletStdp}), the inhibitory plasticity of Vogels et al.
 * 2011 that holds a neuron at a target rate ({@link org.engram.learning.plasticity.VogelsSprekeler}),
 * reward-modulated STDP with eligibility traces ({@link org.engram.learning.plasticity.RewardStdp})
 * and homeostatic adaptive thresholds ({@link org.engram.learning.plasticity.AdaptiveThreshold}).
 * Traces change only at spikes and are decayed lazily from their last update; weights are clipped
 * where they are written. A rule of one's own becomes usable by name in {@code engram simulate}
 * configs through a {@link org.engram.learning.plasticity.PlasticityRuleProvider}
 * ({@link org.engram.learning.plasticity.PlasticityRules} lists them).
 */
package org.engram.learning.plasticity;
