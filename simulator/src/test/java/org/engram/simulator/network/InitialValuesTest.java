package org.engram.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.engram.simulator.model.Izhikevich;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;

/** Initial values drawn per neuron: the requested distribution, independent across variables. */
class InitialValuesTest {
    private static final int N = 4000;

    @Test
    void twoVariablesOfANeuronDrawIndependently() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(11);
        Population<?, ?> p = b.population("p", N, Izhikevich.MODEL, Izhikevich.regularSpiking());
        b.initialise(p, "v", new NormalDistribution(new SplitMixRandom(0), -65, 5));
        b.initialise(p, "u", new NormalDistribution(new SplitMixRandom(0), -13, 1));
        b.build();
        double[] v = p.state().values("v");
        double[] u = p.state().values("u");
        // Each has the distribution asked for: mean within 4 standard errors, sd within 5%.
        assertEquals(-65, new Mean().evaluate(v), 4 * 5 / Math.sqrt(N));
        assertEquals(-13, new Mean().evaluate(u), 4 * 1 / Math.sqrt(N));
        assertEquals(5, new StandardDeviation().evaluate(v), 0.25);
        assertEquals(1, new StandardDeviation().evaluate(u), 0.05);
        // Independent: the sample correlation of N pairs has standard error 1 / sqrt(N) = 0.016.
        double r = new PearsonsCorrelation().correlation(v, u);
        assertTrue(Math.abs(r) < 4 / Math.sqrt(N), "v and u correlate: r = " + r);
    }

    @Test
    void theSameVariableOfTwoPopulationsDrawsIndependently() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(11);
        Population<?, ?> a = b.population("a", N, Izhikevich.MODEL, Izhikevich.regularSpiking());
        Population<?, ?> c = b.population("c", N, Izhikevich.MODEL, Izhikevich.regularSpiking());
        UniformRealDistribution draw = new UniformRealDistribution(new SplitMixRandom(0), -70, -50);
        b.initialise(a, "v", draw);
        b.initialise(c, "v", draw);
        b.build();
        double r = new PearsonsCorrelation().correlation(a.state().values("v"), c.state().values("v"));
        assertTrue(Math.abs(r) < 4 / Math.sqrt(N), "populations correlate: r = " + r);
    }
}
