package org.engram.experiments.metrics;

import org.engram.experiments.config.Key;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Problems;

/**
 * Converts operation counts to an energy estimate.
 *
 * <p>A spiking network does one accumulate (AC) per synaptic event, a conventional network one
 * multiply-accumulate (MAC) per weight use. The defaults are the 45 nm figures of Horowitz (2014,
 * ISSCC, "Computing's energy problem"): 32-bit float add 0.9 pJ, 32-bit float multiply 3.7 pJ,
 * so one MAC costs 0.9 + 3.7 = 4.6 pJ. These are the per-operation costs used throughout the SNN
 * literature for SynOps-based comparisons; they ignore memory access, which usually dominates.
 *
 * @param pjPerAccumulate         energy of one accumulate (pJ), in (0, 1e12]
 * @param pjPerMultiplyAccumulate energy of one multiply-accumulate (pJ), in (0, 1e12]
 */
public record Energy(
        @Key(value = "energy of one accumulate, i.e. one synaptic operation of a spike (pJ, at most 1e12: 1 J)",
                def = "0.9")
        double pjPerAccumulate,
        @Key(value = "direct_current coding: energy of one multiply-accumulate, an input current times a"
                + " first-layer weight (pJ, at most 1e12: 1 J)", def = "4.6")
        double pjPerMultiplyAccumulate) {
    /** Horowitz 2014, 45 nm, 32-bit float: 0.9 pJ per AC, 4.6 pJ per MAC. */
    public static final Energy HOROWITZ_45NM = new Energy(0.9, 4.6);

    /**
     * The largest cost of one operation (pJ): 1 J, past any device. A count of operations, at most 2^63, times
     * it stays finite; a cost of 1e308 pJ made a run's energy infinite, which its metrics.json refused only
     * after every task had been trained.
     */
    static final double MAX_PJ = 1e12;

    private static final String AT_MOST = "a cost of at most 1e12 pJ (1 J) per operation";

    /**
     * Checks both costs.
     *
     * @param pjPerAccumulate         energy of one accumulate (pJ), in (0, 1e12]
     * @param pjPerMultiplyAccumulate energy of one multiply-accumulate (pJ), in (0, 1e12]
     * @throws ParameterException naming each cost outside that range
     */
    public Energy {
        Problems p = new Problems("energy");
        checkCost(p, "pj_per_accumulate", pjPerAccumulate);
        checkCost(p, "pj_per_multiply_accumulate", pjPerMultiplyAccumulate);
        p.throwIfAny();
    }

    /** Records a cost of one operation (pJ) that is not in (0, {@link #MAX_PJ}]. */
    private static void checkCost(Problems p, String key, double pj) {
        if (p.positive(key, pj, "pJ")) {
            p.inRange(pj <= MAX_PJ, key, AT_MOST, pj);
        }
    }

    /**
     * Energy of spike-driven synaptic operations, one accumulate each.
     *
     * @param synOps number of synaptic operations (spike deliveries), {@code >= 0}
     * @return energy (J)
     */
    public double synOpsJoules(long synOps) {
        requireCount("synaptic operations", synOps);
        return synOps * pjPerAccumulate * 1e-12;
    }

    /**
     * Energy of multiply-accumulates, e.g. of an equivalent non-spiking network.
     *
     * @param macs number of multiply-accumulates, {@code >= 0}
     * @return energy (J)
     */
    public double macJoules(long macs) {
        requireCount("multiply-accumulates", macs);
        return macs * pjPerMultiplyAccumulate * 1e-12;
    }

    /**
     * Energy of a mix of both.
     *
     * @param synOps number of accumulates, {@code >= 0}
     * @param macs   number of multiply-accumulates, {@code >= 0}
     * @return energy (J)
     */
    public double joules(long synOps, long macs) {
        return synOpsJoules(synOps) + macJoules(macs);
    }

    private static void requireCount(String what, long count) {
        if (count < 0) {
            throw new ParameterException("energy", what, "a count >= 0", count);
        }
    }
}
