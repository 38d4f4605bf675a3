package org.engram.experiments.bench.jmh;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.model.Adex;
import org.engram.simulator.model.AdexCond;
import org.engram.simulator.model.HodgkinHuxley;
import org.engram.simulator.model.Izhikevich;
import org.engram.simulator.model.LifAlpha;
import org.engram.simulator.model.LifCondExp;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.reference.CobaNetwork;
import org.engram.simulator.reference.CubaNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of advancing one unconnected neuron by one step through the engine (kernel, ring-buffer
 * reads and clearing, slice bookkeeping), per neuron-step.
 *
 * <p>Run: {@code java -cp experiments/target/engram.jar org.openjdk.jmh.Main NeuronUpdateBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NeuronUpdateBenchmark {
    private static final int NEURONS = 4000;
    private static final int STEPS = 100;

    /** The model under test. */
    @Param({"lif_delta", "lif_exp", "lif_alpha", "lif_cond_exp", "adex", "adex_cond", "izhikevich",
        "hh_alpha"})
    public String model;

    private Engine engine;

    /**
     * Builds 4000 unconnected neurons that fire regularly. The LIF neurons of CUBA, with exponential
     * or alpha-shaped currents, fire every 53 ms: their resting potential, -49 mV, lies above the
     * threshold, -50 mV (no bias current), and each spike resets them to -60 mV for 5 ms. The
     * conductance-based neurons of COBA fire every 18.9 ms on their 200 pA bias (20 mV above rest,
     * 10 mV above threshold), with no conductance. The AdEx neurons (Brette and Gerstner's
     * regular-spiking cell, with current or, idle here, conductance synapses) are driven by 1 nA and
     * adapt; the Izhikevich neurons (regular spiking) by a bias of 10; the Hodgkin-Huxley neurons
     * (NEST's defaults) by 1 nA, on which they fire at about 68 Hz.
     */
    @Setup(Level.Trial)
    public void setUp() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        switch (model) {
            case "lif_delta" -> b.population("p", NEURONS, LifDelta.MODEL,
                    new LifDelta.Params(20, 250, -49, -50, -60, 5, 0));
            case "lif_exp" -> b.population("p", NEURONS, LifExp.MODEL, CubaNetwork.neuronParams());
            case "lif_alpha" -> b.population("p", NEURONS, LifAlpha.MODEL, cubaAlpha());
            case "lif_cond_exp" -> b.population("p", NEURONS, LifCondExp.MODEL, CobaNetwork.neuronParams());
            case "adex" -> b.population("p", NEURONS, Adex.MODEL, drivenAdex());
            case "adex_cond" -> b.population("p", NEURONS, AdexCond.MODEL,
                    AdexCond.MODEL.defaultsWith(Map.of("i_e", 1000.0)));
            case "izhikevich" -> b.population("p", NEURONS, Izhikevich.MODEL,
                    Izhikevich.regularSpiking().withBias(10));
            case "hh_alpha" -> b.population("p", NEURONS, HodgkinHuxley.MODEL,
                    HodgkinHuxley.MODEL.defaultsWith(Map.of("i_e", 1000.0)));
            default -> throw new IllegalArgumentException("no set-up for model " + model);
        }
        Network net = b.build();
        engine = new Engine(net, EngineOptions.grid(1));
    }

    /** CUBA's neurons with alpha-shaped currents of CUBA's synaptic time constants. */
    private static LifAlpha.Params cubaAlpha() {
        LifExp.Params c = CubaNetwork.neuronParams();
        return new LifAlpha.Params(c.tauM(), c.cM(), c.eL(), c.vTh(), c.vReset(), c.tRef(), c.iE(), c.tauSynEx(),
                c.tauSynIn());
    }

    /** Brette and Gerstner's regular-spiking cell on 1 nA. */
    private static Adex.Params drivenAdex() {
        Adex.Params d = Adex.MODEL.defaults();
        return new Adex.Params(d.cM(), d.gL(), d.eL(), d.vTh(), d.deltaT(), d.vPeak(), d.vReset(), d.tRef(), d.a(),
                d.b(), d.tauW(), 1000, d.tauSynEx(), d.tauSynIn());
    }

    /** Stops the engine's workers. */
    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    /**
     * Advances every neuron by {@value #STEPS} steps.
     *
     * @return the step reached, so the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(NEURONS * STEPS)
    public int advance() {
        engine.run(STEPS * 0.1);
        return engine.step();
    }
}
