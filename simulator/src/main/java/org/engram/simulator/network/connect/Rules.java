package org.engram.simulator.network.connect;

/**
 * The built-in connectivity rules, by name as in NEST.
 *
 * <pre>{@code
 * b.connect("exc->inh", exc, inh, Rules.fixedProbability(0.1), Synapses.excitatory(0.2));
 * b.connect("exc->exc", exc, exc, Rules.fixedInDegree(100).withAutapses(false).withMultapses(false),
 *           Synapses.excitatory(0.1).delayMs(1.5));
 * }</pre>
 *
 * <p>Every random rule draws from one stream per source or target neuron (fixed total number: one
 * stream for the projection) derived from the network seed and the projection's position in the
 * order of declaration, so a network depends on the seed and its declarations alone, never on
 * threads. Autapses and multapses are allowed by default, as in NEST ({@code allow_autapses},
 * {@code allow_multapses}).
 */
public final class Rules {
    private Rules() {
    }

    /**
     * Every source to every target.
     *
     * @return the rule, autapses allowed
     */
    public static AllToAll allToAll() {
        return new AllToAll(true);
    }

    /**
     * Source {@code i} to target {@code i}; the two populations must have the same size.
     *
     * @return the rule
     */
    public static OneToOne oneToOne() {
        return new OneToOne();
    }

    /**
     * Each pair independently with probability {@code p}.
     *
     * @param p the connection probability, in [0, 1]
     * @return the rule, autapses allowed
     */
    public static FixedProbability fixedProbability(double p) {
        return new FixedProbability(p, true);
    }

    /**
     * Exactly {@code k} incoming synapses per target, sources drawn uniformly.
     *
     * @param k synapses per target, {@code >= 0}
     * @return the rule, autapses and multapses allowed
     */
    public static FixedInDegree fixedInDegree(int k) {
        return new FixedInDegree(k, true, true);
    }

    /**
     * Exactly {@code k} outgoing synapses per source, targets drawn uniformly.
     *
     * @param k synapses per source, {@code >= 0}
     * @return the rule, autapses and multapses allowed
     */
    public static FixedOutDegree fixedOutDegree(int k) {
        return new FixedOutDegree(k, true, true);
    }

    /**
     * Exactly {@code n} synapses in all, each on a (source, target) pair drawn uniformly among the
     * allowed pairs; without multapses the pairs are distinct, {@code n} at most the number of pairs.
     *
     * @param n synapses in all, {@code >= 0}
     * @return the rule, autapses and multapses allowed
     */
    public static FixedTotalNumber fixedTotalNumber(long n) {
        return new FixedTotalNumber(n, true, true);
    }

    /**
     * The synapses {@code sources[i] -> targets[i]}, weights and delays from the projection's spec.
     *
     * @param sources population-local source indices
     * @param targets population-local target indices, same length
     * @return the rule (the arrays are copied)
     */
    public static ExplicitList explicit(int[] sources, int[] targets) {
        return new ExplicitList(sources, targets, null, null);
    }

    /**
     * The synapses {@code sources[i] -> targets[i]}, each with its own weight and delay; the
     * projection's constant weight and delay are not used, and a weight or delay distribution
     * beside them is refused.
     *
     * @param sources  population-local source indices
     * @param targets  population-local target indices, same length
     * @param weights  weights in the target model's unit (sign checked against the receptor; stored as
     *                 {@code float}, as every weight), same length
     * @param delaysMs delays in ms, each a whole number of time steps {@code >= 1}, same length
     * @return the rule (the arrays are copied)
     */
    public static ExplicitList explicit(int[] sources, int[] targets, double[] weights, double[] delaysMs) {
        return new ExplicitList(sources, targets, weights, delaysMs);
    }

    /**
     * One synapse per non-zero entry of {@code weights[source][target]}, with that weight; the delay
     * comes from the projection's spec. The spec's constant weight is not used, and a weight
     * distribution in it is refused.
     *
     * @param weights the matrix in the target model's unit, one row per source, one column per target
     *                (stored as {@code float}, as every weight)
     * @return the rule (the matrix is copied)
     */
    public static WeightMatrix matrix(double[][] weights) {
        return new WeightMatrix(weights);
    }
}
