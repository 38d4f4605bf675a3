package org.engram.learning.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An encoding depends on the sample and its stream alone: encoded one after the other in index
 * order, or in a shuffled order by four threads each with a buffer of its own (as a trainer's
 * workers encode a batch), every sample gets the same spikes, in masks (up to 64 steps) and in
 * lists (more).
 */
class EncoderDeterminismTest {
    private static final int SAMPLES = 64;
    private static final int INPUTS = 50;

    static List<Encoder> encoders() {
        return List.of(RateEncoder.bernoulli(20, 0.8), RateEncoder.bernoulli(81, 0.8),
                RateEncoder.poisson(30, 300, 1.0), new LatencyEncoder(70, 0.1));
    }

    private static String raster(EncodedInput e) {
        StringBuilder b = new StringBuilder();
        for (int t = 0; t < e.steps(); t++) {
            b.append(Arrays.toString(Arrays.copyOfRange(e.index(), e.spikeStart(t), e.spikeEnd(t))));
        }
        return b.toString();
    }

    private static String encode(Encoder encoder, float[] sample, int index, EncodedInput buffer) {
        encoder.encode(sample, Encoder.streamState(11, index, 4), buffer);
        return raster(buffer);
    }

    @ParameterizedTest
    @MethodSource("encoders")
    void sameSpikesWhateverTheOrderAndTheThreads(Encoder encoder) throws Exception {
        Random random = new Random(6);
        float[][] x = new float[SAMPLES][INPUTS];
        for (float[] sample : x) {
            for (int i = 0; i < INPUTS; i++) {
                sample[i] = random.nextInt(4) == 0 ? 0f : random.nextFloat();
            }
        }
        EncodedInput one = new EncodedInput(encoder.steps(), INPUTS);
        String[] inOrder = new String[SAMPLES];
        for (int s = 0; s < SAMPLES; s++) {
            inOrder[s] = encode(encoder, x[s], s, one);
        }
        assertTrue(Arrays.stream(inOrder).distinct().count() > SAMPLES / 2, "the samples must differ");
        List<Integer> order = new ArrayList<>();
        for (int s = 0; s < SAMPLES; s++) {
            order.add(s);
        }
        Collections.shuffle(order, new Random(7));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String[]>> parts = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                List<Integer> mine = order.subList(w * SAMPLES / 4, (w + 1) * SAMPLES / 4);
                parts.add(pool.submit(() -> {
                    EncodedInput own = new EncodedInput(encoder.steps(), INPUTS);
                    String[] got = new String[SAMPLES];
                    for (int s : mine) {
                        got[s] = encode(encoder, x[s], s, own);
                    }
                    return got;
                }));
            }
            for (int w = 0; w < 4; w++) {
                String[] got = parts.get(w).get();
                for (int s : order.subList(w * SAMPLES / 4, (w + 1) * SAMPLES / 4)) {
                    assertEquals(inOrder[s], got[s], encoder.describe() + ", sample " + s);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
