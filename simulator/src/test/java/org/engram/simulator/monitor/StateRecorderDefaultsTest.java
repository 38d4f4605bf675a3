package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * The default methods of {@link StateRecorder} over a recorder whose samples are written here:
 * neurons 1 and 3 of four, sampled every 0.5 ms, value {@code 10 * sample + neuron}.
 */
class StateRecorderDefaultsTest {
    private static final Population<?, ?> P =
            new NetworkBuilder(0.1).population("p", 4, LifDelta.MODEL, LifDelta.MODEL.defaults());

    /** A recorder of the given number of samples. */
    private static StateRecorder recorder(int samples) {
        int[] neurons = {1, 3};
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
                return 5;
            }

            @Override
            public double intervalMs() {
                return 0.5;
            }

            @Override
            public int sampleCount() {
                return samples;
            }

            @Override
            public double value(int sample, int position) {
                return 10 * sample + neurons[position];
            }
        };
    }

    @Test
    void tracesAreFoundByPositionOrByNeuron() {
        StateRecorder r = recorder(3);
        assertArrayEquals(new double[] {0.5, 1.0, 1.5}, r.timesMs());
        assertArrayEquals(new double[] {3, 13, 23}, r.trace(1));
        assertArrayEquals(new double[] {1, 11, 21}, r.traceOf(1));
        assertArrayEquals(new double[] {3, 13, 23}, r.traceOf(3));
        for (int unrecorded : new int[] {0, 2, 4}) {
            ParameterException e = assertThrows(ParameterException.class, () -> r.traceOf(unrecorded));
            assertEquals(String.valueOf(unrecorded), e.found());
            assertEquals("one of the recorded neurons [1, 3]", e.expected());
        }
    }

    @Test
    void aPositionPastTheNeuronsIsRefusedEvenBeforeAnySample() {
        StateRecorder r = recorder(0);
        assertThrows(IndexOutOfBoundsException.class, () -> r.trace(2));
        assertThrows(IndexOutOfBoundsException.class, () -> r.trace(-1));
        assertArrayEquals(new double[0], r.trace(1));
    }

    @Test
    void writesOneLinePerSampleAndNeuronAndFlushes() throws IOException {
        StringWriter out = new StringWriter();
        recorder(2).writeCsv(new BufferedWriter(out));
        assertEquals("time_ms,neuron,v\n0.500000000,1,1.0\n0.500000000,3,3.0\n1.000000000,1,11.0\n"
                + "1.000000000,3,13.0\n", out.toString());
    }

    @Test
    void theNeuronsToSampleAreCheckedUnlessAll() {
        StateRecorder.requireNeurons(P, null);
        StateRecorder.requireNeurons(P, new int[] {0, 3});
        for (int[] bad : new int[][] {{}, {1, 1}, {2, 1}, {4}}) {
            ParameterException e = assertThrows(ParameterException.class, () -> StateRecorder.requireNeurons(P, bad));
            assertEquals("neurons", e.location());
        }
    }
}
