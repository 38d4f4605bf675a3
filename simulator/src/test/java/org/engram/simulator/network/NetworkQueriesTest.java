package org.engram.simulator.network;

import static org.engram.simulator.network.Networks.between;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.input.ConstantCurrents;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.NoiseCurrent;
import org.engram.simulator.input.PoissonInput;
import org.engram.simulator.input.SinusoidalCurrent;
import org.engram.simulator.model.Izhikevich;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.connect.Rules;
import org.junit.jupiter.api.Test;

/**
 * What a built network and its projections report about themselves, against values worked out by
 * hand from the declarations.
 */
class NetworkQueriesTest {
    private static final LifDelta.Params LIF = LifDelta.MODEL.defaults();

    @Test
    void reportsItsSeedAndInputs() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(42);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, LIF);
        PoissonInput poisson = new PoissonInput(p, 100, 0.1, Receptor.EXCITATORY);
        CurrentSource current = CurrentSource.constant(p, new int[] {0}, 200);
        NoiseCurrent noise = new NoiseCurrent(p, null, 0, 50);
        ConstantCurrents constant = new ConstantCurrents(p, new int[] {1, 2}, new double[] {100, 150});
        SinusoidalCurrent sinusoid = new SinusoidalCurrent(p, null, 100, 10, 0, 0);
        b.poissonInput(poisson).current(current).noise(noise).constantCurrents(constant).sinusoid(sinusoid);
        Network network = b.build();
        assertEquals(42, network.seed());
        assertEquals(List.of(poisson), network.poissonInputs());
        assertEquals(List.of(current), network.currentSources());
        assertEquals(List.of(noise), network.noiseCurrents());
        assertEquals(List.of(constant), network.constantCurrents());
        assertEquals(List.of(sinusoid), network.sinusoidalCurrents());
        assertEquals(1, new NetworkBuilder(0.1).build().seed(), "the seed of a builder that sets none");
    }

    @Test
    void bytesPerSynapseIsTheArraysOverTheSynapses() {
        // All-to-all on 10 neurons: 11 row offsets (44 bytes) and 100 16-bit targets (200 bytes).
        // One-to-one, plastic: 44 + 10 x 2 for targets + 10 x 4 for the weight array = 104 bytes.
        // (244 + 104) / 110 synapses.
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 10, LifDelta.MODEL, LIF);
        b.connect("all", p, p, Rules.allToAll(), Synapses.excitatory(0.1));
        b.connect("one", p, p, Rules.oneToOne(), Synapses.excitatory(0.1).asPlastic());
        Network network = b.build();
        assertEquals(244, network.projection("all").bytes());
        assertEquals(104, network.projection("one").bytes());
        assertEquals(348.0 / 110, network.bytesPerSynapse());
        assertEquals(0.0, new NetworkBuilder(0.1).build().bytesPerSynapse(), "no synapses");
    }

    @Test
    void delaysOfProjectionsWithoutSynapsesDoNotCount() {
        // a -> c at 2 ms (20 steps) and c -> c at 0.5 ms (5 steps); the empty projections' 0.1 ms and
        // 3 ms delays would be the shortest and the longest if they counted.
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> a = b.population("a", 4, LifDelta.MODEL, LIF);
        Population<?, ?> c = b.population("c", 4, LifDelta.MODEL, LIF);
        b.connect("a->c", a, c, Rules.allToAll(), Synapses.excitatory(0.1).delayMs(2));
        b.connect("c->c", c, c, Rules.oneToOne(), Synapses.excitatory(0.1).delayMs(0.5));
        b.connect("short", a, c, Rules.fixedProbability(0), Synapses.excitatory(0.1).delayMs(0.1));
        b.connect("long", c, a, Rules.fixedProbability(0), Synapses.excitatory(0.1).delayMs(3));
        Network network = b.build();
        assertEquals(5, network.minDelaySteps());
        assertEquals(20, network.maxDelaySteps());
        assertEquals(20, network.maxDelayStepsInto(c));
        assertEquals(0, network.maxDelayStepsInto(a), "only an empty projection reaches a");
    }

    @Test
    void drawnDelaysReportTheirExtremes() {
        Projection p = between(3, 20, 20, Rules.allToAll(),
                Synapses.excitatory(0.1).delays(new UniformRealDistribution(1, 3)));
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (short d : p.delays()) {
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        // 400 draws of U(1, 3) ms rounded to 0.1 ms steps: at least two distinct values.
        assertTrue(min < max, min + " and " + max);
        assertEquals(min, p.minDelaySteps());
        assertEquals(max, p.maxDelaySteps());
    }

    @Test
    void aProjectionReportsItsPositionReceptorAndPlasticity() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 3, LifDelta.MODEL, LIF);
        b.connect("first", p, p, Rules.allToAll(), Synapses.excitatory(0.1));
        b.connect("second", p, p, Rules.allToAll(), Synapses.inhibitory(-0.1).asPlastic());
        Network network = b.build();
        Projection first = network.projection("first");
        Projection second = network.projection("second");
        assertEquals(0, first.index());
        assertEquals(1, second.index());
        assertEquals(Receptor.EXCITATORY, first.receptor());
        assertEquals(Receptor.INHIBITORY, second.receptor());
        assertFalse(first.plastic());
        assertTrue(second.plastic());
    }

    @Test
    void writesEverySynapseAsCsvInRowOrder() throws IOException {
        // Given as 1 -> 0 (0.5, 0.3 ms) and 0 -> 2 (0.25, 1.2 ms); source 2 has no synapse. Rows put
        // source 0 first; 12 steps of 0.1 ms are 1.2000000000000002 ms, shown to 9 decimals.
        Projection p = between(1, 3, 3, Rules.explicit(new int[] {1, 0}, new int[] {0, 2},
                new double[] {0.5, 0.25}, new double[] {0.3, 1.2}), Synapses.excitatory(1));
        StringWriter out = new StringWriter();
        // Through a buffer, which writeCsv flushes (it does not close the writer).
        p.writeCsv(new BufferedWriter(out));
        assertEquals("source,target,weight,delay_ms\n0,2,0.25,1.2\n1,0,0.5,0.3\n", out.toString());
        StringWriter again = new StringWriter();
        p.writeCsv(again, new TimeGrid(0.1));
        assertEquals(out.toString(), again.toString(), "given the network's grid");
        // Another step would misstate every delay: 3 steps written as 0.75 ms.
        ParameterException otherGrid = assertThrows(ParameterException.class,
                () -> p.writeCsv(new StringWriter(), new TimeGrid(0.25)));
        assertEquals("projection 'a->b': grid: expected the network's time grid, dt = 0.1 ms, whose steps the delays"
                + " count, found dt = 0.25 ms", otherGrid.getMessage());
        assertEquals("a->b (a -> b, 2 synapses)", p.toString());
        assertEquals("a->b (a -> b, 1 synapse)", between(1, 1, 1, Rules.oneToOne(), Synapses.excitatory(1)).toString());
    }

    @Test
    void aPopulationGivesItsLiveVariablesAndWhetherItRunsInPreciseMode() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> lif = b.population("lif", 3, LifDelta.MODEL, LIF);
        Population<?, ?> izh = b.population("izh", 3, Izhikevich.MODEL, Izhikevich.regularSpiking());
        lif.values("v")[1] = -55;
        assertEquals(-55, lif.state().values("v")[1]);
        assertSame(lif.state().values("v"), lif.values("v"));
        // LifDelta implements ExactPropagation; Izhikevich's spike times cannot be found exactly.
        assertTrue(lif.supportsExactPropagation());
        assertFalse(izh.supportsExactPropagation());
        assertEquals("lif (lif_delta, 3 neurons)", lif.toString());
        assertEquals("one (lif_delta, 1 neuron)", b.population("one", 1, LifDelta.MODEL, LIF).toString());
    }

    @Test
    void synapsesGiveTheirDelayInStepsAndADescription() {
        assertEquals(15, Synapses.excitatory(0.1).delayMs(1.5).delaySteps(new TimeGrid(0.1), "p"));
        assertEquals(Receptor.INHIBITORY, Synapses.of(Receptor.INHIBITORY, -1).receptor());
        assertEquals(-1, Synapses.of(Receptor.INHIBITORY, -1).weight());
        assertEquals("excitatory, weight 0.1, delay 1.5 ms", Synapses.excitatory(0.1).delayMs(1.5).describe());
        assertEquals("inhibitory, weight NormalDistribution, delay UniformRealDistribution, plastic",
                Synapses.inhibitory(0).weights(new NormalDistribution(-1, 0.1))
                        .delays(new UniformRealDistribution(1, 2)).asPlastic().describe());
    }
}
