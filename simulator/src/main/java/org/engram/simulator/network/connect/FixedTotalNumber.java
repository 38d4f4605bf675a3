package org.engram.simulator.network.connect;

import org.engram.simulator.ParameterException;
import org.engram.simulator.random.SplitMixRandom;

/**
 * Creates exactly {@code n} synapses in all between the two populations, each on a (source,
 * target) pair drawn uniformly among the allowed pairs (NEST's {@code fixed_total_number}); a
 * source's or target's share of them is random.
 *
 * <p>The allowed pairs are numbered row by row, source {@code s} owning a block of {@code w}
 * consecutive numbers: {@code w} is the target population's size, or one less within one population
 * without autapses, where a candidate {@code c} of source {@code s} maps to target
 * {@code c < s ? c : c + 1}, so a neuron's pair with itself is never drawn and the others keep equal
 * chances. With multapses the {@code n} pair numbers are independent uniform draws, with repetition;
 * without, they are a uniform {@code n}-subset of the pairs, every such subset equally likely, and
 * {@code n} may not exceed the number of pairs ({@code n} equal to it gives every pair once, as
 * all-to-all). Every draw comes from one stream of the projection, so the synapses depend on the seed
 * and the projection's position alone. Drawing holds nothing per synapse beyond the synapses
 * themselves with multapses, and at most 8 bytes more per synapse without: a bit per pair when
 * {@code n} is at least a 64th of the pairs, else a {@code long} per synapse.
 *
 * @param n         synapses in all, {@code >= 0}
 * @param autapses  whether a neuron may connect to itself within one population; default {@code true}
 * @param multapses whether a (source, target) pair may have several synapses; default {@code true}
 */
public record FixedTotalNumber(long n, boolean autapses, boolean multapses) implements Connectivity {
    private static final String RULE = "fixed_total_number";

    /**
     * Validates the count.
     *
     * @param n         synapses in all, {@code >= 0}
     * @param autapses  whether a neuron may connect to itself
     * @param multapses whether a pair may have several synapses
     */
    public FixedTotalNumber {
        if (n < 0) {
            throw ParameterException.outOfRange(RULE, "n", "an integer >= 0", n);
        }
    }

    /**
     * The same rule with autapses allowed or not.
     *
     * @param allow whether a neuron may connect to itself
     * @return the rule
     */
    public FixedTotalNumber withAutapses(boolean allow) {
        return new FixedTotalNumber(n, allow, multapses);
    }

    /**
     * The same rule with multapses allowed or not.
     *
     * @param allow whether a (source, target) pair may have several synapses
     * @return the rule
     */
    public FixedTotalNumber withMultapses(boolean allow) {
        return new FixedTotalNumber(n, autapses, allow);
    }

    @Override
    public void requireFits(ConnectContext context) {
        long pairs = context.pairs(autapses);
        if (n > 0 && (pairs == 0 || (!multapses && n > pairs))) {
            boolean excludeSelf = !autapses && context.samePopulation();
            throw new ParameterException("projection '" + context.projectionName() + "'", RULE + ".n",
                    "n <= " + pairs + " (the number of (source, target) pairs" + PartnerDraw.without(excludeSelf,
                            multapses) + ")", n);
        }
    }

    @Override
    public void generate(ConnectContext context, SynapseSink sink) {
        requireFits(context);
        if (n == 0) {
            return;
        }
        long pairs = context.pairs(autapses);
        boolean skipSelf = !autapses && context.samePopulation();
        int width = skipSelf ? context.targetSize() - 1 : context.targetSize();
        SplitMixRandom rng = context.projectionStream();
        UniformSubset.IndexSink toSynapse = pair -> {
            int source = (int) (pair / width);
            int candidate = (int) (pair % width);
            sink.add(source, skipSelf && candidate >= source ? candidate + 1 : candidate);
        };
        if (!multapses) {
            UniformSubset.draw(rng, pairs, n, toSynapse);
            return;
        }
        for (long i = 0; i < n; i++) {
            toSynapse.accept(rng.nextLong(pairs));
        }
    }

    @Override
    public long expectedSynapses(ConnectContext context) {
        return n;
    }

    @Override
    public String describe() {
        return RULE + "(n=" + n + ", autapses=" + autapses + ", multapses=" + multapses + ")";
    }
}
