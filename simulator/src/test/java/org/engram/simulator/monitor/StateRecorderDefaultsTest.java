package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
        return recorder(samples, 0.5);
    }

    /** A recorder of the given number of samples and interval (ms). */
    private static StateRecorder recorder(int samples, double intervalMs) {
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
                return intervalMs;
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

    /**
     * The times are those the CSV file writes: an interval of 3 steps of 0.1 ms is 0.30000000000000004
     * as a double, and its multiples had carried the error (0.9000000000000001, 2499 x 0.2 gave
     * 499.79999999999995).
     */
    @Test
    void sampleTimesAreTheDecimalsTheCsvWrites() throws IOException {
        double interval = 3 * 0.1;
        StateRecorder r = recorder(3, interval);
        assertArrayEquals(new double[] {0.3, 0.6, 0.9}, r.timesMs());
        assertNotEquals(0.9, 3 * interval, "the product itself is off the decimal");
        StringWriter csv = new StringWriter();
        r.writeCsv(csv);
        String[] lines = csv.toString().split("\n");
        assertEquals(0.9, Double.parseDouble(lines[lines.length - 1].split(",")[0]));
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
