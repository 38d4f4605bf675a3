package org.engram.learning.unsupervised;

import java.util.Arrays;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.learning.plasticity.PairStdp;
import org.engram.learning.plasticity.SynapseGate;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.RunInterrupted;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.input.RatePoissonSource;
import org.engram.simulator.model.AdaptiveLif;
import org.engram.simulator.model.LifExp;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Connectivity;
import org.engram.simulator.network.connect.Rules;
import org.engram.simulator.random.SplitMixRandom;

/**
 * One Diehl and Cook network on the simulator's engine: rate-coded inputs, all-to-all onto the
 * excitatory layer; each excitatory neuron excites its inhibitory partner, which inhibits every
 * other excitatory neuron.
 *
 * <p>A learning network has {@link PairStdp} on the input synapses, adaptive thresholds that rise
 * with every spike, and normalises each excitatory neuron's input weights to the configured total
 * before the first sample and after each one. A frozen network (for labelling and testing) has no
 * plasticity and thresholds fixed at the values it was given: {@code delta_a = 0} and a decay
 * time so large that {@code exp(-dt / tau_a)} rounds to 1. The thresholds are the adaptive
 * threshold {@code a} of {@link AdaptiveLif}, which follows the paper's homeostasis law exactly
 * and acts in the step of the spike. After each rest, potentials and synaptic currents are set
 * back to rest ({@link #relax()}).
 */
final class DiehlCookNetwork implements AutoCloseable {
    private final DiehlCookParams p;
    private final Population<RatePoissonSource.Params, RatePoissonSource.State> input;
    private final Population<AdaptiveLif.Params, AdaptiveLif.State> exc;
    private final Population<LifExp.Params, LifExp.State> inh;
    private final Projection inputToExc;
    private final Engine engine;
    private final boolean learning;
    private final int[] counts;
    private final double[] rates;
    private final double[] columnScale;
    private boolean counting;
    private int total;
    private int boosts;

    /**
     * Builds a network.
     *
     * @param params       the parameters
     * @param inputs       number of input neurons (pixels)
     * @param seed         the seed of weights and input spike trains
     * @param engineOptions the engine's options (threads)
     * @param learning     whether STDP, threshold adaptation and normalisation are on
     * @param inputWeights input weights to start from (CSR order, see {@link #inputWeights()}), or
     *                     {@code null} for the random initial weights
     * @param thresholds   threshold offsets (mV) to start from, or {@code null} for zeros
     */
    DiehlCookNetwork(DiehlCookParams params, int inputs, long seed, EngineOptions engineOptions, boolean learning,
                     float[] inputWeights, double[] thresholds) {
        this(params, inputs, seed, engineOptions, learning, inputWeights, thresholds, null);
    }

    /**
     * Builds a network whose STDP changes are scaled synapse by synapse.
     *
     * @param params       the parameters
     * @param inputs       number of input neurons (pixels)
     * @param seed         the seed of weights and input spike trains
     * @param engineOptions the engine's options (threads)
     * @param learning     whether STDP, threshold adaptation and normalisation are on
     * @param inputWeights input weights to start from (CSR order), or {@code null} for random ones
     * @param thresholds   threshold offsets (mV) to start from, or {@code null} for zeros
     * @param gate         the learning-rate factor of each input synapse (CSR index), or {@code null} for none
     */
    DiehlCookNetwork(DiehlCookParams params, int inputs, long seed, EngineOptions engineOptions, boolean learning,
                     float[] inputWeights, double[] thresholds, SynapseGate gate) {
        this.p = params;
        this.learning = learning;
        int n = params.neurons();
        NetworkBuilder b = new NetworkBuilder(params.dtMs()).seed(seed);
        input = b.population("input", inputs, RatePoissonSource.MODEL, new RatePoissonSource.Params(0));
        AdaptiveLif.Params e = params.excitatory();
        if (!learning) {
            e = new AdaptiveLif.Params(e.tauM(), e.cM(), e.eL(), e.vTh(), e.vReset(), e.tRef(), e.iE(), e.tauSynEx(),
                    e.tauSynIn(), Double.MAX_VALUE, 0.0);
        }
        exc = b.population("exc", n, AdaptiveLif.MODEL, e);
        inh = b.population("inh", n, LifExp.MODEL, params.inhibitory());
        DiehlCookParams.Coupling c = params.coupling();
        Synapses initial = Synapses.excitatory(c.initialWeightMin()).delayMs(c.delayMs()).asPlastic();
        if (c.initialWeightMax() > c.initialWeightMin()) {
            initial = initial.weights(new UniformRealDistribution(new SplitMixRandom(0), c.initialWeightMin(),
                    c.initialWeightMax()));
        }
        b.connect("input->exc", input, exc, Rules.allToAll(), initial);
        b.connect("exc->inh", exc, inh, Rules.oneToOne(), Synapses.excitatory(c.excToInhPa()).delayMs(c.delayMs()));
        b.connect("inh->exc", inh, exc, allButPartner(n), Synapses.inhibitory(c.inhToExcPa()).delayMs(c.delayMs()));
        Network net = b.build();
        inputToExc = net.projections().get(0);
        if (inputWeights != null) {
            System.arraycopy(inputWeights, 0, inputToExc.weights(), 0, inputWeights.length);
        }
        if (thresholds != null) {
            System.arraycopy(thresholds, 0, exc.state().a, 0, n);
        }
        counts = new int[n];
        rates = new double[inputs];
        columnScale = new double[n];
        engine = new Engine(net, engineOptions);
        engine.addObserver(this::countSpike);
        if (learning) {
            engine.addListener(new PairStdp(inputToExc, params.stdp(), gate));
            normalise();
        }
    }

    /** Inhibitory neuron {@code i} onto every excitatory neuron but {@code i}. */
    private static Connectivity allButPartner(int n) {
        int[] sources = new int[n * (n - 1)];
        int[] targets = new int[sources.length];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sources[k] = i;
                    targets[k++] = j;
                }
            }
        }
        return Rules.explicit(sources, targets);
    }

    private void countSpike(Population<?, ?> population, int neuron, double timeMs) {
        if (counting && population == exc) {
            counts[neuron]++;
            total++;
        }
    }

    /**
     * Shows one sample (with repetitions at higher rates while the layer is too quiet), then rests.
     * A sample is shown whole whatever interrupts of the thread come meanwhile: a sample cut short
     * would leave STDP half applied and the next one starting from unrelaxed potentials. The
     * interrupt status is set again on return, for the caller to stop before the next sample.
     *
     * @param intensities one value in [0, 1] per input
     * @return the excitatory spike counts of the last presentation (a live array, valid until the
     *         next call)
     */
    int[] present(float[] intensities) {
        boolean interrupted = false;
        try {
            interrupted = presentWhole(intensities);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return counts;
    }

    /**
     * Runs the engine through a duration whatever interrupts come: a run an interrupt ends early
     * (at a slice edge, where runs split anywhere give the spike train of one run) goes on to the end.
     *
     * @param durationMs the duration in ms, a whole number of steps
     * @return whether an interrupt came; its status is cleared, for the caller to set again
     */
    private boolean runThrough(double durationMs) {
        double dt = engine.network().grid().dtMs();
        int end = engine.step() + engine.network().grid().wholeSteps("diehl_cook network", "duration", durationMs);
        boolean interrupted = false;
        while (true) {
            try {
                engine.run((end - engine.step()) * dt);
                return interrupted;
            } catch (RunInterrupted stopped) {
                interrupted |= Thread.interrupted();
            }
        }
    }

    /** {@link #present}, holding interrupts aside; returns whether one came. */
    private boolean presentWhole(float[] intensities) {
        boolean interrupted = false;
        DiehlCookParams.Presentation pr = p.presentation();
        for (int boost = 0; ; boost++) {
            double maxRate = pr.maxRateHz() + boost * pr.boostRateHz();
            for (int i = 0; i < rates.length; i++) {
                rates[i] = intensities[i] * maxRate;
            }
            input.state().setRates(rates);
            Arrays.fill(counts, 0);
            total = 0;
            counting = true;
            interrupted |= runThrough(pr.presentMs());
            counting = false;
            input.state().setAllRates(0);
            interrupted |= runThrough(pr.restMs());
            relax();
            if (total >= pr.minSpikes() || boost == pr.maxBoosts()) {
                boosts += boost;
                break;
            }
        }
        if (learning) {
            normalise();
        }
        return interrupted;
    }

    /**
     * Ends the rest: sets every potential to its resting value and every synaptic current to 0,
     * which the paper's rest period is for ("to allow variables of all neurons to decay to their
     * resting values"). With current-based synapses a strongly inhibited potential would otherwise
     * still lie far below rest after 150 ms and favour the last sample's winners.
     */
    private void relax() {
        AdaptiveLif.State e = exc.state();
        Arrays.fill(e.v, p.excitatory().eL());
        Arrays.fill(e.iSynEx, 0);
        Arrays.fill(e.iSynIn, 0);
        LifExp.State i = inh.state();
        Arrays.fill(i.v, p.inhibitory().eL());
        Arrays.fill(i.iSynEx, 0);
        Arrays.fill(i.iSynIn, 0);   // 0 while no synapse inhibits them; cleared so that a rest resets every state
    }

    /**
     * Scales each excitatory neuron's input weights so that they sum to the configured total, then
     * clips them to the STDP bounds, which moves a sum off the total when a scaled weight passes a
     * bound (down at {@code w_max}, up at a {@code w_min} above 0).
     */
    void normalise() {
        float[] w = inputToExc.weights();
        Arrays.fill(columnScale, 0);
        for (int k = 0; k < w.length; k++) {
            columnScale[inputToExc.target(k)] += w[k];
        }
        double goal = p.coupling().totalInputWeight();
        double wMin = p.stdp().wMin();
        double wMax = p.stdp().wMax();
        for (int j = 0; j < columnScale.length; j++) {
            columnScale[j] = columnScale[j] > 0 ? goal / columnScale[j] : 1;
        }
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) Math.max(wMin, Math.min(wMax, w[k] * columnScale[inputToExc.target(k)]));
        }
    }

    /**
     * @return a copy of the input weights in CSR order: input {@code i}'s weights to neurons 0..n-1 at {@code i n + j}
     */
    float[] inputWeights() {
        return inputToExc.weights().clone();
    }

    /** @return a copy of the excitatory threshold offsets (mV) */
    double[] thresholds() {
        return exc.state().a.clone();
    }

    /** @return the number of repetitions at raised rates so far */
    int boosts() {
        return boosts;
    }

    @Override
    public void close() {
        engine.close();
    }

    /**
     * Adds an observer of every spike (input, excitatory and inhibitory), e.g. to count activity.
     *
     * @param observer the observer; it must not change the network
     */
    void observe(SpikeListener observer) {
        engine.addObserver(observer);
    }

    /**
     * The outgoing synapses of a neuron of a population: {@code n} for an input, 1 for an
     * excitatory neuron (its inhibitory partner), {@code n - 1} for an inhibitory one.
     *
     * @param population a population of this network
     * @return the synapses each of its neurons drives
     */
    int fanOut(Population<?, ?> population) {
        int n = p.neurons();
        return population == input ? n : population == exc ? 1 : n - 1;
    }
}
