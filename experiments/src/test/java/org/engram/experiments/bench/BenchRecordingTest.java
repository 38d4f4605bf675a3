package org.engram.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The neurons whose potential a benchmark's state recording samples. */
class BenchRecordingTest {
    /**
     * A population of 1,000 gives every tenth neuron; one of 250, k * 2.5 rounded down; one of 7, all seven; one
     * of 100, each.
     */
    @Test
    void theSampledNeuronsAreSpreadEvenlyFromTheFirst() {
        int[] tenth = new int[100];
        int[] quarter = new int[100];
        for (int k = 0; k < 100; k++) {
            tenth[k] = 10 * k;
            quarter[k] = 5 * k / 2;
        }
        assertArrayEquals(tenth, BenchRecording.spreadNeurons(1000));
        assertArrayEquals(quarter, BenchRecording.spreadNeurons(250));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, BenchRecording.spreadNeurons(7));
        assertArrayEquals(IntStream.range(0, 100).toArray(), BenchRecording.spreadNeurons(100));
    }
}
