package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.ParameterException;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.input.SpikeTimes;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Weights written into a projection's live array between runs are checked before the next run to
 * be finite, as the builder checked them and as neuron state written between runs is: NaN or an
 * infinity had turned its target's potential to NaN at the first spike through it, silencing the
 * neuron for the rest of the run, reported only once the run was over, as NaN in the target's state.
 */
class WeightWritesTest {

    /** Two spike sources, firing at 1 and 6 ms, into two LIF neurons, all to all through one plastic projection. */
    private static Network network() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(3);
        Population<?, ?> src = b.population("src", 2, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {{1, 6}, {1, 6}}));
        Population<?, ?> out = b.population("out", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("src->out", src, out, Rules.allToAll(), Synapses.excitatory(25).asPlastic());
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aNaNWeightWrittenBetweenRunsIsRefusedByProjectionAndSynapse(Mode mode) {
        Network net = network();
        Projection p = net.projection("src->out");
        try (Engine e = new Engine(net, new EngineOptions(1, mode))) {
            SpikeRecorder spikes = e.recordSpikes(net.population("out"));
            e.run(3);
            p.weights()[3] = Float.NaN;
            ParameterException refused = assertThrows(ParameterException.class, () -> e.run(5));
            assertEquals("projection 'src->out': weights[3]: expected a finite weight, found NaN (synapse 3, source 1 "
                    + "-> target 1); written between runs, or by a listener during the last run", refused.getMessage());
            // Refused before the run started: the engine goes on once the weight is mended.
            assertEquals(3, e.timeMs(), 1e-12);
            p.weights()[3] = 25;
            e.run(5);
            assertEquals(8, e.timeMs(), 1e-12);
            assertEquals(4, spikes.count(), "each target fires at each of the two volleys");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aWeightThatIsNotFiniteIsRefusedBeforeTheRun(Mode mode) {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            Network net = network();
            net.projection("src->out").weights()[2] = bad;
            try (Engine e = new Engine(net, new EngineOptions(1, mode))) {
                ParameterException refused = assertThrows(ParameterException.class, () -> e.run(10));
                assertEquals("weights[2]", refused.location(), refused.getMessage());
                assertEquals("a finite weight", refused.expected());
                assertEquals("projection 'src->out'", refused.source());
                assertTrue(refused.found().startsWith(bad + " (synapse 2, source 1 -> target 0)"), refused.found());
                assertEquals(0, e.timeMs());
            }
        }
    }

    /** A static projection whose weights differ keeps a live array too, which the same check covers. */
    @Test
    void aStaticProjectionsWeightArrayIsCheckedToo() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(3);
        Population<?, ?> src = b.population("src", 1, SpikeTimes.MODEL, new SpikeTimes.Params(new double[][] {{1}}));
        Population<?, ?> out = b.population("out", 2, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("fixed", src, out, Rules.matrix(new double[][] {{0.2, 0.4}}), Synapses.excitatory(0));
        Network net = b.build();
        net.projection("fixed").weights()[1] = Float.NaN;
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            assertEquals("projection 'fixed'", assertThrows(ParameterException.class, () -> e.run(1)).source());
        }
    }

    /** What a listener holds against the state is asked before every run, and its refusal stops none mid-way. */
    @Test
    void aListenersRefusalBeforeTheRunLeavesTheEngineUsable() {
        Network net = network();
        boolean[] refuse = {true};
        double[] askedAt = {Double.NaN};
        SpikeListener strict = new SpikeListener() {
            @Override
            public void onSpike(Population<?, ?> population, int neuron, double timeMs) {
            }

            @Override
            public void beforeRun(double timeMs) {
                askedAt[0] = timeMs;
                if (refuse[0]) {
                    throw new ParameterException("strict listener", "weights", "weights it allows", "others");
                }
            }
        };
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            e.run(2);
            e.addListener(strict);
            assertEquals("strict listener", assertThrows(ParameterException.class, () -> e.run(3)).source());
            assertEquals(2, askedAt[0], 1e-12);
            refuse[0] = false;
            e.run(3);
            assertEquals(5, e.timeMs(), 1e-12);
        }
    }

    /** A listener whose beforeRun fails (a bug, not a refusal) is named, and the run does not start. */
    @Test
    void aListenerThatThrowsBeforeTheRunIsNamed() {
        Network net = network();
        SpikeListener broken = new SpikeListener() {
            @Override
            public void onSpike(Population<?, ?> population, int neuron, double timeMs) {
            }

            @Override
            public void beforeRun(double timeMs) {
                throw new IllegalArgumentException("broken");
            }
        };
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            e.run(2);
            e.addObserver(broken);
            ListenerFailed failed = assertThrows(ListenerFailed.class, () -> e.run(3));
            assertEquals("observer " + broken.getClass().getName() + " threw before the run from 2.0 ms (beforeRun): "
                    + "java.lang.IllegalArgumentException: broken; the run did not start, so the engine can run once "
                    + "the cause is mended", failed.getMessage());
            assertSame(broken, failed.listener());
            e.removeObserver(broken);
            e.run(3);
            assertEquals(5, e.timeMs(), 1e-12);
        }
    }
}
