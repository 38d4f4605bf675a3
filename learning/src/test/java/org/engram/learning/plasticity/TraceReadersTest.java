package org.engram.learning.plasticity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.input.PoissonSource;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * Reading a rule's traces ({@link RewardStdp#eligibility}, {@link AdaptiveThreshold#offset} and
 * {@link AdaptiveThreshold#offsets}) leaves them as they were: a read had decayed the stored trace to
 * the time read, so later spikes decayed it from there in two roundings instead of one, and a run
 * whose eligibilities were plotted reached eligibilities (and, through a reward, weights) a few ulps
 * away from the same run unwatched; a read at NaN turned the trace to NaN for good, and one before
 * the last spike grew it backwards.
 */
class TraceReadersTest {
    private static final RewardStdp.Params REWARD = new RewardStdp.Params(1, 1.05, 20, 20, 200, 0.01, 0, 5);
    private static final AdaptiveThreshold.Params THETA = new AdaptiveThreshold.Params(0.5, 50);

    /** Twenty Poisson sources at 40 Hz into five LIF neurons that fire at a few tens of Hz. */
    private static Network network() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(11);
        Population<?, ?> in = b.population("in", 20, PoissonSource.MODEL, new PoissonSource.Params(40));
        Population<?, ?> out = b.population("out", 5, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("in->out", in, out, Rules.allToAll(), Synapses.excitatory(2.5).delayMs(1).asPlastic());
        return b.build();
    }

    private record Outcome(float[] weights, double[] eligibilities, double[] offsets) {
    }

    /** Three runs of 40 ms; after each of the first two, every trace is read at the engine's time if asked. */
    private static Outcome run(boolean read) {
        Network net = network();
        Projection p = net.projection("in->out");
        RewardStdp rule = new RewardStdp(p, REWARD);
        AdaptiveThreshold theta = new AdaptiveThreshold(net.population("out"), THETA);
        double[] offsets = new double[5];
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            e.addListener(rule);
            e.addObserver(theta);
            for (int r = 0; r < 3; r++) {
                e.run(40);
                if (read && r < 2) {
                    for (int k = 0; k < p.synapseCount(); k++) {
                        rule.eligibility(k, e.timeMs());
                    }
                    theta.offsets(e.timeMs(), offsets);
                    theta.offset(0, e.timeMs() + 0.05);
                }
            }
            double[] eligibilities = new double[p.synapseCount()];
            for (int k = 0; k < eligibilities.length; k++) {
                eligibilities[k] = rule.eligibility(k, e.timeMs());
            }
            rule.reward(1, e.timeMs());
            theta.offsets(e.timeMs(), offsets);
            return new Outcome(p.weights().clone(), eligibilities, offsets);
        }
    }

    @Test
    void readingTracesLeavesThemAndTheLearntWeightsToTheBit() {
        Outcome unread = run(false);
        Outcome read = run(true);
        boolean learnt = false;
        for (float w : unread.weights()) {
            learnt |= w != 2.5f;
        }
        assertTrue(learnt, "the reward must change weights, else equal weights prove nothing");
        assertArrayEquals(unread.eligibilities(), read.eligibilities(), 0.0, "reading eligibilities changed them");
        assertArrayEquals(unread.weights(), read.weights(), "reading eligibilities changed the weights");
        assertArrayEquals(unread.offsets(), read.offsets(), 0.0, "reading offsets changed them");
    }

    @Test
    void eligibilityRefusesABadSynapseOrTime() {
        Network net = network();
        Projection p = net.projection("in->out");
        RewardStdp rule = new RewardStdp(p, REWARD);
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            e.addListener(rule);
            e.run(40);
            assertEquals("RewardStdp.eligibility: synapse: expected an index in [0, 100), found 100",
                    assertThrows(IndexOutOfBoundsException.class, () -> rule.eligibility(100, 40)).getMessage());
            assertEquals("synapse", assertThrows(IndexOutOfBoundsException.class,
                    () -> rule.eligibility(-1, 40)).getMessage().split(": ")[1]);
            ParameterException nan = assertThrows(ParameterException.class, () -> rule.eligibility(0, Double.NaN));
            assertEquals("eligibility time", nan.location());
            assertEquals("NaN", nan.found());
            assertEquals("eligibility time", assertThrows(ParameterException.class,
                    () -> rule.eligibility(0, 1)).location(), "a time before the last spike");
            double before = rule.eligibility(3, 40);
            rule.reward(1, 40);
            assertEquals(before, rule.eligibility(3, 40), "the refused reads changed nothing");
        }
    }

    @Test
    void offsetsRefuseABadNeuronOrTime() {
        Network net = network();
        AdaptiveThreshold theta = new AdaptiveThreshold(net.population("out"), THETA);
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            e.addObserver(theta);
            e.run(40);
            assertEquals("AdaptiveThreshold.offset: neuron: expected an index in [0, 5), found 5",
                    assertThrows(IndexOutOfBoundsException.class, () -> theta.offset(5, 40)).getMessage());
            ParameterException nan = assertThrows(ParameterException.class, () -> theta.offset(0, Double.NaN));
            assertEquals("adaptive_threshold of 'out'", nan.source());
            assertEquals("time", nan.location());
            assertEquals("NaN", nan.found());
            assertEquals("time", assertThrows(ParameterException.class, () -> theta.offsets(-1, new double[5]))
                    .location());
            assertEquals("out", assertThrows(ParameterException.class, () -> theta.offsets(40, new double[4]))
                    .location());
            assertEquals("out", assertThrows(ParameterException.class, () -> theta.offsets(40, null)).location());
        }
    }
}
