package org.engram.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The digest equals SHA-256 of the whole train sorted by (time, neuron), for spikes that come in
 * step order but shuffled within each step, and it holds about a step's spikes, not the run's.
 */
class SpikeTrainDigestTest {
    private static final double DT = 0.1;

    private record Spike(double timeMs, int neuron) {
    }

    private static String sortedSha256(List<Spike> train) throws Exception {
        List<Spike> sorted = new ArrayList<>(train);
        sorted.sort(Comparator.comparingDouble(Spike::timeMs).thenComparingInt(Spike::neuron));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer record = ByteBuffer.allocate(12);   // big-endian: time bits, then neuron
        for (Spike s : sorted) {
            record.clear();
            record.putLong(Double.doubleToLongBits(s.timeMs())).putInt(s.neuron());
            sha.update(record.array());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @ParameterizedTest(name = "deferred {0}")
    @ValueSource(booleans = {false, true})
    void equalsTheHashOfTheSortedTrainWhateverTheOrderWithinASteps(boolean deferred) throws Exception {
        NetworkBuilder b = new NetworkBuilder(DT);
        Population<?, ?> first = b.population("a", 700, LifDelta.MODEL, LifDelta.MODEL.defaults());
        Population<?, ?> second = b.population("b", 300, LifDelta.MODEL, LifDelta.MODEL.defaults());
        SplittableRandom random = new SplittableRandom(11);
        List<Spike> train = new ArrayList<>();
        SpikeTrainDigest digest = deferred ? SpikeTrainDigest.deferred(DT) : new SpikeTrainDigest(DT);
        for (int step = 0; step < 400; step++) {
            // Precise-mode times in (step dt, (step + 1) dt], a step's spikes in any order; quiet steps,
            // dense ones (a window of 256 must grow), and ties at the step's end (grid-mode times).
            int n = step % 50 == 7 ? 900 : 1 + random.nextInt(60);
            List<Spike> stepSpikes = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                double t = random.nextInt(4) == 0 ? (step + 1) * DT : (step + 1 - random.nextDouble()) * DT;
                stepSpikes.add(new Spike(t, random.nextInt(1000)));
            }
            Collections.shuffle(stepSpikes, new java.util.Random(step));
            for (Spike s : stepSpikes) {
                Population<?, ?> p = s.neuron() < 700 ? first : second;
                digest.onSpike(p, s.neuron() - p.firstNeuron(), s.timeMs());
            }
            train.addAll(stepSpikes);
        }
        assertEquals(train.size(), digest.spikes());
        assertEquals(sortedSha256(train), digest.hex());
    }

    @Test
    void aSpikeJustAfterItsStepsStartIsKeptUntilTheStepIsOver() throws Exception {
        // Step 10 of 0.1 ms holds the times (1.0, 1.1]. A spike at 1.0 + 1e-12 ms, then 300 at 1.1 ms,
        // fill the window of 256 while the step is under way; a spike of the same step at 1.0 + 5e-13 ms
        // may still come and must be hashed before it, so the first must not yet count as settled.
        Population<?, ?> p = new NetworkBuilder(DT).population("p", 400, LifDelta.MODEL, LifDelta.MODEL.defaults());
        SpikeTrainDigest digest = new SpikeTrainDigest(DT);
        List<Spike> train = new ArrayList<>();
        train.add(new Spike(1.0 + 1e-12, 5));
        for (int k = 0; k < 300; k++) {
            train.add(new Spike(1.1, 10 + k));
        }
        train.add(new Spike(1.0 + 5e-13, 1));
        for (Spike s : train) {
            digest.onSpike(p, s.neuron(), s.timeMs());
        }
        assertEquals(sortedSha256(train), digest.hex());
    }

    @Test
    void holdsAboutAStepOfSpikesNotTheRun() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Population<?, ?> p = new NetworkBuilder(DT).population("p", 1000, LifDelta.MODEL, LifDelta.MODEL.defaults());
        SpikeTrainDigest digest = new SpikeTrainDigest(DT);
        long before = threads.getCurrentThreadAllocatedBytes();
        // A million precise-mode spikes 1 us apart (100 per step): no gap of a step ever comes.
        for (int k = 1; k <= 1_000_000; k++) {
            digest.onSpike(p, k % 1000, k * 0.001);
        }
        digest.hex();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // A window of a few hundred spikes needs kilobytes; holding the train until the end took
        // arrays of a million times and neurons plus their 12-byte records: over 36 MB.
        assertTrue(allocated < 4L << 20, "allocated " + allocated + " bytes for 1,000,000 spikes");
    }

    @Test
    void aDeferredDigestThatFillsHashesAsTheSmallWindowDoes() {
        Population<?, ?> p = new NetworkBuilder(DT).population("p", 1000, LifDelta.MODEL, LifDelta.MODEL.defaults());
        SpikeTrainDigest small = new SpikeTrainDigest(DT);
        SpikeTrainDigest deferred = SpikeTrainDigest.deferred(DT);
        SplittableRandom random = new SplittableRandom(5);
        // More spikes than the deferred window holds, 200 per step in any order within the step,
        // so the deferred digest hashes part of its window before the end.
        int steps = SpikeTrainDigest.DEFERRED_SPIKES / 200 + 1000;
        for (int step = 0; step < steps; step++) {
            for (int k = 0; k < 200; k++) {
                double t = (step + 1 - random.nextDouble()) * DT;
                int neuron = random.nextInt(1000);
                small.onSpike(p, neuron, t);
                deferred.onSpike(p, neuron, t);
            }
        }
        assertEquals(200L * steps, deferred.spikes());
        assertEquals(small.hex(), deferred.hex());
    }

    /**
     * Read midway, the digest is that of the spikes so far, and it goes on taking spikes: the hex at
     * the end is the whole train's. It had been finished by the first read, so the next spike (a
     * later run's, failing that run and spending the network) was refused.
     */
    @ParameterizedTest(name = "deferred {0}")
    @ValueSource(booleans = {false, true})
    void aDigestReadMidwayGoesOnAndGivesEachPrefixsHash(boolean deferred) throws Exception {
        Population<?, ?> p = new NetworkBuilder(DT).population("p", 100, LifDelta.MODEL, LifDelta.MODEL.defaults());
        SpikeTrainDigest digest = deferred ? SpikeTrainDigest.deferred(DT) : new SpikeTrainDigest(DT);
        SplittableRandom random = new SplittableRandom(3);
        List<Spike> train = new ArrayList<>();
        for (int step = 0; step < 200; step++) {
            // 0 to 400 spikes a step, past the small window, in any order within the step.
            int n = random.nextInt(401);
            for (int k = 0; k < n; k++) {
                Spike s = new Spike((step + 1 - random.nextDouble()) * DT, random.nextInt(100));
                digest.onSpike(p, s.neuron(), s.timeMs());
                train.add(s);
            }
            if (step == 99) {
                String half = digest.hex();
                assertEquals(sortedSha256(train), half);
                assertEquals(half, digest.hex(), "a second read, with no spike between, gives the same");
            }
        }
        assertEquals(train.size(), digest.spikes());
        assertEquals(sortedSha256(train), digest.hex());
    }

    /** Through an engine: a digest read after one run, then a second run, hashes as one run's digest does. */
    @Test
    void aDigestReadBetweenRunsEqualsOneReadAfterBoth() {
        java.util.function.Supplier<org.engram.simulator.network.Network> build = () -> {
            NetworkBuilder b = new NetworkBuilder(DT).seed(8);
            Population<?, ?> p = b.population("p", 50, LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2, 0));
            b.poissonInput(p, 8000, 0.2, org.engram.simulator.model.Receptor.EXCITATORY);
            return b.build();
        };
        String[] hex = new String[2];
        for (int k = 0; k < 2; k++) {
            try (var engine = new org.engram.simulator.engine.Engine(build.get(),
                    org.engram.simulator.engine.EngineOptions.grid(1))) {
                SpikeTrainDigest digest = new SpikeTrainDigest(DT);
                engine.addObserver(digest);
                engine.run(100);
                if (k == 1) {
                    digest.hex();
                }
                engine.run(100);
                hex[k] = digest.hex();
                assertTrue(digest.spikes() > 100, "spikes " + digest.spikes());
            }
        }
        assertEquals(hex[0], hex[1]);
    }

    /**
     * The step decides which spikes are settled: with -0.1 ms a window of spikes given in reverse
     * order within each step was hashed before the earlier ones came (another hash, silently).
     */
    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 0, Double.NaN})
    void aStepThatIsNotPositiveIsRefused(double dtMs) {
        assertThrows(ParameterException.class, () -> new SpikeTrainDigest(dtMs));
        assertThrows(ParameterException.class, () -> SpikeTrainDigest.deferred(dtMs));
    }
}
