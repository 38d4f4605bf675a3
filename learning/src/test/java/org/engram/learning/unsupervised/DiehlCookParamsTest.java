package org.engram.learning.unsupervised;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

/** Bad parameters and data fail before any simulation, naming the parameter and the value found. */
class DiehlCookParamsTest {

    @Test
    void rejectsInitialWeightsOutsideTheStdpBounds() {
        DiehlCookParams p = DiehlCookParams.paper(10);
        DiehlCookParams.Coupling c = p.coupling();
        ParameterException e = assertThrows(ParameterException.class, () -> p.withCoupling(
                new DiehlCookParams.Coupling(0, 1.5, c.excToInhPa(), c.inhToExcPa(), c.totalInputWeight(), 0.5)));
        assertEquals("coupling.initial_weight", e.location());
        assertEquals("[0.0, 1.5]", e.found());
    }

    /** The inhibitory neurons' n (n - 1) synapses are listed in one array: 46,342 x 46,341 passes 2^31. */
    @Test
    void rejectsMoreNeuronsThanOneArrayListsTheInhibitionOf() {
        assertEquals(46_341, DiehlCookParams.paper(DiehlCookParams.MAX_NEURONS).neurons());
        ParameterException e = assertThrows(ParameterException.class, () -> DiehlCookParams.paper(46_342));
        assertEquals("neurons", e.location());
        assertEquals("46342", e.found());
        assertThrows(ParameterException.class, () -> DiehlCookParams.paper(0));
    }

    @Test
    void rejectsExcitatoryLateralInhibitionAndNanRates() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new DiehlCookParams.Coupling(0, 0.3, 10.4, 5, 78, 0.5));
        assertEquals("inh_to_exc", e.location());
        e = assertThrows(ParameterException.class,
                () -> new DiehlCookParams.Presentation(350, 150, Double.NaN, 32, 5, 10));
        assertEquals("max_rate", e.location());
    }

    @Test
    void rejectsIntensitiesOutsideZeroToOneNamingTheSample() {
        float[][] x = {{0.5f, 0.2f}, {0.1f, 1.5f}};
        int[] y = {0, 1};
        var o = new DiehlCookBenchmark.Options(DiehlCookParams.paper(4), 2, 2, 1, 1, 1);
        ParameterException e = assertThrows(ParameterException.class, () -> DiehlCookBenchmark.run(x, y, x, y, 2, o));
        assertEquals("train[1][1]", e.location());
        assertEquals("1.5", e.found());
    }

    @Test
    void rejectsTooFewSamples() {
        float[][] x = {{0.5f}};
        int[] y = {0};
        var o = new DiehlCookBenchmark.Options(DiehlCookParams.paper(4), 2, 1, 1, 1, 1);
        ParameterException e = assertThrows(ParameterException.class, () -> DiehlCookBenchmark.run(x, y, x, y, 2, o));
        assertEquals("train", e.location());
    }

    /** A label the classes given do not hold is refused, naming the sample. */
    @Test
    void rejectsALabelPastTheClassesGiven() {
        float[][] x = {{0.5f, 0.2f}, {0.1f, 0.5f}};
        int[] y = {0, 2};
        var o = new DiehlCookBenchmark.Options(DiehlCookParams.paper(4), 2, 2, 1, 1, 1);
        ParameterException e = assertThrows(ParameterException.class, () -> DiehlCookBenchmark.run(x, y, x, y, 2, o));
        assertEquals("train label[1]", e.location());
        assertEquals("a class in [0, 2)", e.expected());
        assertEquals("2", e.found());
    }

    /**
     * The benchmark's two option sets differ only in the total input weight: the paper's 78 and
     * Engram's default 20 (the best of the totals tried on Fashion-MNIST, see DiehlCookParams.defaults).
     */
    @Test
    void benchmarkOptionsTakeThePapersOrTheDefaultTotal() {
        DiehlCookBenchmark.Options paper = DiehlCookBenchmark.Options.paper(7, 10, 5, 4, 1, 3);
        DiehlCookBenchmark.Options defaults = DiehlCookBenchmark.Options.defaults(7, 10, 5, 4, 1, 3);
        assertEquals(78.0, paper.params().coupling().totalInputWeight());
        assertEquals(20.0, defaults.params().coupling().totalInputWeight());
        assertEquals(DiehlCookParams.paper(7).withCoupling(paper.params().coupling().withTotalInputWeight(20.0)),
                defaults.params());
        assertEquals(java.util.List.of(7, 10, 5, 4, 1, 3L), java.util.List.of(defaults.params().neurons(),
                defaults.trainSamples(), defaults.labelSamples(), defaults.testSamples(), defaults.threads(),
                defaults.seed()));
    }

    /** The bounds themselves are inside: one neuron, and initial weights spanning the whole STDP range [0, 1]. */
    @Test
    void boundsAreInclusive() {
        assertEquals(1, DiehlCookParams.paper(1).neurons());
        DiehlCookParams p = DiehlCookParams.paper(3);
        DiehlCookParams.Coupling c = p.coupling();
        DiehlCookParams.Coupling whole = new DiehlCookParams.Coupling(0, 1, c.excToInhPa(), c.inhToExcPa(),
                c.totalInputWeight(), c.delayMs());
        assertEquals(whole, p.withCoupling(whole).coupling());
    }
}
