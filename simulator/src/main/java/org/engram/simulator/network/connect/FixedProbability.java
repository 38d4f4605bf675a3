package org.engram.simulator.network.connect;

import org.engram.simulator.ParameterException;
import org.engram.simulator.random.SplitMixRandom;

/**
 * Creates each (source, target) synapse independently with probability {@code p} (NEST's
 * {@code pairwise_bernoulli}); the expected count is {@code p n m}.
 *
 * <p>Cost follows the number of synapses, not of pairs: within the row of source {@code s}
 * (drawn from {@code s}'s own stream) the gap to the next synapse is geometric,
 * {@code P(gap = g) = (1 - p)^g p}, sampled by inversion as
 * {@code g = floor(ln U / ln(1 - p))} with {@code U} uniform in (0, 1] (Devroye 1986,
 * Non-Uniform Random Variate Generation, ch. X.2; Batagelj and Brandes 2005, Efficient generation
 * of large random networks, Phys. Rev. E 71:036113). Logarithms use {@link StrictMath} so the
 * network is the same on every JVM. Without autapses the self pair is skipped, which leaves every
 * other pair an independent Bernoulli trial because the gaps are memoryless.
 *
 * @param p        the connection probability, in [0, 1]
 * @param autapses whether a neuron may connect to itself within one population; default {@code true}
 */
public record FixedProbability(double p, boolean autapses) implements Connectivity {

    /**
     * Validates the probability.
     *
     * @param p        the connection probability, in [0, 1]
     * @param autapses whether a neuron may connect to itself
     */
    public FixedProbability {
        if (!(p >= 0 && p <= 1)) {
            throw ParameterException.outOfRange("fixed_probability", "p", "a probability in [0, 1]", p);
        }
    }

    /**
     * The same rule with autapses allowed or not.
     *
     * @param allow whether a neuron may connect to itself
     * @return the rule
     */
    public FixedProbability withAutapses(boolean allow) {
        return new FixedProbability(p, allow);
    }

    @Override
    public void generate(ConnectContext context, SynapseSink sink) {
        if (p == 0) {
            return;
        }
        boolean skipSelf = !autapses && context.samePopulation();
        int n = context.sourceSize();
        int m = context.targetSize();
        double logQ = StrictMath.log1p(-p);
        for (int s = 0; s < n; s++) {
            SplitMixRandom rng = context.stream(s);
            int t = -1;
            while (true) {
                double u = 1.0 - rng.nextDouble();
                double gap = p == 1 ? 0 : Math.floor(StrictMath.log(u) / logQ);
                if (gap >= m - 1 - t) {
                    break;
                }
                t += (int) gap + 1;
                if (t != s || !skipSelf) {
                    sink.add(s, t);
                }
            }
        }
    }

    @Override
    public long expectedSynapses(ConnectContext context) {
        return Math.round(p * context.pairs(autapses));
    }

    @Override
    public String describe() {
        return "fixed_probability(p=" + p + ", autapses=" + autapses + ")";
    }
}
