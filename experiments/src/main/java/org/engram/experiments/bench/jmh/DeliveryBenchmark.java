package org.engram.experiments.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.input.PoissonSource;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one synaptic event, the targets' updates included: Poisson sources with a large fan-out
 * onto silent LIF neurons. {@code simulate10ms} is the time of 10 ms of simulation (about 1,000,000
 * events); {@code simulate10ms:events} is the time per synaptic event: JMH divides each
 * iteration's time by the events its invocations delivered, counted as they happen. Advancing the
 * 10,000 targets through the 100 steps is a fixed part of that time (about 60% with one delay and
 * one thread): {@code -p fanOut=1} measures it nearly alone, and the difference is delivery.
 *
 * <p>Run: {@code java -cp experiments/target/engram.jar org.openjdk.jmh.Main DeliveryBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeliveryBenchmark {
    /** Synapses per source. */
    @Param({"1000"})
    public int fanOut;

    /** Worker threads. */
    @Param({"1", "2"})
    public int threads;

    /** Whether delays differ per synapse. */
    @Param({"false", "true"})
    public boolean randomDelays;

    private Engine engine;

    /** Builds 1000 Poisson sources at 100 Hz onto 10,000 silent neurons. */
    @Setup(Level.Trial)
    public void setUp() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> src = b.population("src", 1000, PoissonSource.MODEL, new PoissonSource.Params(100));
        Population<?, ?> dst = b.population("dst", 10_000, LifDelta.MODEL,
                new LifDelta.Params(20, 250, 0, 1e9, 0, 0, 0));
        Synapses syn = Synapses.excitatory(0.1).delayMs(1.5);
        if (randomDelays) {
            syn = syn.delays(new org.apache.commons.math3.distribution.UniformRealDistribution(1.0, 2.0));
        }
        b.connect("src->dst", src, dst, Rules.fixedOutDegree(fanOut), syn);
        Network net = b.build();
        engine = new Engine(net, EngineOptions.grid(threads));
    }

    /** Stops the engine's workers. */
    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    /**
     * Simulates 10 ms (about 1,000,000 synaptic events: 1000 sources at 100 Hz times {@code fanOut}
     * synapses each) and adds the events delivered to {@code counter}.
     *
     * @param counter this iteration's event count
     * @return events so far, so the work is not dead code
     */
    @Benchmark
    public long simulate10ms(Events counter) {
        long before = engine.synapticEvents();
        engine.run(10);
        long after = engine.synapticEvents();
        counter.events += after - before;
        return after;
    }

    /** Counts the synaptic events of one iteration; JMH reports the time per event as {@code simulate10ms:events}. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        /** Synaptic events delivered during the current iteration. */
        public long events;

        /** Starts each iteration's count at zero. */
        @Setup(Level.Iteration)
        public void clear() {
            events = 0;
        }
    }
}
