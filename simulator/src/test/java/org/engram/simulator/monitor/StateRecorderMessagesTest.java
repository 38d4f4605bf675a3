package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.IntStream;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * What {@link StateRecorder}'s default methods tell a user who asks for a neuron or a position it does
 * not hold: the recorded neurons in full up to eight, their count and range past that, and the positions
 * there are. A recorder of two samples whose value is {@code 10 * sample + neuron} stands in for one an
 * engine fills.
 */
class StateRecorderMessagesTest {
    private static final Population<?, ?> P =
            new NetworkBuilder(0.1).population("p", 12, LifDelta.MODEL, LifDelta.MODEL.defaults());

    @Test
    void eightRecordedNeuronsAreListedInFull() {
        StateRecorder r = recorderOf(IntStream.rangeClosed(1, 8).toArray());
        ParameterException e = assertThrows(ParameterException.class, () -> r.traceOf(0));
        assertEquals("state recorder of 'p': neuron: expected one of the recorded neurons "
                + "[1, 2, 3, 4, 5, 6, 7, 8], found 0", e.getMessage());
    }

    @Test
    void nineRecordedNeuronsAreGivenByCountAndRange() {
        StateRecorder r = recorderOf(IntStream.rangeClosed(2, 10).toArray());
        ParameterException e = assertThrows(ParameterException.class, () -> r.traceOf(11));
        assertEquals("state recorder of 'p': neuron: expected one of the recorded neurons 9, from 2 to 10, "
                + "found 11", e.getMessage());
    }

    @Test
    void aPositionPastTheRecordedOnesNamesThePositionsThereAre() {
        StateRecorder r = recorderOf(new int[] {4, 7, 9});
        assertArrayEquals(new double[] {7, 17}, r.traceOf(7), "position 1, samples 0 and 1");
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> r.trace(3));
        assertEquals("position 3 of a recorder of 3 neurons (positions 0 to 2); traceOf(neuron) takes a neuron's "
                + "index", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> r.trace(-1));
    }

    private static StateRecorder recorderOf(int[] neurons) {
        return new StateRecorder() {
            @Override
            public Population<?, ?> population() {
                return P;
            }

            @Override
            public String variable() {
                return "v";
            }

            @Override
            public int[] neurons() {
                return neurons.clone();
            }

            @Override
            public int neuronCount() {
                return neurons.length;
            }

            @Override
            public int neuronAt(int position) {
                return neurons[position];
            }

            @Override
            public int intervalSteps() {
                return 1;
            }

            @Override
            public double intervalMs() {
                return 0.1;
            }

            @Override
            public int sampleCount() {
                return 2;
            }

            @Override
            public double value(int sample, int position) {
                return 10 * sample + neurons[position];
            }
        };
    }
}
