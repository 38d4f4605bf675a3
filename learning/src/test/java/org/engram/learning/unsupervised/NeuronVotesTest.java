package org.engram.learning.unsupervised;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

/** Labelling and voting against hand-computed cases. */
class NeuronVotesTest {

    @Test
    void labelsAreTheClassOfHighestMeanResponse() {
        NeuronVotes v = new NeuronVotes(3, 4);
        v.record(0, new int[] {4, 0, 1, 0});
        v.record(0, new int[] {2, 0, 1, 0});
        v.record(1, new int[] {1, 3, 0, 0});
        v.record(2, new int[] {0, 3, 3, 0});
        // Means per class: c0 = [3, 0, 1, 0], c1 = [1, 3, 0, 0], c2 = [0, 3, 3, 0].
        // Neuron 0: 3 > 1 > 0 -> 0. Neuron 1: c1 = c2 = 3, tie to the lower class -> 1.
        // Neuron 2: sum 2 over two class-0 samples is a mean of 1 < 3 -> 2. Neuron 3 never fired.
        assertArrayEquals(new int[] {0, 1, 2, NeuronVotes.UNLABELLED}, v.labels());
    }

    @Test
    void labelsUseMeansNotSumsOverUnequalClassCounts() {
        NeuronVotes v = new NeuronVotes(2, 1);
        v.record(0, new int[] {2});
        v.record(0, new int[] {2});
        v.record(0, new int[] {2});
        v.record(1, new int[] {5});
        // Sum for class 0 is 6 > 5, but its mean is 2 < 5.
        assertArrayEquals(new int[] {1}, v.labels());
    }

    @Test
    void classifiesByTheMeanCountOfEachClassesNeurons() {
        int[] labels = {0, 1, 2, NeuronVotes.UNLABELLED};
        // Class means 1, 2, 5; the unlabelled neuron's 9 spikes do not vote.
        assertEquals(2, NeuronVotes.classify(labels, 3, new int[] {1, 2, 5, 9}));
        // Class 0 has two neurons (4 + 0) / 2 = 2 < class 1's 3; summed votes would pick class 0.
        assertEquals(1, NeuronVotes.classify(new int[] {0, 0, 1, -1}, 3, new int[] {4, 0, 3, 0}));
        // A tie goes to the lower class.
        assertEquals(0, NeuronVotes.classify(new int[] {0, 1}, 2, new int[] {2, 2}));
        // No labelled neuron: no prediction.
        assertEquals(NeuronVotes.UNLABELLED, NeuronVotes.classify(new int[] {-1, -1}, 2, new int[] {1, 1}));
    }

    @Test
    void rejectsALabelOutsideTheClasses() {
        NeuronVotes v = new NeuronVotes(3, 2);
        ParameterException e = assertThrows(ParameterException.class, () -> v.record(3, new int[] {0, 0}));
        assertEquals("3", e.found());
    }

    @Test
    void votesNeedAClassAndANeuron() {
        assertArrayEquals(new int[] {NeuronVotes.UNLABELLED}, new NeuronVotes(1, 1).labels());
        assertEquals("classes", assertThrows(ParameterException.class, () -> new NeuronVotes(0, 3)).location());
        // One class is enough: the missing neurons are named, not the classes.
        ParameterException e = assertThrows(ParameterException.class, () -> new NeuronVotes(1, 0));
        assertEquals("neurons", e.location());
        assertEquals("0", e.found());
    }
}
