package org.engram.experiments.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.Mode;
import org.engram.simulator.monitor.SpikeTrainDigest;
import org.engram.simulator.network.Network;

/**
 * Builds a network, simulates it, and reports the figures {@code engram bench} prints. Setup
 * (drawing the network, preparing the engine) and the simulation loop are timed separately.
 *
 * <p>An optional warm-up first simulates a separate copy of the network, untimed, so the timed loop
 * runs code the JIT has already compiled (as JMH's warm-up iterations do); the timed network is
 * built afresh, so its spikes and hash are those of a cold run.
 */
public final class NetworkBenchmark {
    private NetworkBenchmark() {
    }

    /** What builds the network under test. */
    @FunctionalInterface
    public interface NetworkFactory {
        /**
         * Builds the network.
         *
         * @return the network
         */
        Network build();
    }

    /**
     * Runs one benchmark.
     *
     * @param name       the network's name for the report
     * @param factory    builds the network
     * @param durationMs simulated time in ms
     * @param warmupMs   simulated time of the untimed warm-up copy in ms; 0 for none
     * @param threads    worker threads
     * @param mode       grid or precise
     * @param record     the monitors the timed loop fills, beside the spikes' hash it always takes; none for a
     *                   loop that records nothing else
     * @return the report, in the order of the JSON fields
     */
    public static Map<String, Object> run(String name, NetworkFactory factory, double durationMs, double warmupMs,
                                          int threads, Mode mode, Set<BenchRecording.Monitor> record) {
        if (!(warmupMs >= 0)) {
            throw new ParameterException("bench", "--warmup-ms", "a duration >= 0 ms", String.valueOf(warmupMs));
        }
        if (warmupMs > 0) {
            warmUp(factory, warmupMs, threads, mode, record, "bench " + name);
        }
        // The peak heap is that of building and simulating the timed network, warm-up or not: the warm-up
        // copy's memory, or the JVM's start-up garbage on a cold run, is returned before the peaks are forgotten.
        System.gc();
        resetPeakHeap();
        long t0 = System.nanoTime();
        Network network = factory.build();
        SpikeTrainDigest digest = SpikeTrainDigest.deferred(network.grid().dtMs());
        try (Engine engine = new Engine(network, new EngineOptions(threads, mode))) {
            engine.addObserver(digest);
            BenchRecording recording = BenchRecording.attach(engine, network, record, durationMs, "bench " + name);
            long t1 = System.nanoTime();
            runFor(engine, durationMs, "bench " + name, "--duration-ms");
            long t2 = System.nanoTime();
            double setup = (t1 - t0) / 1e9;
            double loop = (t2 - t1) / 1e9;
            long events = engine.synapticEvents();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("network", name);
            r.put("neurons", network.neuronCount());
            r.put("synapses", network.synapseCount());
            r.put("duration_ms", durationMs);
            r.put("threads", threads);
            // Slices too small to share (CUBA's one-step delay) run on one thread whatever --threads says.
            r.put("parallel", engine.parallel());
            r.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
            r.put("dt_ms", network.grid().dtMs());
            r.put("warmup_ms", warmupMs);
            r.put("setup_seconds", setup);
            r.put("loop_seconds", loop);
            r.put("spikes", engine.spikeCount());
            r.put("mean_rate_hz", engine.spikeCount() / (network.neuronCount() * durationMs / 1000.0));
            r.put("synaptic_events", events);
            r.put("events_per_second", loop > 0 ? events / loop : 0.0);
            r.put("bytes_per_synapse", network.bytesPerSynapse());
            r.put("peak_heap_bytes", peakHeapBytes());
            r.put("spike_hash", digest.hex());
            r.put("record", BenchRecording.labelList(record));
            r.put(BenchRecording.Monitor.SPIKES.reportKey(), recording.spikes());
            r.put(BenchRecording.Monitor.RATE.reportKey(), recording.rateBins());
            r.put(BenchRecording.Monitor.STATE.reportKey(), recording.stateValues());
            r.put("java", System.getProperty("java.version"));
            return r;
        }
    }

    /** Simulates a copy of the network, with the observer and monitors the timed run has, and lets it go. */
    private static void warmUp(NetworkFactory factory, double warmupMs, int threads, Mode mode,
                               Set<BenchRecording.Monitor> record, String command) {
        Network copy = factory.build();
        try (Engine engine = new Engine(copy, new EngineOptions(threads, mode))) {
            engine.addObserver(SpikeTrainDigest.deferred(copy.grid().dtMs()));
            BenchRecording.attach(engine, copy, record, warmupMs, command);
            runFor(engine, warmupMs, command, "--warmup-ms");
        }
    }

    /**
     * Runs the engine for a duration its option gave: the engine's refusal of a run past its last step (the
     * int range less the network's longest delay, which the option's own check cannot know) names the option.
     */
    private static void runFor(Engine engine, double durationMs, String command, String option) {
        try {
            engine.run(durationMs);
        } catch (ParameterException e) {
            if (!"engine".equals(e.source()) || !"duration".equals(e.location())) {
                throw e;
            }
            throw new ParameterException(command, option, e.expected(), e.found());
        }
    }

    /** Forgets the heap pools' peaks so far, which count from the JVM's start. */
    private static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the peak usage of every heap memory pool since the last reset of the peaks. */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
