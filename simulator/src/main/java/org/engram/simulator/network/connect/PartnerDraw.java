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
     * Checks that {@code k} partners can be drawn and allocates the buffers.
     *
     * @param context     the projection, for the error message
     * @param rule        the rule's name, for the error message
     * @param k           partners per neuron
     * @param poolSize    size of the population partners come from
     * @param excludeSelf whether the neuron's own index is not a partner (no autapses)
     * @param multapses   whether a partner may be drawn more than once
     * @param poolName    what partners are, for the message ("sources" or "targets")
     */
    private PartnerDraw(ConnectContext context, String rule, int k, int poolSize, boolean excludeSelf,
                        boolean multapses, String poolName) {
        this.k = k;
        this.available = excludeSelf ? poolSize - 1 : poolSize;
        this.excludeSelf = excludeSelf;
        this.multapses = multapses;
        if (k > 0 && (available == 0 || (!multapses && k > available))) {
            throw new ParameterException("projection '" + context.projectionName() + "'", rule + ".k",
                    "k <= " + available + " (the number of " + poolName + " available to each neuron"
                            + (excludeSelf ? " without autapses" : "")
                            + (multapses ? "" : " without multapses") + ")", k);
        }
        this.partners = new int[k];
        this.scratch = multapses || k == 0 ? null : identity(available);
        this.swapped = multapses || k == 0 ? null : new int[k];
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
        int drawers = perTarget ? context.targetSize() : context.sourceSize();
        int poolSize = perTarget ? context.sourceSize() : context.targetSize();
        PartnerDraw draw = new PartnerDraw(context, rule, k, poolSize, !autapses && context.samePopulation(),
                multapses, perTarget ? "sources" : "targets");
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
