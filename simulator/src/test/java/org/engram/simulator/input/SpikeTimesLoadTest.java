package org.engram.simulator.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.engine.Mode;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * New spike times loaded between runs replace the old ones from the current time on, in both
 * modes: times already passed are skipped, the old pending time is forgotten, and nothing is
 * emitted in the past.
 */
class SpikeTimesLoadTest {

    private static double[] spikes(Mode mode, double[] initial, double firstRunMs, double[] loaded,
            double secondRunMs) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        Population<?, ?> source = b.population("source", 1, SpikeTimes.MODEL,
                new SpikeTimes.Params(new double[][] {initial}));
        try (Engine e = new Engine(b.build(), new EngineOptions(1, mode))) {
            SpikeRecorder r = e.recordSpikes(source);
            e.run(firstRunMs);
            ((SpikeTimes.State) source.state()).load(new double[][] {loaded});
            e.run(secondRunMs);
            return r.timesMs();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void loadedTimesReplaceTheOldOnesFromNowOn(Mode mode) {
        assertArrayEquals(new double[] {3.0}, spikes(mode, new double[] {5}, 2, new double[] {3}, 8), 1e-12,
                "the old pending time 5 is forgotten, the new time 3 fires");
        assertArrayEquals(new double[] {3.0}, spikes(mode, new double[] {}, 2, new double[] {3}, 8), 1e-12,
                "a source that had no times fires the loaded one");
        assertArrayEquals(new double[] {1.0, 12.0}, spikes(mode, new double[] {1}, 10, new double[] {5, 12}, 10), 1e-12,
                "the loaded time 5, already passed at 10 ms, is skipped");
    }

    /**
     * A time of -0.0 is 0: it fires as 0 does and is kept as 0, which a CSV had written
     * "-0.000000000" and the spike hash had told apart from 0.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void negativeZeroIsZero(Mode mode) {
        double[] times = new SpikeTimes.Params(new double[][] {{-0.0, 1}}).timesMs()[0];
        assertEquals(0, Double.compare(0.0, times[0]), "kept as +0.0");
        double[] fired = spikes(mode, new double[] {-0.0}, 1, new double[] {}, 1);
        assertEquals(1, fired.length);
        assertEquals(0, Double.compare(spikes(mode, new double[] {0.0}, 1, new double[] {}, 1)[0], fired[0]));
    }

    /** The modes differ on a loaded time equal to the current time, as {@code SpikeTimes.State.load} says. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLoadedTimeAtTheCurrentTimeIsPassedOnlyInGridMode(Mode mode) {
        double[] expected = mode == Mode.GRID ? new double[] {1.0, 12.0} : new double[] {1.0, 10.0, 12.0};
        assertArrayEquals(expected, spikes(mode, new double[] {1}, 10, new double[] {10, 12}, 10), 1e-12);
    }
}
