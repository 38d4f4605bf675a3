package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReplayTest {
    /**
     * Over a stream of one class, class-balancing reservoir sampling is reservoir sampling: once the
     * memory is full the class is, and a sample replaces one of it with probability m_c / n_c
     * (Chrysakis and Moens 2020, algorithm 1), which keeps every sample with probability M/N.
     */
    @ParameterizedTest
    @EnumSource(Replay.Buffer.class)
    void reservoirInclusionProbabilityIsUniformOverTheStream(Replay.Buffer buffer) {
        int stream = 1000;
        int capacity = 50;
        int runs = 2000;
        int[] included = new int[stream];
        for (int run = 0; run < runs; run++) {
            ReplayMemory memory = new ReplayMemory(capacity, buffer);
            SplitMixRandom rng = RandomStreams.of(run, Purpose.REPLAY, 0);
            for (int i = 0; i < stream; i++) {
                memory.offer(new float[] {i}, 0, 0, rng);
                assertTrue(memory.size() <= capacity);
            }
            assertEquals(capacity, memory.size());
            for (int s = 0; s < capacity; s++) {
                included[(int) memory.input(s)[0]]++;
            }
        }
        // Each element is kept with probability p = M/N = 0.05 in every run, so its count over R runs
        // is Binomial(R, p): mean 100, sd sqrt(R p (1 - p)) = 9.75.
        double p = (double) capacity / stream;
        double mean = runs * p;
        double var = runs * p * (1 - p);
        double chi2 = 0;
        for (int c : included) {
            // 5.5 sd: two-sided normal tail 3.8e-8 per element, < 4e-5 for all 1000 (Bonferroni)
            assertTrue(Math.abs(c - mean) < 5.5 * Math.sqrt(var), "count " + c);
            chi2 += (c - mean) * (c - mean) / var;
        }
        // sum of N standardised squares: mean N, sd about sqrt(2N) = 44.7 (runs hold exactly M each,
        // which only lowers the spread); 6 sd either side fails with probability < 1e-8 (normal approx.)
        assertTrue(Math.abs(chi2 - stream) < 6 * Math.sqrt(2.0 * stream), "chi2 " + chi2);
    }

    @Test
    void classBalancedMemoryStaysWithinBudgetAndBalancedOverClassIncrementalStream() {
        int capacity = 100;
        ReplayMemory memory = new ReplayMemory(capacity, Replay.Buffer.CLASS_BALANCED);
        SplitMixRandom rng = RandomStreams.of(7, Purpose.REPLAY, 0);
        for (int c = 0; c < 10; c++) {
            for (int i = 0; i < 300; i++) {
                memory.offer(new float[] {c}, c, c / 2, rng);
                assertTrue(memory.size() <= capacity);
            }
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int k = 0; k <= c; k++) {
                min = Math.min(min, memory.countOf(k));
                max = Math.max(max, memory.countOf(k));
            }
            assertEquals(capacity, memory.size());
            assertTrue(max - min <= 1, "after class " + c + ": counts from " + min + " to " + max);
        }
        for (int s = 0; s < capacity; s++) {
            assertEquals(memory.label(s), (int) memory.input(s)[0], "slot holds its own label's sample");
        }
    }

    /**
     * A minority class that leads while the memory fills (its sample came first) still gets its
     * share: 120 samples of class 0 and 20 of class 1, in 50 shuffled orders, into 40 slots keep all
     * 20 of class 1. Marking the leaders full while the memory filled left class 1 with 1 to 11
     * slots in 29% of orders.
     */
    @Test
    void classBalancedMemoryIsBalancedWhateverTheOrder() {
        for (int seed = 1; seed <= 50; seed++) {
            List<Integer> stream = new ArrayList<>();
            for (int i = 0; i < 140; i++) {
                stream.add(i < 120 ? 0 : 1);
            }
            Collections.shuffle(stream, new Random(seed));
            ReplayMemory memory = new ReplayMemory(40, Replay.Buffer.CLASS_BALANCED);
            SplitMixRandom rng = RandomStreams.of(seed, Purpose.REPLAY, 0);
            for (int label : stream) {
                memory.offer(new float[] {label}, label, 0, rng);
            }
            assertEquals(20, memory.countOf(1), "order of seed " + seed);
        }
    }

    @Test
    void classBalancedMemoryKeepsSmallClassesWhole() {
        ReplayMemory memory = new ReplayMemory(100, Replay.Buffer.CLASS_BALANCED);
        SplitMixRandom rng = RandomStreams.of(8, Purpose.REPLAY, 0);
        for (int i = 0; i < 1000; i++) {
            memory.offer(new float[] {0}, 0, 0, rng);
        }
        for (int c = 1; c <= 4; c++) {
            for (int i = 0; i < 20; i++) {
                memory.offer(new float[] {c}, c, 0, rng);
            }
        }
        // 4 small classes of 20 fit whole; the large class keeps the remaining 20 slots
        for (int c = 0; c <= 4; c++) {
            assertEquals(20, memory.countOf(c), "class " + c);
        }
    }

    /**
     * A sample of a class that is not full replaces one of the largest class, never one of a smaller
     * class (CBRS, algorithm 1): a full memory of 4 holding three of class 0 and one of class 1 takes
     * a sample of class 2 in place of a class-0 sample, whatever the stream's seed.
     */
    @Test
    void aNewClassTakesRoomFromTheLargestClassOnly() {
        for (long seed = 0; seed < 20; seed++) {
            ReplayMemory memory = new ReplayMemory(4, Replay.Buffer.CLASS_BALANCED);
            SplitMixRandom rng = RandomStreams.of(seed, Purpose.REPLAY, 0);
            for (int label : new int[] {0, 0, 0, 1, 2}) {
                memory.offer(new float[] {label}, label, 0, rng);
            }
            assertArrayEquals(new int[] {2, 1, 1, 0}, new int[] {memory.countOf(0), memory.countOf(1),
                memory.countOf(2), memory.countOf(3)}, "seed " + seed + "; a class never seen holds none");
        }
    }

    /**
     * A memory_size and replay_batch_size of 0 and a missing buffer are refused in one report that names
     * each key and the value found; 1 and 1, the smallest values allowed, make a memory that holds one
     * sample and replays it in every batch after the first.
     */
    @Test
    void refusesBadHyperparametersNamingEveryKeyAndAcceptsOneAndOne() {
        ParameterException e = assertThrows(ParameterException.class, () -> new Replay.Params(0, 0, null));
        assertEquals(3, e.problems().size(), e.getMessage());
        String m = e.getMessage();
        assertTrue(m.contains("replay") && m.contains("memory_size") && m.contains("replay_batch_size")
                && m.contains("buffer") && m.contains("found 0") && m.contains("null"), m);
        Replay one = new Replay(new Replay.Params(1, 1, Replay.Buffer.RESERVOIR));
        int[] replayed = new int[2];
        ContinualStrategy probe = new BatchProbe(b -> {
            replayed[0] += b.size() - b.ownSize();
            replayed[1]++;
        });
        List<SampleSet> tasks = List.of(ToyData.nearSubspace(0, ToyData.randomRows(2, 4, 1), 2, 20, 0.1, 5));
        ToyTrainer trainer = new ToyTrainer(new ToyLinearModel(4, 2, 1), Strategies.chain(one, probe), tasks,
                Scenario.TASK_INCREMENTAL, 3);
        trainer.runAll();
        assertEquals(1, one.memorySize());
        assertEquals(replayed[1] - 1, replayed[0], "one replayed sample in every batch but the first");
    }

    @Test
    void everyBatchGetsReplayedSamplesOfEarlierTasksWithinBudget() {
        int n = 6;
        List<SampleSet> tasks = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            tasks.add(ToyData.nearSubspace(t, ToyData.randomRows(3, n, t), 2, 60, 0.1, 10 + t));
        }
        Replay replay = new Replay(new Replay.Params(30, 5, Replay.Buffer.RESERVOIR));
        List<int[]> seen = new ArrayList<>();
        ContinualStrategy probe = new BatchProbe(b -> {
            int older = 0;
            for (int i = b.ownSize(); i < b.size(); i++) {
                older += b.task(i) < b.taskIndex() ? 1 : 0;
                assertEquals(-1, b.sampleIndex(i));
                // in the batch's mean with the own samples, unlike er_ace's mean of their own
                assertFalse(((Batch) b).outsideMean(i), "a replayed sample is in the batch's mean");
                // the sample is one of the task it names, with its label, and drawn once per batch
                int origin = indexOf(tasks.get(b.task(i)), b.input(i));
                assertTrue(origin >= 0, "a replayed sample keeps its task index");
                assertEquals(tasks.get(b.task(i)).label(origin), b.label(i), "and its label");
                for (int j = b.ownSize(); j < i; j++) {
                    assertFalse(java.util.Arrays.equals(b.input(j), b.input(i)), "distinct replayed samples");
                }
            }
            seen.add(new int[] {b.taskIndex(), b.size() - b.ownSize(), older, replay.memorySize()});
        });
        new ToyTrainer(new ToyLinearModel(n, 2, 1), Strategies.chain(replay, probe), tasks,
                Scenario.TASK_INCREMENTAL, 3).runAll();
        int withOlder = 0;
        for (int[] s : seen) {
            assertTrue(s[1] <= 5, "replay batch size");
            assertTrue(s[3] <= 30, "memory budget");
            withOlder += s[0] > 0 && s[2] > 0 ? 1 : 0;
        }
        assertEquals(30, replay.memorySize());
        assertTrue(withOlder > 0, "later tasks replay earlier tasks' samples");
        assertEquals(5, seen.get(seen.size() - 1)[1]);
    }

    /**
     * The memory copies only the samples it takes: a reservoir of 10 takes about 10 (1 + ln 160) = 60
     * of 1,600 offers, so a copy per offer would allocate 25 times what is kept.
     */
    @Test
    void onlyTheSamplesTheMemoryTakesAreCopied() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int n = 784;
        float[][] inputs = ToyData.randomRows(32, n, 4);
        ArraySamples data = new ArraySamples(0, inputs, new int[32]);
        int[] all = new int[32];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Batch[] batches = new Batch[50];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = new Batch(0, Scenario.TASK_INCREMENTAL, 0, b, data, all);
        }
        Replay replay = new Replay(new Replay.Params(10, 1, Replay.Buffer.RESERVOIR));
        replay.beforeTask(new FixedTask(0, Scenario.TASK_INCREMENTAL, 1, null, null, List.of(data)));
        long before = threads.getCurrentThreadAllocatedBytes();
        for (Batch batch : batches) {
            replay.beforeBatch(batch);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(10, replay.memorySize());
        // About 60 copies of 3,152 bytes (190 KB) plus the batches' growth for one appended sample; a
        // copy per offer is 1,600 x 3,152 bytes = 5 MB. 1 MB lies between with room on both sides.
        assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes offering 1,600 samples");
    }

    /**
     * As a sample set the memory names the latest task of the samples it holds (0 while empty) and
     * each slot's own task; a task's count follows the slots that hold it, a replaced sample's task
     * included.
     */
    @Test
    void theMemoryNamesItsLatestTaskAndCountsEachTasksSamples() {
        ReplayMemory memory = new ReplayMemory(2, Replay.Buffer.RESERVOIR);
        assertEquals(0, memory.task());
        SplitMixRandom rng = RandomStreams.of(1, Purpose.REPLAY, 0);
        memory.offer(new float[] {0}, 0, 3, rng);
        memory.offer(new float[] {1}, 0, 1, rng);
        assertEquals(3, memory.task());
        assertEquals(3, memory.task(0));
        assertEquals(1, memory.task(1));
        assertEquals(1, memory.countOfTask(3));
        int slot;
        do {
            slot = memory.offer(new float[] {2}, 0, 2, rng);
        } while (slot < 0);
        assertEquals(2, memory.task(slot));
        assertEquals(slot == 0 ? 2 : 3, memory.task(), "slot " + slot + " replaced");
        assertEquals(1, memory.countOfTask(2));
        assertEquals(slot == 0 ? 0 : 1, memory.countOfTask(3));
    }

    @Test
    void theMemoryKeepsACopyOfWhatItTakes() {
        ReplayMemory memory = new ReplayMemory(2, Replay.Buffer.RESERVOIR);
        float[] input = {1, 2};
        memory.offer(input, 0, 0, RandomStreams.of(1, Purpose.REPLAY, 0));
        input[0] = 5;   // a batch's array, which the caller may reuse
        assertArrayEquals(new float[] {1, 2}, memory.input(0));
    }

    @Test
    void sameSeedGivesBitIdenticalMemory() throws IOException {
        assertArrayEquals(memoryBytes(5), memoryBytes(5));
        assertTrue(!java.util.Arrays.equals(memoryBytes(5), memoryBytes(6)), "the seed matters");
    }

    private static byte[] memoryBytes(long seed) throws IOException {
        int n = 4;
        List<SampleSet> tasks = List.of(
                ToyData.nearSubspace(0, ToyData.randomRows(2, n, 1), 2, 50, 0.1, 2),
                ToyData.nearSubspace(1, ToyData.randomRows(2, n, 3), 2, 50, 0.1, 4));
        Replay replay = new Replay(new Replay.Params(20, 4, Replay.Buffer.CLASS_BALANCED));
        new ToyTrainer(new ToyLinearModel(n, 2, 1), replay, tasks, Scenario.DOMAIN_INCREMENTAL, seed).runAll();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        replay.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    /**
     * Chrysakis and Moens (2020): a class is full once it has been a largest class, and a sample of
     * a full class never takes room from another class. Hand-computed with a memory of 3: the stream
     * 0 0 0 fills it (class 0 largest, so full); 1 1 takes two samples of 0 (class 1 becomes
     * largest); then a 0 holds 1 of 3 slots against class 1's 2 but, being full, may only replace
     * one of its own samples, whatever the random draws. A rule of "largest now" would give it back
     * a slot of class 1.
     */
    @Test
    void aClassThatWasLargestNeverTakesRoomFromAnother() throws IOException {
        for (long seed = 1; seed <= 20; seed++) {
            ReplayMemory memory = cbrsAfterLosingClassZero(seed);
            memory.offer(new float[] {0}, 0, 1, RandomStreams.of(seed, Purpose.REPLAY, 1));
            assertEquals(1, memory.countOf(0), "seed " + seed);
            assertEquals(2, memory.countOf(1), "seed " + seed);
        }
    }

    @Test
    void theFullClassesSurviveACheckpoint() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cbrsAfterLosingClassZero(3).write(new DataOutputStream(bytes));
        ReplayMemory resumed = ReplayMemory.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                Replay.NAME, 3, Replay.Buffer.CLASS_BALANCED, 2);
        resumed.offer(new float[] {0}, 0, 1, RandomStreams.of(3, Purpose.REPLAY, 1));
        assertEquals(1, resumed.countOf(0));
        assertEquals(2, resumed.countOf(1));
    }

    /**
     * A class that has not been largest stays not full through a checkpoint. Memory of 3, stream 0 0 0
     * (class 0 full), then 1: it takes a slot of class 0 and holds 1 of 3, never largest. A further 1,
     * not full, takes a slot of the largest class, 0, whatever the draws: 2 of class 1 and 1 of class 0.
     * Were class 1 read as full, it could only replace one of its own, and would keep 1.
     */
    @Test
    void aClassNotYetFullStaysSoThroughACheckpoint() throws IOException {
        for (long seed = 1; seed <= 10; seed++) {
            ReplayMemory memory = new ReplayMemory(3, Replay.Buffer.CLASS_BALANCED);
            SplitMixRandom rng = RandomStreams.of(seed, Purpose.REPLAY, 0);
            for (int label : new int[] {0, 0, 0, 1}) {
                memory.offer(new float[] {label}, label, 0, rng);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            memory.write(new DataOutputStream(bytes));
            ReplayMemory resumed = ReplayMemory.read(new DataInputStream(new ByteArrayInputStream(
                    bytes.toByteArray())), Replay.NAME, 3, Replay.Buffer.CLASS_BALANCED, 2);
            resumed.offer(new float[] {1}, 1, 1, RandomStreams.of(seed, Purpose.REPLAY, 1));
            assertEquals(1, resumed.countOf(0), "seed " + seed);
            assertEquals(2, resumed.countOf(1), "seed " + seed);
        }
    }

    @Test
    void aStateOfFormatOneTakesTheLargestClassesAsFull() throws IOException {
        // Format 1, written field by field: capacity, size, seen, seen per class, then the samples.
        // It kept no flags and applied "largest now": after reading, class 1 (2 of 3) is full and
        // class 0 (1 of 3) is not, so a 0 takes a slot of class 1, as it did under format 1. Class 1,
        // full since the read, then takes no slot of class 0 (now largest and full too): a 1 may only
        // replace one of its own.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(3);
        out.writeInt(3);
        out.writeInt(5);
        StateCodec.writeInts(out, new int[] {3, 2});
        for (int label : new int[] {1, 0, 1}) {
            out.writeInt(label);
            out.writeInt(0);
            StateCodec.writeFloats(out, new float[] {label});
        }
        ReplayMemory resumed = ReplayMemory.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                Replay.NAME, 3, Replay.Buffer.CLASS_BALANCED, 1);
        SplitMixRandom rng = RandomStreams.of(3, Purpose.REPLAY, 1);
        resumed.offer(new float[] {0}, 0, 1, rng);
        assertEquals(2, resumed.countOf(0));
        assertEquals(1, resumed.countOf(1));
        resumed.offer(new float[] {1}, 1, 1, rng);
        assertEquals(2, resumed.countOf(0));
        assertEquals(1, resumed.countOf(1));
    }

    /**
     * A memory state read back must fit the configuration and name only classes it counts: an empty
     * memory is read, one of another memory_size or with a label beyond its classes is refused by name.
     */
    @Test
    void aMemoryStateIsReadOnlyIfItFits() throws IOException {
        assertEquals(0, ReplayMemory.read(memoryState(3, new int[0]), Replay.NAME, 3, Replay.Buffer.CLASS_BALANCED, 2)
                .size());
        assertEquals("replay.memory_size", assertThrows(EngramException.class,
                () -> ReplayMemory.read(memoryState(4, new int[0]), Replay.NAME, 3, Replay.Buffer.RESERVOIR, 2))
                .location());
        assertEquals("replay.label", assertThrows(EngramException.class,
                () -> ReplayMemory.read(memoryState(3, new int[] {2}), Replay.NAME, 3, Replay.Buffer.RESERVOIR, 2))
                .location());
    }

    /**
     * A damaged memory state is refused naming what is wrong and the rule it breaks: a sample count
     * below 0 or above the capacity (the range 0 to the capacity), full-class flags that are not one per
     * class seen (two here, three or one found), a label below 0 or past the classes seen (0..1 for two
     * classes).
     */
    @Test
    void aDamagedMemoryStateIsRefusedNamingTheRuleItBreaks() {
        EngramException e;
        for (int size : new int[] {-1, 4}) {
            e = assertThrows(EngramException.class, () -> ReplayMemory.read(memoryState(3, size, new int[] {0, 0},
                    new int[] {0, 1, 0, 1}), Replay.NAME, 3, Replay.Buffer.RESERVOIR, 2));
            assertEquals("replay.stored samples", e.location());
            assertEquals("0..3", e.expected());
            assertEquals(String.valueOf(size), e.found());
        }
        for (int[] flags : new int[][] {{0, 0, 1}, {1}}) {
            e = assertThrows(EngramException.class, () -> ReplayMemory.read(
                    memoryState(3, 0, flags, new int[0]), Replay.NAME, 3, Replay.Buffer.CLASS_BALANCED, 2));
            assertEquals("replay.full classes", e.location());
            assertEquals("2 flags, one per class seen", e.expected());
            assertEquals(String.valueOf(flags.length), e.found());
        }
        for (int label : new int[] {-1, 2}) {
            e = assertThrows(EngramException.class, () -> ReplayMemory.read(memoryState(3, new int[] {label}),
                    Replay.NAME, 3, Replay.Buffer.RESERVOIR, 2));
            assertEquals("replay.label", e.location());
            assertEquals("0..1", e.expected());
            assertEquals(String.valueOf(label), e.found());
        }
    }

    /**
     * Each training sample is offered to the memory once, in the task's first epoch: a memory with room
     * for all holds each of the task's 40 samples once after 3 epochs, not once per epoch.
     */
    @Test
    void eachTrainingSampleIsOfferedOnceWhateverTheEpochs() {
        SampleSet task = ToyData.nearSubspace(0, ToyData.randomRows(2, 4, 1), 2, 40, 0.1, 2);
        Replay replay = new Replay(new Replay.Params(1000, 4, Replay.Buffer.RESERVOIR));
        ToyTrainer trainer = new ToyTrainer(new ToyLinearModel(4, 2, 1), replay, List.of(task),
                Scenario.DOMAIN_INCREMENTAL, 5);
        trainer.epochs = 3;
        trainer.runAll();
        assertEquals(task.size(), replay.memorySize());
    }

    /**
     * A state that counts fewer samples seen than it holds, in all or of a class, is refused when read,
     * naming the count: reservoir sampling would otherwise fail at the first draw from [0, seen), far
     * from the state. A memory written by a run always reads back (seen counts every offer).
     */
    @Test
    void aStateThatSawFewerSamplesThanItHoldsIsRefused() throws IOException {
        EngramException e = assertThrows(EngramException.class, () -> ReplayMemory.read(memoryState(3, 2, 1,
                new int[] {3, 2}, new int[] {0, 0}, new int[] {0, 1}), Replay.NAME, 3, Replay.Buffer.RESERVOIR, 2));
        assertEquals("replay.samples seen", e.location());
        assertEquals("at least the 2 held", e.expected());
        assertEquals("1", e.found());
        e = assertThrows(EngramException.class, () -> ReplayMemory.read(memoryState(3, 2, 5, new int[] {5, 0},
                new int[] {0, 0}, new int[] {0, 1}), Replay.NAME, 3, Replay.Buffer.RESERVOIR, 2));
        assertEquals("replay.samples seen of class 1", e.location());
        assertEquals("at least the 1 held", e.expected());
        assertEquals("0", e.found());
        assertEquals(2, ReplayMemory.read(memoryState(3, 2, 2, new int[] {1, 1}, new int[] {0, 0}, new int[] {0, 1}),
                Replay.NAME, 3, Replay.Buffer.RESERVOIR, 2).size(), "as many seen as held");
    }

    /**
     * A negative label, which no class can have, is refused before the memory counts the sample: the
     * memory then takes the next sample into its first slot as if nothing had been offered.
     */
    @Test
    void aNegativeLabelIsRefusedAndLeavesTheMemoryAsItWas() {
        ReplayMemory memory = new ReplayMemory(1, Replay.Buffer.RESERVOIR);
        SplitMixRandom rng = RandomStreams.of(1, Purpose.REPLAY, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> memory.offer(new float[] {1}, -1, 0, rng));
        assertTrue(e.getMessage().contains("found -1"), e.getMessage());
        assertEquals(0, memory.size());
        assertEquals(0, memory.offer(new float[] {2}, 0, 0, rng));
        // The refused sample was not counted as seen: a memory never offered it takes and declines the
        // same later offers (reservoir sampling draws each from [0, seen)).
        ReplayMemory clean = new ReplayMemory(1, Replay.Buffer.RESERVOIR);
        SplitMixRandom cleanRng = RandomStreams.of(1, Purpose.REPLAY, 0);
        clean.offer(new float[] {2}, 0, 0, cleanRng);
        for (int n = 3; n < 40; n++) {
            assertEquals(clean.offer(new float[] {n}, 0, 0, cleanRng), memory.offer(new float[] {n}, 0, 0, rng),
                    "offer " + n);
        }
    }

    /** A format-2 memory of the given capacity, two classes seen, holding one sample of each label given. */
    private static DataInputStream memoryState(int capacity, int[] labels) throws IOException {
        return memoryState(capacity, labels.length, new int[] {0, 0}, labels);
    }

    /**
     * A format-2 memory of the given capacity and declared sample count, two classes seen, the given
     * full-class flags, holding one sample of each label given.
     */
    private static DataInputStream memoryState(int capacity, int size, int[] fullFlags, int[] labels)
            throws IOException {
        return memoryState(capacity, size, 5, new int[] {3, 2}, fullFlags, labels);
    }

    /**
     * A format-2 memory of the given capacity, declared sample count, samples seen in all and per class,
     * full-class flags, holding one sample of each label given.
     */
    private static DataInputStream memoryState(int capacity, int size, int seen, int[] classSeen, int[] fullFlags,
                                               int[] labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(capacity);
        out.writeInt(size);
        out.writeInt(seen);
        StateCodec.writeInts(out, classSeen);
        StateCodec.writeInts(out, fullFlags);
        for (int label : labels) {
            out.writeInt(label);
            out.writeInt(0);
            StateCodec.writeFloats(out, new float[] {label});
        }
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }

    private static ReplayMemory cbrsAfterLosingClassZero(long seed) {
        ReplayMemory memory = new ReplayMemory(3, Replay.Buffer.CLASS_BALANCED);
        SplitMixRandom rng = RandomStreams.of(seed, Purpose.REPLAY, 0);
        for (int label : new int[] {0, 0, 0, 1, 1}) {
            memory.offer(new float[] {label}, label, 0, rng);
        }
        assertEquals(1, memory.countOf(0));
        assertEquals(2, memory.countOf(1));
        return memory;
    }

    /**
     * A memory as large as an int allows is taken up as samples arrive: it had been allocated at once, out of memory.
     */
    @Test
    void aHugeMemoryIsTakenUpAsSamplesArrive() throws IOException {
        Replay replay = new Replay(new Replay.Params(Integer.MAX_VALUE, 4, Replay.Buffer.RESERVOIR));
        assertEquals("replay", replay.name());
        try (ContinualLearner l = new ContinualLearner(ContinualLearnerTest.net(), RateEncoder.bernoulli(10, 1.0),
                ContinualLearnerTest.options(1), replay, Scenario.TASK_INCREMENTAL)) {
            TaskData[] tasks = SplitPatterns.tasks(20, 10);
            l.startTask(tasks[0]);
            l.trainEpoch(0);
            l.finishTask();
            ByteArrayOutputStream state = new ByteArrayOutputStream();
            l.writeState(new DataOutputStream(state));
            assertTrue(state.size() > 0);
        }
    }

    /** The index of the sample with the given input, or -1. */
    private static int indexOf(SampleSet set, float[] input) {
        for (int s = 0; s < set.size(); s++) {
            if (java.util.Arrays.equals(set.input(s), input)) {
                return s;
            }
        }
        return -1;
    }
}
