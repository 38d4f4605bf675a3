package org.engram.learning.encode;

import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;

/**
 * Turns one sample, a vector of values in [0, 1], into the input of a network over
 * {@link #steps()} time steps: either spikes per step or one current repeated every step.
 *
 * <p>Implementations are stateless and may be called from several threads at once, each with its
 * own {@link EncodedInput}. Randomness comes only from the stream state passed in, which callers
 * derive with {@link #streamState(long, long, int)}: the encoding of a sample depends on (seed,
 * sample index, epoch) alone.
 */
public interface Encoder {

    /** {@return the number of time steps of an encoded sample, {@code >= 1}} */
    int steps();

    /** {@return a short name for summaries, e.g. {@code "rate(bernoulli, gain=1.0)"}} */
    String describe();

    /**
     * Encodes one sample.
     *
     * @param sample      the values, each in [0, 1]
     * @param streamState the starting state of the sample's random stream (see {@link #streamState})
     * @param out         the buffer that receives the encoding; it is cleared first
     * @throws org.engram.simulator.ParameterException if a value lies outside [0, 1] or is NaN
     */
    void encode(float[] sample, long streamState, EncodedInput out);

    /**
     * Checks a sample as every encoder takes it, so that a trainer can refuse a dataset before it
     * trains on any of it: {@code inputs} values, each in [0, 1], NaN refused.
     *
     * @param owner  who checks, for the message, e.g. {@code "trainer"}
     * @param sample the sample
     * @param inputs the number of values the network reads
     * @throws org.engram.simulator.ParameterException naming the length or the feature and its value
     */
    static void requireSample(String owner, float[] sample, int inputs) {
        SampleCheck.requireUnitInterval(owner, sample, inputs);
    }

    /**
     * The random stream of one sample in one epoch: distinct (sample, epoch) pairs get unrelated
     * streams, whatever their size.
     *
     * @param seed      the experiment seed
     * @param sampleKey the sample's index in its dataset, or any other number that tells the
     *                  caller's samples apart (see {@link RandomStreams#pairIndex})
     * @param epoch     the epoch, or any fixed value (e.g. {@code -1}) for evaluation
     * @return the stream's starting state
     */
    static long streamState(long seed, long sampleKey, int epoch) {
        return RandomStreams.streamState(seed, Purpose.ENCODING, RandomStreams.pairIndex(epoch, sampleKey));
    }
}
