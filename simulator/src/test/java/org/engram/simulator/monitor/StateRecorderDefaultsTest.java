package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.util.stream.IntStream;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/**
 * The default methods of {@link StateRecorder} over a recorder whose samples are written here:
 * neurons 1 and 3 of four, sampled every 0.5 ms, value {@code 10 * sample + neuron}; and what they tell a
 * user who asks for a neuron or a position a recorder does not hold, over recorders of other neurons of twelve.
 */
class StateRecorderDefaultsTest {
    private static final Population<?, ?> P =
            new NetworkBuilder(0.1).population("p", 4, LifDelta.MODEL, LifDelta.MODEL.defaults());
    private static final Population<?, ?> TWELVE =
            new NetworkBuilder(0.1).population("p", 12, LifDelta.MODEL, LifDelta.MODEL.defaults());

    /** A recorder of the given number of samples. */
    private static StateRecorder recorder(int samples) {
        return recorder(samples, 0.5);
    }

    /** A recorder of the given number of samples and interval (ms). */
    private static StateRecorder recorder(int samples, double intervalMs) {
        return recorder(P, new int[] {1, 3}, samples, intervalMs);
    }

    /** A recorder of the given neurons of a population, number of samples and interval (ms). */
    private static StateRecorder recorder(Population<?, ?> population, int[] neurons, int samples,
                                          double intervalMs) {
        return new StateRecorder() {
            @Override
            public Population<?, ?> population() {
                return population;
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

    /**
     * A sample of a long run is written at its decimal time: the third sample of an interval of 3000000.7 ms
     * (30,000,007 steps of 0.1 ms) is at 9000002.1 ms, whose product 3 x 3000000.7 computes as 9000002.100000001,
     * which the file wrote.
     */
    @Test
    void sampleTimesPastTwoToTheTwentyTwoMsAreTheirDecimals() throws IOException {
        StateRecorder r = recorder(3, 3000000.7);
        assertEquals("9000002.100000001", Double.toString(3 * 3000000.7), "the product itself is off the decimal");
        assertArrayEquals(new double[] {3000000.7, 6000001.4, 9000002.1}, r.timesMs());
        StringWriter csv = new StringWriter();
        r.writeCsv(csv);
        String[] lines = csv.toString().split("\n");
        assertEquals("9000002.100000000,3,23.0", lines[lines.length - 1]);
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
    void eightRecordedNeuronsAreListedInFull() {
        StateRecorder r = recorder(TWELVE, IntStream.rangeClosed(1, 8).toArray(), 2, 0.5);
        ParameterException e = assertThrows(ParameterException.class, () -> r.traceOf(0));
        assertEquals("state recorder of 'p': neuron: expected one of the recorded neurons "
                + "[1, 2, 3, 4, 5, 6, 7, 8], found 0", e.getMessage());
    }

    @Test
    void nineRecordedNeuronsAreGivenByCountAndRange() {
        StateRecorder r = recorder(TWELVE, IntStream.rangeClosed(2, 10).toArray(), 2, 0.5);
        ParameterException e = assertThrows(ParameterException.class, () -> r.traceOf(11));
        assertEquals("state recorder of 'p': neuron: expected one of the recorded neurons 9, from 2 to 10, "
                + "found 11", e.getMessage());
    }

    @Test
    void aPositionPastTheRecordedOnesNamesThePositionsThereAre() {
        StateRecorder r = recorder(TWELVE, new int[] {4, 7, 9}, 2, 0.5);
        assertArrayEquals(new double[] {7, 17}, r.traceOf(7), "position 1, samples 0 and 1");
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> r.trace(3));
        assertEquals("position 3 of a recorder of 3 neurons (positions 0 to 2); traceOf(neuron) takes a neuron's "
                + "index", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> r.trace(-1));
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
