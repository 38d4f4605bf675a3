package org.engram.simulator.network.connect;

import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;

/**
 * What a connectivity rule may know about the projection it builds.
 *
 * @param projectionName  the projection's name, for error messages
 * @param projectionIndex the projection's position in the network (part of every stream key)
 * @param sourceSize      number of source neurons
 * @param targetSize      number of target neurons
 * @param samePopulation  whether source and target are the same population (autapses possible)
 * @param seed            the network seed
 */
public record ConnectContext(String projectionName, int projectionIndex, int sourceSize, int targetSize,
                             boolean samePopulation, long seed) {

    /**
     * The connectivity stream of one source or target neuron; independent of every other index.
     *
     * @param neuron the population-local index whose draws the stream makes
     * @return a fresh generator at the start of the stream
     */
    public SplitMixRandom stream(int neuron) {
        return RandomStreams.of(seed, Purpose.CONNECTIVITY, ((long) projectionIndex << 32) | neuron);
    }

    /**
     * The connectivity stream of the whole projection, for a rule whose draws are not one neuron's
     * (a fixed total number of synapses); independent of every neuron's {@link #stream}.
     *
     * @return a fresh generator at the start of the stream
     */
    public SplitMixRandom projectionStream() {
        return RandomStreams.of(seed, Purpose.PROJECTION_CONNECTIVITY, projectionIndex);
    }

    /**
     * The (source, target) pairs a rule may connect.
     *
     * @param autapses whether a neuron may connect to itself
     * @return source size times target size, less the self-pairs when autapses are off in one
     *         population
     */
    public long pairs(boolean autapses) {
        long pairs = (long) sourceSize * targetSize;
        return !autapses && samePopulation ? pairs - sourceSize : pairs;
    }
}
