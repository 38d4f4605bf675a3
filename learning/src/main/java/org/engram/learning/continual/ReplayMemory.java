package org.engram.learning.continual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.random.RandomGenerator;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.EngramException;

/**
 * A fixed-capacity episodic memory filled from a stream of samples, either by reservoir sampling
 * (every sample seen so far is in memory with probability capacity / seen; Vitter 1985, algorithm
 * R) or by class-balancing reservoir sampling (CBRS, Chrysakis and Moens 2020, algorithm 1). In
 * CBRS a class is <em>full</em> once it has been one of the largest classes in the filled memory
 * after a sample, and stays full: a sample of a class that is not full replaces a random sample of
 * a largest class; a sample of a full class c replaces a random sample of c with probability
 * m_c / n_c (m_c stored, n_c seen). So a class that lost samples to newer classes does not win them
 * back.
 *
 * <p>As a {@link SampleSet} it offers the samples it holds, by slot, each with its own task.
 */
final class ReplayMemory implements SampleSet {
    /** The format {@link #write} writes; {@link #read} reads it and format 1. */
    static final int FORMAT = 2;
    private final int capacity;
    private final Replay.Buffer mode;
    // Grown as samples arrive, up to the capacity: a memory_size of 2^31 had been allocated at once.
    private float[][] inputs;
    private int[] labels;
    private int[] tasks;
    private int size;
    private int seen;
    /** Samples per class in memory, indexed by label. */
    private int[] classCount = new int[0];
    /** Samples per class seen in the stream, indexed by label. */
    private int[] classSeen = new int[0];
    /** Whether a class has been among the largest in the filled memory after some sample (CBRS). */
    private boolean[] full = new boolean[0];
    private int[] scratch = new int[0];

    ReplayMemory(int capacity, Replay.Buffer mode) {
        this.capacity = capacity;
        this.mode = mode;
        int initial = Math.min(capacity, 16);
        this.inputs = new float[initial][];
        this.labels = new int[initial];
        this.tasks = new int[initial];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public float[] input(int slot) {
        return inputs[slot];
    }

    @Override
    public int label(int slot) {
        return labels[slot];
    }

    @Override
    public int task(int slot) {
        return tasks[slot];
    }

    /** {@return the latest task a sample held belongs to, 0 while the memory is empty} */
    @Override
    public int task() {
        int latest = 0;
        for (int s = 0; s < size; s++) {
            latest = Math.max(latest, tasks[s]);
        }
        return latest;
    }

    /** @return how many samples of a task the memory holds */
    int countOfTask(int task) {
        int count = 0;
        for (int s = 0; s < size; s++) {
            if (tasks[s] == task) {
                count++;
            }
        }
        return count;
    }

    /**
     * Fails unless every sample held belongs to a task finished before the one starting, as a memory
     * filled by a run does: a state, when read, has no count of tasks to check its samples against.
     *
     * @param owner the strategy whose memory it is, for messages
     * @param task  the index of the task starting
     */
    void requireTasksBefore(String owner, int task) {
        for (int s = 0; s < size; s++) {
            if (tasks[s] >= task) {
                throw new EngramException("strategy state", owner + ".task", "a task finished before task index "
                        + task + " starts, an index below " + task, String.valueOf(tasks[s]),
                        "the state was saved after other tasks, or is damaged");
            }
        }
    }

    /** @return how many samples of a class the memory holds */
    int countOf(int label) {
        return label < classCount.length ? classCount[label] : 0;
    }

    /**
     * Offers every sample of a finished task's training set, in index order, as A-GEM and GEM keep
     * a task's samples when it ends.
     *
     * @param data the task's samples
     * @param rng  the memory's random stream
     */
    void offerAll(SampleSet data, RandomGenerator rng) {
        for (int i = 0; i < data.size(); i++) {
            offer(data.input(i), data.label(i), data.task(), rng);
        }
    }

    /**
     * Offers one sample; the memory keeps a copy of the array if it takes it (most offers of a long
     * stream are declined, so only those taken are copied).
     *
     * @param input the input vector; not kept
     * @param label the class label, {@code >= 0}
     * @param task  the task index
     * @param rng   the task's replay stream
     * @return the slot the sample now holds, or -1 if the memory declined it
     */
    int offer(float[] input, int label, int task, RandomGenerator rng) {
        if (label < 0) {
            throw new IllegalArgumentException("an episodic memory needs class labels >= 0, found " + label);
        }
        if (label >= classCount.length) {
            classCount = Arrays.copyOf(classCount, label + 1);
            classSeen = Arrays.copyOf(classSeen, label + 1);
            full = Arrays.copyOf(full, label + 1);
        }
        seen = Math.addExact(seen, 1);
        classSeen[label]++;
        int slot;
        if (size < capacity) {
            slot = size;
            put(size++, input, label, task);
        } else {
            slot = replace(input, label, task, rng);
        }
        if (mode == Replay.Buffer.CLASS_BALANCED) {
            markLargestFull();
        }
        return slot;
    }

    /** Offers a sample to the full memory; returns the slot it took or -1. */
    private int replace(float[] input, int label, int task, RandomGenerator rng) {
        int slot = switch (mode) {
            case RESERVOIR -> {
                int j = rng.nextInt(seen);
                yield j < capacity ? j : -1;
            }
            case CLASS_BALANCED -> {
                if (!full[label]) {
                    yield randomSlotOfLargest(largest(), rng);
                }
                yield rng.nextInt(classSeen[label]) < classCount[label] ? randomSlotOf(label, rng) : -1;
            }
        };
        if (slot >= 0) {
            put(slot, input, label, task);
        }
        return slot;
    }

    private int largest() {
        int largest = 0;
        for (int c : classCount) {
            largest = Math.max(largest, c);
        }
        return largest;
    }

    private void markLargestFull() {
        if (size < capacity) {
            // While the memory fills, every sample is kept and none is replaced: a class that leads
            // then (the stream's first sample's) would stay full and never win room from a larger one.
            return;
        }
        int largest = largest();
        for (int c = 0; c < classCount.length; c++) {
            if (classCount[c] == largest) {
                full[c] = true;
            }
        }
    }

    /**
     * Chooses {@code k} distinct slots uniformly (a partial Fisher-Yates shuffle).
     *
     * @param k   how many, at most {@code size()}
     * @param rng the stream
     * @param out receives the slots in {@code [0, k)}
     */
    void choose(int k, RandomGenerator rng, int[] out) {
        if (scratch.length < size) {
            scratch = new int[inputs.length];
        }
        for (int i = 0; i < size; i++) {
            scratch[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(size - i);
            int tmp = scratch[i];
            scratch[i] = scratch[j];
            scratch[j] = tmp;
            out[i] = scratch[i];
        }
    }

    private void put(int slot, float[] input, int label, int task) {
        if (slot >= inputs.length) {
            growTo((int) Math.min(capacity, Math.max(slot + 1L, 2L * inputs.length)));
        }
        if (inputs[slot] != null) {   // a replacement: the sample it holds leaves its class
            classCount[labels[slot]]--;
        }
        inputs[slot] = input.clone();
        labels[slot] = label;
        tasks[slot] = task;
        classCount[label]++;
    }

    /** Room for {@code slots} samples (at most the capacity). */
    private void growTo(int slots) {
        if (slots > inputs.length) {
            inputs = Arrays.copyOf(inputs, slots);
            labels = Arrays.copyOf(labels, slots);
            tasks = Arrays.copyOf(tasks, slots);
        }
    }

    /** Fails unless a count of samples seen, read from a state, covers the samples held. */
    private static void requireSeen(String owner, String what, int held, int seen) {
        if (seen < held) {
            throw new EngramException("strategy state", owner + "." + what, "at least the " + held + " held",
                    String.valueOf(seen), "the state file is damaged");
        }
    }

    /**
     * Fails unless a memory read from a state was filled under the reader's buffer mode, so that the
     * resumed run equals one straight through under it. Reservoir sampling marks no class full, and
     * class-balanced sampling marks the largest full once the memory fills, so a filled memory tells
     * its mode; one still filling has kept every sample offered, without a draw, as either mode does,
     * and goes on as the reader's would have from the start.
     */
    private static void requireFilledUnder(String owner, Replay.Buffer mode, boolean filled, boolean[] full) {
        boolean anyFull = false;
        for (boolean f : full) {
            anyFull |= f;
        }
        String found;
        if (anyFull && mode == Replay.Buffer.RESERVOIR) {
            found = "class_balanced (classes marked full)";
        } else if (filled && !anyFull && mode == Replay.Buffer.CLASS_BALANCED) {
            found = "reservoir (a filled memory with no class marked full)";
        } else {
            return;
        }
        throw new EngramException("strategy state", owner + ".buffer", mode.name().toLowerCase(Locale.ROOT), found,
                "the memory was filled under the other buffer mode; resume with the buffer it was written with, "
                        + "or start afresh");
    }

    /** A uniform slot among the samples of all classes holding {@code largest} samples. */
    private int randomSlotOfLargest(int largest, RandomGenerator rng) {
        int candidates = 0;
        for (int c : classCount) {
            if (c == largest) {
                candidates += c;
            }
        }
        int pick = rng.nextInt(candidates);
        for (int s = 0; s < size; s++) {
            if (classCount[labels[s]] == largest && pick-- == 0) {
                return s;
            }
        }
        throw new IllegalStateException("class counts disagree with memory contents");
    }

    private int randomSlotOf(int label, RandomGenerator rng) {
        int pick = rng.nextInt(classCount[label]);
        for (int s = 0; s < size; s++) {
            if (labels[s] == label && pick-- == 0) {
                return s;
            }
        }
        throw new IllegalStateException("class counts disagree with memory contents");
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(capacity);
        out.writeInt(size);
        out.writeInt(seen);
        StateCodec.writeInts(out, classSeen);
        int[] fullFlags = new int[full.length];
        for (int c = 0; c < full.length; c++) {
            fullFlags[c] = full[c] ? 1 : 0;
        }
        StateCodec.writeInts(out, fullFlags);
        for (int s = 0; s < size; s++) {
            out.writeInt(labels[s]);
            out.writeInt(tasks[s]);
            StateCodec.writeFloats(out, inputs[s]);
        }
    }

    /**
     * Reads a memory written by {@link #write}.
     *
     * @param in       the stream
     * @param owner    the strategy whose state it is, for messages
     * @param capacity the capacity of the reader's configuration ({@code memory_size})
     * @param mode     the buffer mode of the reader's configuration: a memory of format 2 filled under the
     *                 other is refused
     * @param version  the state's format version: 1 lacks the full classes, which are then taken to
     *                 be those largest now (the rule version 1 applied at every sample)
     * @return the memory
     * @throws IOException if the stream fails
     */
    static ReplayMemory read(DataInput in, String owner, int capacity, Replay.Buffer mode, int version)
            throws IOException {
        return read(in, owner, "memory_size", capacity, mode, version);
    }

    /**
     * Reads a memory written by {@link #write} whose capacity a hyperparameter of another name sets.
     *
     * @param in          the stream
     * @param owner       the strategy whose state it is, for messages
     * @param capacityKey the hyperparameter that sets the capacity, for messages
     * @param capacity    the capacity of the reader's configuration
     * @param mode        the buffer mode of the reader's configuration, as
     *                    {@link #read(DataInput, String, int, Replay.Buffer, int)}
     * @param version     the state's format version, as {@link #read(DataInput, String, int, Replay.Buffer, int)}
     * @return the memory
     * @throws IOException if the stream fails
     */
    static ReplayMemory read(DataInput in, String owner, String capacityKey, int capacity, Replay.Buffer mode,
                             int version) throws IOException {
        StateCodec.requireShape(owner, capacityKey, capacity, in.readInt());
        ReplayMemory m = new ReplayMemory(capacity, mode);
        int size = in.readInt();
        if (size < 0 || size > capacity) {
            throw new EngramException("strategy state", owner + ".stored samples", "0.." + capacity,
                    String.valueOf(size), "the state file is damaged");
        }
        m.growTo(size);
        m.seen = in.readInt();
        m.classSeen = StateCodec.readInts(in);
        m.classCount = new int[m.classSeen.length];
        m.full = new boolean[m.classSeen.length];
        if (version >= 2) {
            int[] fullFlags = StateCodec.readInts(in);
            if (fullFlags.length != m.classSeen.length) {
                throw new EngramException("strategy state", owner + ".full classes",
                        m.classSeen.length + " flags, one per class seen", String.valueOf(fullFlags.length),
                        "the state file is damaged");
            }
            for (int c = 0; c < fullFlags.length; c++) {
                m.full[c] = fullFlags[c] != 0;
            }
        }
        for (int s = 0; s < size; s++) {
            int label = in.readInt();
            int task = in.readInt();
            float[] input = StateCodec.requirePresent(owner, "input", StateCodec.readFloats(in));
            if (label < 0 || label >= m.classCount.length) {
                throw new EngramException("strategy state", owner + ".label", "0.." + (m.classCount.length - 1),
                        String.valueOf(label), "the state file is damaged");
            }
            if (task < 0) {
                throw new EngramException("strategy state", owner + ".task", "a task index >= 0", String.valueOf(task),
                        "the state file is damaged");
            }
            m.inputs[s] = input;
            m.labels[s] = label;
            m.tasks[s] = task;
            m.classCount[label]++;
        }
        // Every sample held was seen: counts below that would fail later draws (from [0, seen)) with no
        // word of the state.
        requireSeen(owner, "samples seen", size, m.seen);
        for (int c = 0; c < m.classSeen.length; c++) {
            requireSeen(owner, "samples seen of class " + c, m.classCount[c], m.classSeen[c]);
        }
        if (version >= 2) {
            requireFilledUnder(owner, mode, size == capacity, m.full);
        }
        m.size = size;
        if (version < 2 && mode == Replay.Buffer.CLASS_BALANCED) {
            m.markLargestFull();
        }
        return m;
    }
}
