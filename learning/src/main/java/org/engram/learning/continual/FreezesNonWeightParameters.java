package org.engram.learning.continual;

/**
 * A capability a strategy adds when the trainer must stop learning everything but the weights
 * (thresholds, time constants, biases, normalisation statistics) from some task on, because the
 * strategy protects old tasks only through the weights (HLOP, Xiao et al. 2024).
 *
 * <p>The trainer reads the flag at every {@code beforeTask}: {@code if (s instanceof
 * FreezesNonWeightParameters f && f.nonWeightParametersFrozen(t))}. A chain made by
 * {@link Strategies#chain} answers for all its members.
 */
public interface FreezesNonWeightParameters {
    /**
     * @param taskIndex the task about to be trained, from 0
     * @return {@code true} if parameters other than weights must stay fixed while training it
     */
    boolean nonWeightParametersFrozen(int taskIndex);
}
