package org.engram.experiments.task;

import org.engram.experiments.data.Dataset;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;

/**
 * Holds out part of a task's training samples for validation, stratified by class: each class of
 * {@code n} samples gives {@code round(fraction x n)} of them (the product in double, halves rounded
 * up, as {@link Math#round(double)}), which must be at
 * least one and leave at least one to train on. Which samples go is drawn from
 * {@code RandomStreams.of(seed, VALIDATION_SPLIT, pairIndex(draw, class))}, so the split depends on
 * the seed, the draw and the class alone: every strategy of a seed, on any number of threads, trains
 * on the same samples. Tasks of their own samples (split, synthetic) each draw with their index;
 * tasks that show the same images transformed (permuted, rotated) all use draw 0, so they hold out
 * the same images and none trains on an image another validates on. Both parts keep the samples'
 * order in the task.
 *
 * @param train      the samples left to train on
 * @param validation the samples held out
 */
public record ValidationSplit(Dataset train, Dataset validation) {

    /**
     * The samples a class of {@code count} training samples gives to validation.
     *
     * @param fraction the fraction held out, in [0, 1)
     * @param count    the class's training samples
     * @return {@code round(fraction x count)}, halves rounded up
     */
    public static int heldOut(double fraction, int count) {
        return (int) Math.round(fraction * count);
    }

    /**
     * The samples a task gives to validation.
     *
     * @param fraction    the fraction held out, in [0, 1)
     * @param classCounts the task's training samples per class
     * @return the sum of {@link #heldOut} over the classes
     */
    public static int heldOutTotal(double fraction, int[] classCounts) {
        int total = 0;
        for (int count : classCounts) {
            total += heldOut(fraction, count);
        }
        return total;
    }

    /**
     * Whether a class of {@code count} training samples can give validation samples and keep some
     * to train on.
     *
     * @param fraction the fraction held out, in (0, 1)
     * @param count    the class's training samples, at least 1
     * @return whether {@link #heldOut} is at least 1 and less than {@code count}
     */
    public static boolean fits(double fraction, int count) {
        int held = heldOut(fraction, count);
        return held >= 1 && held < count;
    }

    /**
     * Splits a task's training samples.
     *
     * @param train    the task's training samples (after any per-task limit)
     * @param fraction the fraction of each class held out, in (0, 1)
     * @param seed     the seed of the run's unit
     * @param draw     the task's index, from 0, or 0 for every task of a sequence whose tasks share
     *                 their images
     * @return the two parts, disjoint, together every sample of {@code train}
     * @throws IllegalStateException if a class cannot be split ({@link #fits}), which the config's
     *                               checks refuse before a run
     */
    public static ValidationSplit of(Dataset train, double fraction, long seed, int draw) {
        boolean[] held = heldOutMask(train.labels(), train.classes(), fraction, seed, draw);
        int heldTotal = 0;
        for (boolean h : held) {
            heldTotal += h ? 1 : 0;
        }
        int[] kept = new int[held.length - heldTotal];
        int[] out = new int[heldTotal];
        int a = 0;
        int b = 0;
        for (int i = 0; i < held.length; i++) {
            if (held[i]) {
                out[b++] = i;
            } else {
                kept[a++] = i;
            }
        }
        return new ValidationSplit(train.subset(kept, train.name() + "/train"),
                train.subset(out, train.name() + "/validation"));
    }

    /**
     * Which of a task's training samples {@link #of} holds out, from their labels alone.
     *
     * @param labels   the labels of the task's training samples, in order
     * @param classes  the number of classes (labels lie in [0, classes))
     * @param fraction the fraction of each class held out, in (0, 1)
     * @param seed     the seed of the run's unit
     * @param draw     the task's index, from 0, or 0 for every task of a sequence whose tasks share
     *                 their images
     * @return for each sample, whether it is held out
     * @throws IllegalStateException if a class cannot be split ({@link #fits})
     */
    public static boolean[] heldOutMask(int[] labels, int classes, double fraction, long seed, int draw) {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        boolean[] held = new boolean[labels.length];
        for (int c = 0; c < classes; c++) {
            if (counts[c] == 0) {
                continue;
            }
            if (!fits(fraction, counts[c])) {
                throw new IllegalStateException("class " + c + " of draw " + draw + " has " + counts[c]
                        + " training samples, which a validation fraction of " + fraction + " cannot split");
            }
            int[] members = membersOf(labels, c, counts[c]);
            SplitMixRandom random = RandomStreams.of(seed, Purpose.VALIDATION_SPLIT, RandomStreams.pairIndex(draw, c));
            int[] order = random.permutation(members.length);
            for (int k = 0; k < heldOut(fraction, counts[c]); k++) {
                held[members[order[k]]] = true;
            }
        }
        return held;
    }

    /** The indices of a class's samples, ascending. */
    private static int[] membersOf(int[] labels, int c, int count) {
        int[] members = new int[count];
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == c) {
                members[n++] = i;
            }
        }
        return members;
    }
}
