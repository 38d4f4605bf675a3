package org.engram.learning.layered;

import java.util.ArrayList;
import java.util.List;
import org.engram.learning.encode.EncodedInput;
import org.engram.learning.encode.Encoder;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Population;

/**
 * Runs a trained {@link LayeredNet} in the simulator's grid engine, one sample at a time: the
 * network the trainer changed is the one the engine simulates, unchanged.
 *
 * <p>Trainer step {@code t} corresponds to engine step {@code t + 1}: an input spike of step
 * {@code t} is emitted by the input population at time {@code (t + 1) dt} and reaches the first
 * hidden layer one step later, as every projection of a layered network has a one-step delay
 * (the trainer's first layer has none, so the engine's clock runs one step ahead). The engine
 * computes in double precision and the trainer in float, so a membrane potential within about
 * {@code 1e-6} of threshold may spike in one and not the other; otherwise spikes and
 * predictions agree.
 *
 * <p>Supported: LIF hidden layers with reset to zero (optionally recurrent) and a spike-count
 * or mean-membrane readout, which is what the engine's {@code lif_delta} neurons compute, fed by a
 * spike encoder of any length (a direct-current encoding is rejected when run).
 *
 * <p>Safe to call from several threads: the runs on one {@link LayeredNet}, from one or from several
 * {@code EngineInference} objects, take turns, since each writes the state of the net's one
 * simulator network and an engine holds that network while it runs. For inference in parallel,
 * give each thread a copy of the network ({@code ModelFile.load} of a saved one). An engine of
 * one's own, open on the net's network, makes a run fail with the engine's
 * {@link IllegalStateException} before the run writes any state.
 */
public final class EngineInference {
    private final LayeredNet net;
    private final Encoder encoder;
    private final EncodedInput encoded;
    private final int threads;

    /**
     * Prepares inference.
     *
     * @param net     the trained network
     * @param encoder the encoder used in training
     * @param threads engine threads; results do not depend on it
     * @throws ParameterException if the thread count is outside {@code [1, EngineOptions.MAX_THREADS]},
     *                            or the network uses dynamics the engine's LIF model lacks
     */
    public EngineInference(LayeredNet net, Encoder encoder, int threads) {
        // Checked here, not when the first run makes its engine.
        EngineOptions.requireThreads("engine inference", threads);
        for (HiddenLayer h : net.spec().hidden()) {
            if (h.kind() != NeuronKind.LIF || h.reset() != ResetMode.ZERO) {
                throw new ParameterException("engine inference", "hidden layers",
                        "LIF layers with reset to zero (what lif_delta computes)",
                        h.kind() + " with reset " + h.reset());
            }
        }
        ReadoutLayer r = net.spec().readout();
        boolean countReadout = r.readout() == Readout.SPIKE_COUNT && r.reset() == ResetMode.ZERO;
        if (!countReadout && r.readout() != Readout.MEAN_MEMBRANE) {
            throw new ParameterException("engine inference", "readout",
                    "spike_count with reset to zero, or mean_membrane", r.readout() + " with reset " + r.reset());
        }
        this.net = net;
        this.encoder = encoder;
        this.encoded = new EncodedInput(encoder.steps(), net.inputs());
        this.threads = threads;
    }

    /**
     * What the engine made of one sample.
     *
     * @param spikes          per population (input, hidden layers, readout), the recorder of its spikes;
     *                        times up to {@code (T + 1) dt} belong to the trainer's T steps
     * @param readout         the readout value of each class (spike count or mean membrane potential)
     * @param prediction      the class with the largest readout value (the lowest on ties)
     * @param synapticEvents  synaptic events the engine delivered for the spikes of the T steps
     */
    public record Result(List<SpikeRecorder> spikes, double[] readout, int prediction, long synapticEvents) {
    }

    /**
     * Encodes a sample exactly as the trainer does and simulates the network through it.
     *
     * @param sample      the sample
     * @param streamState its encoder stream (see {@link Encoder#streamState})
     * @return spikes, readout and prediction
     * @throws ParameterException if the encoder gave a current rather than spikes
     * @throws IllegalStateException if an engine of one's own is open on the net's network (nothing
     *                               is written), or the engine refuses the network for another reason
     */
    public Result run(float[] sample, long streamState) {
        synchronized (net.engineTurn) {
            return runInTurn(sample, streamState);
        }
    }

    /** {@link #run}, holding the net's turn: the encoding buffer and the network's state are this run's. */
    private Result runInTurn(float[] sample, long streamState) {
        encoder.encode(sample, streamState, encoded);
        if (encoded.isCurrent()) {
            throw new ParameterException("engine inference", "encoder",
                    "a spike encoder (the input population emits spikes, not currents)", encoder.describe());
        }
        int steps = encoder.steps();
        double dt = net.spec().dtMs();
        double[][] times = spikeTimes(steps, dt);
        Network network = net.network();
        // The engine claims the network first, so that an engine of someone else's is refused before the state changes;
        // the state written now, between runs, is what the engine's first run starts from.
        try (Engine engine = new Engine(network, EngineOptions.grid(threads))) {
            resetState(network);
            ((SpikeTimes.State) network.population(LayeredNet.INPUT).state()).load(times);
            List<SpikeRecorder> recorders = new ArrayList<>();
            for (Population<?, ?> p : network.populations()) {
                recorders.add(engine.recordSpikes(p));
            }
            Population<?, ?> readoutPopulation = network.populations().get(network.populations().size() - 1);
            int classes = readoutPopulation.size();
            int[] all = new int[classes];
            for (int j = 0; j < classes; j++) {
                all[j] = j;
            }
            StateRecorder membrane = engine.recordState(readoutPopulation, "v", all, dt);
            // T + 1 steps cover the trainer's T steps; one more delivers the last of their spikes.
            engine.run((steps + 2) * dt);
            double horizonMs = (steps + 1) * dt + dt / 2;
            double[] value = new double[classes];
            if (net.spec().readout().readout() == Readout.SPIKE_COUNT) {
                SpikeRecorder readoutSpikes = recorders.get(recorders.size() - 1);
                double[] t = readoutSpikes.timesMs();
                int[] n = readoutSpikes.neurons();
                for (int k = 0; k < t.length && t[k] < horizonMs; k++) {
                    value[n[k]]++;
                }
            } else {
                // Trainer steps 0..T-1 are the states after engine steps 1..T (samples 1..T).
                for (int j = 0; j < classes; j++) {
                    double[] trace = membrane.trace(j);
                    double sum = 0;
                    for (int t = 1; t <= steps; t++) {
                        sum += trace[t];
                    }
                    value[j] = sum / steps;
                }
            }
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (value[j] > value[best]) {
                    best = j;
                }
            }
            return new Result(recorders, value, best, engine.synapticEvents());
        }
    }

    /** Each input's spike times, ascending: a spike of trainer step {@code t} is emitted at {@code (t + 1) dt}. */
    private double[][] spikeTimes(int steps, double dt) {
        int[] index = encoded.index();
        int[] filled = new int[net.inputs()];
        for (int e = 0, end = encoded.spikeCount(); e < end; e++) {
            filled[index[e]]++;
        }
        double[][] times = new double[filled.length][];
        for (int i = 0; i < times.length; i++) {
            times[i] = new double[filled[i]];
            filled[i] = 0;
        }
        for (int t = 0; t < steps; t++) {
            for (int e = encoded.spikeStart(t), end = encoded.spikeEnd(t); e < end; e++) {
                int i = index[e];
                times[i][filled[i]++] = (t + 1) * dt;
            }
        }
        return times;
    }

    private static void resetState(Network network) {
        for (Population<?, ?> p : network.populations()) {
            if (p.state() instanceof LifDelta.State s) {
                java.util.Arrays.fill(s.v, 0);
                java.util.Arrays.fill(s.refractorySteps, 0);
            }
        }
    }
}
