package org.engram.simulator.usermodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.model.AbstractNeuronModel;
import org.engram.simulator.model.ExactKernel;
import org.engram.simulator.model.ExactLifKernel;
import org.engram.simulator.model.ExactLifState;
import org.engram.simulator.model.ExactPropagation;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.SpikeTrainDigest;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;

/**
 * A linear model of one's own, written outside the simulator's packages on the public
 * {@link ExactLifState} and {@link ExactLifKernel}, runs in precise mode with current inputs and
 * carries grid mode's refractoriness over as the built-in models do: written as {@code lif_delta}'s
 * mathematics, it gives {@code lif_delta}'s spike train to the bit.
 */
class OwnExactLifTest {
    /** LIF with delta synapses: tau_m dV/dt = -(V - E_L) + R I; an input makes V jump by its weight. */
    static final class OwnLif extends AbstractNeuronModel<OwnLif.Params, OwnLif.State>
            implements ExactPropagation<OwnLif.Params, OwnLif.State> {
        record Params(double tauM, double cM, double eL, double vTh, double vReset, double tRef, double iE) {
            Params {
                ParameterException.requirePositive("own_lif", "tau_m", tauM, "ms");
                ParameterException.requirePositive("own_lif", "c_m", cM, "pF");
                ParameterException.requireNonNegative("own_lif", "t_ref", tRef, "ms");
            }
        }

        static final class State extends ExactLifState {
            State(int size, Params p) {
                super(size, p.eL());
            }
        }

        OwnLif() {
            super("own_lif", "LIF with delta synapses, written outside the simulator", Params.class);
        }

        @Override
        public Params defaults() {
            return new Params(20, 250, 0, 20, 10, 2, 0);
        }

        @Override
        public State newState(int size, Params p) {
            return new State(size, p);
        }

        @Override
        public Kernel<State> prepare(Params p, TimeGrid grid) {
            int refractorySteps = grid.wholeSteps("own_lif", "t_ref", p.tRef());
            double decay = StrictMath.exp(-grid.dtMs() / p.tauM());
            // expm1: 1 - decay loses digits for a step much shorter than tau_m.
            double currentToPotential = -p.tauM() / p.cM() * StrictMath.expm1(-grid.dtMs() / p.tauM());
            return (s, lo, hi, fromStep, toStep, in, out) -> {
                for (int step = fromStep; step < toStep; step++) {
                    int row = in.row(step);
                    for (int i = lo; i < hi; i++) {
                        if (s.refractorySteps[i] > 0) {
                            s.refractorySteps[i]--;
                            continue;
                        }
                        s.v[i] = p.eL() + decay * (s.v[i] - p.eL()) + currentToPotential * (p.iE() + in.current(row, i))
                                + in.excitatory(row, i) + in.inhibitory(row, i);
                        if (s.v[i] >= p.vTh()) {
                            s.v[i] = p.vReset();
                            s.refractorySteps[i] = refractorySteps;
                            out.spike(i, step);
                        }
                    }
                }
            };
        }

        @Override
        public ExactKernel<State> prepareExact(Params p, TimeGrid grid) {
            double resistance = p.tauM() / p.cM();
            return new ExactLifKernel<>() {
                @Override
                public void propagate(State s, int i, double fromMs, double toMs) {
                    double start = Math.max(fromMs, s.refractoryUntilMs[i]);
                    if (toMs <= start) {
                        return;
                    }
                    double vInf = p.eL() + resistance * (p.iE() + s.injectedPa(i));
                    s.v[i] = vInf + (s.v[i] - vInf) * StrictMath.exp(-(toMs - start) / p.tauM());
                }

                @Override
                public double nextCrossingMs(State s, int i, double fromMs, double untilMs) {
                    double start = Math.max(fromMs, s.refractoryUntilMs[i]);
                    if (start > untilMs) {
                        return Double.NaN;
                    }
                    if (s.v[i] >= p.vTh()) {
                        return start;
                    }
                    double drivePastThreshold = resistance * (p.iE() + s.injectedPa(i)) - (p.vTh() - p.eL());
                    if (!(drivePastThreshold > 0)) {
                        return Double.NaN;
                    }
                    double t = start + p.tauM() * StrictMath.log1p((p.vTh() - s.v[i]) / drivePastThreshold);
                    return t <= untilMs ? t : Double.NaN;
                }

                @Override
                public void receive(State s, int i, Receptor receptor, double weight, double timeMs) {
                    if (!TimeGrid.atOrBefore(timeMs, s.refractoryUntilMs[i])) {
                        s.v[i] += weight;
                    }
                }

                @Override
                public void fire(State s, int i, double timeMs) {
                    s.v[i] = p.vReset();
                    s.refractoryUntilMs[i] = timeMs + p.tRef();
                }
            };
        }
    }

    /** Brunel-like: recurrent excitation and inhibition, Poisson drive, a current pulse and per-neuron biases. */
    private static Network network(Function<NetworkBuilder, Population<?, ?>> population) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(8);
        Population<?, ?> cells = population.apply(b);
        b.connect("exc", cells, cells, Rules.fixedInDegree(20), Synapses.excitatory(0.4).delayMs(1.5));
        b.connect("inh", cells, cells, Rules.fixedInDegree(5), Synapses.inhibitory(-1.2).delayMs(0.8));
        b.poissonInput(cells, 3000, 0.2, Receptor.EXCITATORY);
        b.current(CurrentSource.pulse(cells, IntStream.range(0, 100).toArray(), 12.3, 40, 250));
        b.constantCurrents(cells, null, new NormalDistribution(new SplitMixRandom(1), 100, 30));
        return b.build();
    }

    private static Network ofModel(NeuronModel<?, ?> model) {
        return model instanceof OwnLif own
                ? network(b -> b.population("cells", 300, own, own.defaults()))
                : network(b -> b.population("cells", 300, LifDelta.MODEL,
                        new LifDelta.Params(20, 250, 0, 20, 10, 2, 0)));
    }

    /** Runs grid mode for {@code gridMs} (none if 0), then precise mode for {@code preciseMs}. */
    private static String spikeTrain(NeuronModel<?, ?> model, double gridMs, double preciseMs, int threads) {
        Network net = ofModel(model);
        SpikeTrainDigest digest = new SpikeTrainDigest(0.1);
        if (gridMs > 0) {
            try (Engine grid = new Engine(net, EngineOptions.grid(threads))) {
                grid.addObserver(digest);
                grid.run(gridMs);
            }
        }
        SpikeTrainDigest precise = new SpikeTrainDigest(0.1);
        try (Engine engine = new Engine(net, EngineOptions.precise(threads))) {
            engine.addObserver(precise);
            engine.run(preciseMs);
            assertTrue(engine.spikeCount() > 100, "the network fires: " + engine.spikeCount());
        }
        return digest.hex() + "/" + precise.hex();
    }

    @Test
    void aModelOfOnesOwnRunsInPreciseModeAsTheBuiltInOne() {
        for (int threads : new int[] {1, 2}) {
            assertEquals(spikeTrain(LifDelta.MODEL, 0, 200, threads), spikeTrain(new OwnLif(), 0, 200, threads),
                    threads + " threads");
        }
    }

    @Test
    void aModelOfOnesOwnCarriesGridRefractorinessIntoPreciseMode() {
        assertEquals(spikeTrain(LifDelta.MODEL, 50, 100, 2), spikeTrain(new OwnLif(), 50, 100, 2));
    }
}
