package org.engram.simulator.random;

/**
 * What a random stream is used for; part of the key that derives the stream.
 *
 * <p>Two purposes never share numbers, so adding a new use of randomness does not shift the
 * numbers of existing uses. Append new constants at the end: the ordinal is part of the key.
 */
public enum Purpose {
    /** Which synapses a connectivity rule creates, one stream per projection and source or target neuron. */
    CONNECTIVITY,
    /** Weights drawn from a distribution, one stream per projection and source neuron (its row). */
    WEIGHTS,
    /** Delays drawn from a distribution, one stream per projection and source neuron (its row). */
    DELAYS,
    /** Independent Poisson drive, one stream per target neuron and input. */
    POISSON_INPUT,
    /** Poisson spike source neurons, one stream per source neuron. */
    POISSON_SOURCE,
    /** Initial state values, one stream per state variable and neuron. */
    INITIAL_STATE,
    /** Spike encoders of learning inputs, one stream per (sample, epoch). */
    ENCODING,
    /** Weight initialisation of trainable layers, one stream per layer. */
    WEIGHT_INIT,
    /** Sample order and batch composition, one stream per epoch. */
    SHUFFLE,
    /** Replay memory decisions, one stream per task. */
    REPLAY,
    /** Dataset permutations and other task-sequence transforms, one stream per task. */
    TASK,
    /**
     * The noise of a neuron model (for a model a user writes), one stream per neuron, keyed by its
     * network-wide index: {@code RandomStreams.of(seed, MODEL_NOISE, firstGlobalNeuron + i)} in
     * {@link org.engram.simulator.model.NeuronState#seedStreams}, so draws do not depend on threads.
     */
    MODEL_NOISE,
    /**
     * Gaussian white-noise currents, one stream per source and target neuron. Added last: a stream
     * depends on its purpose's position, so the streams of the others stay as they were.
     */
    NOISE_CURRENT,
    /**
     * Amplitudes of constant currents drawn per neuron, one stream per input and target neuron.
     * Added last, as {@link #NOISE_CURRENT} was.
     */
    CONSTANT_CURRENTS,
    /**
     * A-GEM's episodic memory: which samples of a finished task it keeps and which it draws for each
     * step's reference gradient, one stream per task. Added last, as {@link #NOISE_CURRENT} was.
     */
    EPISODIC_MEMORY,
    /**
     * Dark experience replay's buffer: which samples it keeps and which it draws for each step, one
     * stream per task. Added last, as {@link #NOISE_CURRENT} was.
     */
    DARK_REPLAY,
    /**
     * Which synapses a connectivity rule that draws a projection's synapses all together (a fixed total
     * number) creates, one stream per projection. Added last, as {@link #NOISE_CURRENT} was.
     */
    PROJECTION_CONNECTIVITY,
    /**
     * GEM's episodic memory: which samples of a finished task it keeps, one stream per task. Added
     * last, as {@link #NOISE_CURRENT} was.
     */
    GEM_MEMORY,
    /**
     * Which synapses of a plastic projection a weight recording draws to write their own weights
     * ({@code record.weights[].sample}), one stream per projection. Added last, as {@link #NOISE_CURRENT} was.
     */
    WEIGHT_RECORDING,
    /**
     * Which training samples of a task {@code engram run} holds out for validation, one stream per
     * task and class ({@code RandomStreams.pairIndex(task, class)}). Added last, as {@link #NOISE_CURRENT} was.
     */
    VALIDATION_SPLIT,
    /**
     * The labels EWC's sampled Fisher draws from the network's own prediction for each of a task's Fisher
     * samples, one stream per task. Added last, as {@link #NOISE_CURRENT} was.
     */
    FISHER_LABELS
}
