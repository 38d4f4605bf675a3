package org.engram.simulator.model;

/**
 * The potentials of the refractory neurons of a kernel's range, kept through a step's update: a
 * kernel counts their refractoriness down and keeps their potentials ({@link #hold}), advances every
 * neuron in one branch-free loop the JIT vectorises, then puts the kept potentials back
 * ({@link #release}) before it compares with the threshold ({@link ThresholdPass#apply}). The
 * refractory neurons are found by their bits ({@link RefractorySet}), so the work is proportional
 * to them alone.
 *
 * <p>Each thread has one, reused from step to step; it grows only with a larger range, so a step
 * allocates nothing.
 */
final class HeldPotentials {
    /** Bits a word's first pass takes without a test; {@link #neurons} has room for as many past its end. */
    private static final int UNROLL = 4;
    private static final ThreadLocal<HeldPotentials> OF_THREAD = ThreadLocal.withInitial(HeldPotentials::new);

    private int[] neurons = new int[0];
    private double[] potentials = new double[0];
    private int count;

    private HeldPotentials() {
    }

    /**
     * Keeps the potentials of the refractory neurons of {@code [lo, hi)}, before a step moves them,
     * and counts their refractoriness down by the step. One whose count reaches 0 is free at the
     * threshold that ends the step. The count is read here, where the potential is, so that the
     * two reads of a neuron's memory go out together, ahead of the step's update.
     *
     * @param s  the state
     * @param lo first neuron
     * @param hi end neuron, exclusive
     * @return the calling thread's instance, holding them until {@link #release}
     */
    static HeldPotentials hold(IntegrateAndFireState s, int lo, int hi) {
        HeldPotentials held = OF_THREAD.get();
        if (held.potentials.length < hi - lo) {
            held.neurons = new int[hi - lo + UNROLL];
            held.potentials = new double[hi - lo];
        }
        held.count = 0;
        if (lo < hi) {
            held.keepAndCountDown(s, lo, hi);
        }
        return held;
    }

    private void keepAndCountDown(IntegrateAndFireState s, int lo, int hi) {
        final int[] found = neurons;
        final RefractorySet refractory = s.refractoryNeurons;
        final int first = RefractorySet.wordOf(lo);
        final int last = RefractorySet.wordOf(hi - 1);
        int n = 0;
        for (int w = first; w <= last; w++) {
            long word = refractory.word(w, lo, hi);
            int bits = Long.bitCount(word);
            // The first bits of a word without a test each (past its last bit, a place that the count then
            // leaves behind is written): a loop that ran as long as the word had bits missed its end in most
            // words, as a word holds one or two refractory neurons.
            for (int k = 0; k < UNROLL; k++) {
                found[n + k] = RefractorySet.neuron(w, word);
                word &= word - 1;
            }
            for (int k = UNROLL; k < bits; k++) {
                found[n + k] = RefractorySet.neuron(w, word);
                word &= word - 1;
            }
            n += bits;
        }
        final double[] v = s.v;
        final double[] left = s.refractorySteps;
        for (int k = 0; k < n; k++) {
            int i = found[k];
            potentials[k] = v[i];
            left[i] -= 1.0;
            if (left[i] == 0) {
                refractory.remove(i);
            }
        }
        count = n;
    }

    /**
     * Puts the kept potentials back, so that a refractory neuron is not updated: it stays at the
     * reset, or at a value written between runs.
     *
     * @param s the state given to {@link #hold}
     */
    void release(IntegrateAndFireState s) {
        final double[] v = s.v;
        for (int k = 0; k < count; k++) {
            v[neurons[k]] = potentials[k];
        }
    }
}
