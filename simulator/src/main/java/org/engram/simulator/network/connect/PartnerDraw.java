package org.engram.simulator.network.connect;

import org.engram.simulator.ParameterException;
import org.engram.simulator.random.SplitMixRandom;

/**
 * Draws the {@code k} partners of one neuron for the fixed-degree rules: sources of a target
 * (fixed in-degree) or targets of a source (fixed out-degree).
 *
 * <p>Partners come from {@code [0, poolSize)}, leaving out the neuron itself when autapses are
 * excluded: a candidate {@code c} in {@code [0, poolSize - 1)} maps to {@code c < self ? c : c + 1}.
 * Without multapses the draw is a partial Fisher-Yates shuffle (Knuth, TAOCP vol. 2, 3.4.2,
 * algorithm P stopped after {@code k} swaps) over a scratch permutation that is restored after each
 * neuron by undoing the swaps in reverse, so the cost per neuron is O(k) and every neuron's draw
 * depends on its own stream alone. One instance serves one projection on one thread.
 */
final class PartnerDraw {
    private final int k;
    private final int available;
    private final boolean excludeSelf;
    private final boolean multapses;
    private final int[] partners;
    private final int[] scratch;
    private final int[] swapped;

    /**
     * Allocates the buffers of a draw that {@link #requireDrawable} accepted.
     *
     * @param k           partners per neuron
     * @param available   partners each neuron can draw from
     * @param excludeSelf whether the neuron's own index is not a partner (no autapses)
     * @param multapses   whether a partner may be drawn more than once
     */
    private PartnerDraw(int k, int available, boolean excludeSelf, boolean multapses) {
        this.k = k;
        this.available = available;
        this.excludeSelf = excludeSelf;
        this.multapses = multapses;
        this.partners = new int[k];
        this.scratch = multapses || k == 0 ? null : identity(available);
        this.swapped = multapses || k == 0 ? null : new int[k];
    }

    /**
     * Checks that every neuron on the drawing side can draw {@code k} partners.
     *
     * @param context   the projection
     * @param rule      the rule's name, for the message
     * @param k         partners per neuron, {@code >= 0}
     * @param autapses  whether a neuron may connect to itself within one population
     * @param multapses whether a pair may have several synapses
     * @param perTarget whether each target draws its sources (fixed in-degree)
     * @throws ParameterException if {@code k} exceeds the partners available
     */
    static void requireDrawable(ConnectContext context, String rule, int k, boolean autapses, boolean multapses,
                                boolean perTarget) {
        boolean excludeSelf = !autapses && context.samePopulation();
        int available = available(context, excludeSelf, perTarget);
        if (k > 0 && (available == 0 || (!multapses && k > available))) {
            throw new ParameterException("projection '" + context.projectionName() + "'", rule + ".k",
                    "k <= " + available + " (the number of " + (perTarget ? "sources" : "targets")
                            + " available to each neuron" + without(excludeSelf, multapses) + ")", k);
        }
    }

    /**
     * The switches that shrink what a neuron may draw, for a message on a count past it.
     *
     * @param excludeSelf whether autapses are left out within one population
     * @param multapses   whether a pair may have several synapses
     * @return e.g. {@code " without autapses or multapses"}, or {@code ""} when neither is left out
     */
    static String without(boolean excludeSelf, boolean multapses) {
        String without = (excludeSelf ? "autapses" : "") + (excludeSelf && !multapses ? " or " : "")
                + (multapses ? "" : "multapses");
        return without.isEmpty() ? "" : " without " + without;
    }

    private static int available(ConnectContext context, boolean excludeSelf, boolean perTarget) {
        int poolSize = perTarget ? context.sourceSize() : context.targetSize();
        return excludeSelf ? poolSize - 1 : poolSize;
    }

    /**
     * Connects every neuron on the drawing side to {@code k} partners on the other side.
     *
     * @param context   the projection
     * @param sink      where synapses go
     * @param rule      the rule's name, for error messages
     * @param k         partners per neuron, {@code >= 0}
     * @param autapses  whether a neuron may connect to itself within one population
     * @param multapses whether a pair may have several synapses
     * @param perTarget {@code true} if each target draws its sources (fixed in-degree), {@code false}
     *                  if each source draws its targets (fixed out-degree)
     */
    static void connect(ConnectContext context, SynapseSink sink, String rule, int k, boolean autapses,
                        boolean multapses, boolean perTarget) {
        requireDrawable(context, rule, k, autapses, multapses, perTarget);
        int drawers = perTarget ? context.targetSize() : context.sourceSize();
        boolean excludeSelf = !autapses && context.samePopulation();
        PartnerDraw draw = new PartnerDraw(k, available(context, excludeSelf, perTarget), excludeSelf, multapses);
        if (k == 0) {
            return;
        }
        for (int self = 0; self < drawers; self++) {
            int[] partners = draw.draw(context.stream(self), self);
            for (int i = 0; i < k; i++) {
                if (perTarget) {
                    sink.add(partners[i], self);
                } else {
                    sink.add(self, partners[i]);
                }
            }
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /**
     * Draws the partners of one neuron.
     *
     * @param rng  the neuron's stream
     * @param self the neuron's index (left out when autapses are excluded)
     * @return the partners, {@code k} entries; the array is reused by the next call
     */
    private int[] draw(SplitMixRandom rng, int self) {
        if (multapses) {
            for (int i = 0; i < k; i++) {
                partners[i] = map(rng.nextInt(available), self);
            }
            return partners;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(available - i);
            int chosen = scratch[j];
            scratch[j] = scratch[i];
            scratch[i] = chosen;
            swapped[i] = j;
            partners[i] = map(chosen, self);
        }
        for (int i = k - 1; i >= 0; i--) {
            int j = swapped[i];
            int t = scratch[j];
            scratch[j] = scratch[i];
            scratch[i] = t;
        }
        return partners;
    }

    private int map(int candidate, int self) {
        return excludeSelf && candidate >= self ? candidate + 1 : candidate;
    }
}
