package org.engram.learning.layered;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.engram.simulator.ParameterException;
import org.engram.simulator.network.Projection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class LayeredNetTest {
    private static LayeredNet net() {
        return LayeredNet.create(new LayeredNetSpec(6, List.of(HiddenLayer.lif(5, 10).withRecurrent(true),
                HiddenLayer.adaptive(4, 10, 100, 0.2)), ReadoutLayer.of(3, Readout.SPIKE_COUNT, 10), 0.5, 1.0), 3);
    }

    @Test
    void trainableWeightsAreTheSimulatorProjectionsInInputMajorOrder() {
        LayeredNet net = net();
        List<Projection> projections = net.network().projections();
        assertEquals(4, net.matrixCount());
        assertEquals(List.of("input->hidden1", "hidden1->hidden1", "hidden1->hidden2", "hidden2->readout"),
                projections.stream().map(Projection::name).toList());
        for (int m = 0; m < net.matrixCount(); m++) {
            Projection p = projections.get(m);
            assertSame(p.weights(), net.weights(m), "matrix " + m + " is the projection's live array");
            assertEquals(net.pre(m), p.source().size());
            assertEquals(net.post(m), p.target().size());
            assertEquals(1, p.uniformDelaySteps(), "one-step delay");
            for (int i = 0; i < net.pre(m); i++) {
                assertEquals(i * net.post(m), p.rowStart()[i]);
                for (int j = 0; j < net.post(m); j++) {
                    assertEquals(j, p.target(i * net.post(m) + j));
                }
            }
        }
    }

    @Test
    void initialWeightsAreUniformWithinGainOverRootFanIn() {
        LayeredNet net = net();
        for (int m = 0; m < net.matrixCount(); m++) {
            double bound = 1.0 / Math.sqrt(net.pre(m));
            double min = 1;
            double max = -1;
            for (float w : net.weights(m)) {
                assertTrue(Math.abs(w) <= bound, "matrix " + m + ": " + w);
                min = Math.min(min, w);
                max = Math.max(max, w);
            }
            assertTrue(min < 0 && max > 0, "matrix " + m + " draws both signs");
        }
        assertEquals(net().weights(0)[7], LayeredNet.create(net().spec(), 3).weights(0)[7], "seeded");
    }

    @Test
    void derivedConstantsFollowTheTimeConstants() {
        Layer hidden2 = net().layers().get(1);
        assertEquals((float) Math.exp(-0.5 / 10), hidden2.beta());
        assertEquals((float) Math.exp(-0.5 / 100), hidden2.adaptDecay());
        assertTrue(hidden2.adaptive());
        assertEquals(-1, hidden2.recurrentMatrix());
        assertEquals(1, net().layers().get(0).recurrentMatrix());
    }

    @Test
    void rejectsInvalidShapes() {
        assertThrows(ParameterException.class, () -> HiddenLayer.lif(0, 10));
        assertThrows(ParameterException.class, () -> HiddenLayer.lif(4, Double.NaN));
        assertThrows(ParameterException.class, () -> ReadoutLayer.of(1, Readout.SPIKE_COUNT, 10));
        assertThrows(ParameterException.class, () -> LayeredNetSpec.of(3, List.of(), ReadoutLayer.of(2,
                Readout.SPIKE_COUNT, 10)));
        assertThrows(ParameterException.class, () -> LayeredNetSpec.of(0, List.of(HiddenLayer.lif(1, 10)),
                ReadoutLayer.of(2, Readout.SPIKE_COUNT, 10)));
    }

    /** The least of each size is allowed: one input, one hidden unit, two classes. */
    @Test
    void theSmallestNetHasOneInputOneUnitAndTwoClasses() {
        LayeredNet net = LayeredNet.create(LayeredNetSpec.of(1, List.of(HiddenLayer.lif(1, 10)),
                ReadoutLayer.of(2, Readout.SPIKE_COUNT, 10)), 1);
        assertEquals(1 + 2, net.weightCount());
    }

    /** A missing neuron kind, reset or readout kind is refused by name, not met later as a null. */
    @Test
    void missingKindsAndResetsAreRefusedByName() {
        assertEquals("kind", assertThrows(ParameterException.class, () -> new HiddenLayer(2, null, 10, 1,
                ResetMode.ZERO, 100, 0, false)).location());
        assertEquals("reset", assertThrows(ParameterException.class, () -> new HiddenLayer(2, NeuronKind.LIF, 10, 1,
                null, 100, 0, false)).location());
        assertEquals("readout", assertThrows(ParameterException.class, () -> new ReadoutLayer(2, null, 10, 1,
                ResetMode.ZERO, 10)).location());
        assertEquals("reset", assertThrows(ParameterException.class, () -> new ReadoutLayer(2, Readout.SPIKE_COUNT,
                10, 1, null, 10)).location());
    }

    /**
     * A weight matrix is one Java array, of at most 2^31 - 9 = 2,147,483,639 = 119 x 18,046,081
     * weights: exactly that many are allowed, one more is refused naming the layer, its shape and the
     * most units it could have: 2,147,483,639 / 50,000 = 42,949 after 50,000; 46,340 in a recurrent
     * layer (46,340^2 = 2,147,395,600, 46,341^2 = 2,147,488,281). Specs only: nothing is built.
     */
    @Test
    void aMatrixPastOneArrayIsRefusedNamingItsLayerAndShape() {
        ReadoutLayer two = ReadoutLayer.of(2, Readout.SPIKE_COUNT, 10);
        LayeredNetSpec.of(119, List.of(HiddenLayer.lif(18_046_081, 10)), two);
        LayeredNetSpec.of(1, List.of(HiddenLayer.lif(46_340, 10).withRecurrent(true)), two);
        ParameterException e = assertThrows(ParameterException.class,
                () -> LayeredNetSpec.of(50_000, List.of(HiddenLayer.lif(50_000, 10)), two));
        assertEquals("hidden[0]", e.location());
        assertEquals("at most 2147483639 weights in one matrix (one array), i.e. at most 42949 units after 50000",
                e.expected());
        assertEquals("50000 x 50000", e.found());
        e = assertThrows(ParameterException.class, () -> LayeredNetSpec.of(1, List.of(HiddenLayer.lif(3, 10),
                HiddenLayer.lif(46_341, 10).withRecurrent(true)), two));
        assertEquals("hidden[1]", e.location());
        assertTrue(e.expected().endsWith("at most 46340 units in a recurrent layer"), e.expected());
        assertEquals("46341 x 46341", e.found());
        e = assertThrows(ParameterException.class, () -> LayeredNetSpec.of(1, List.of(
                HiddenLayer.lif(1_500_000_000, 10)), two));
        assertEquals("readout", e.location());
        assertEquals("1500000000 x 2", e.found());
    }

    /** Null matrices and null layers were NullPointerExceptions without a word on what was missing. */
    @Test
    void nullWeightsAndLayersAreParameterErrorsNamingThePlace() {
        LayeredNetSpec spec = LayeredNetSpec.of(4, List.of(HiddenLayer.lif(3, 10)), ReadoutLayer.of(2,
                Readout.MEAN_MEMBRANE, 10));
        ParameterException e = assertThrows(ParameterException.class, () -> LayeredNet.withWeights(spec, 1, null));
        assertTrue(e.getMessage().contains("weight matrices: expected 2 matrices, found null"), e.getMessage());
        e = assertThrows(ParameterException.class,
                () -> LayeredNet.withWeights(spec, 1, new float[][] {new float[12], null}));
        assertTrue(e.getMessage().contains("weights[1]: expected 6 values (3 x 2), found null"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> LayeredNet.withWeights(spec, 1, new float[][] {new float[12],
                new float[5]}));
        assertTrue(e.getMessage().contains("weights[1]: expected 6 values (3 x 2), found 5"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> LayeredNetSpec.of(4, java.util.Arrays.asList(
                HiddenLayer.lif(3, 10), null), ReadoutLayer.of(2, Readout.MEAN_MEMBRANE, 10)));
        assertTrue(e.getMessage().contains("hidden[1]: expected a hidden layer, found null"), e.getMessage());
        for (Executable noSpec : List.<Executable>of(() -> LayeredNet.create(null, 1),
                () -> LayeredNet.withWeights(null, 1, new float[0][]))) {
            assertEquals("spec", assertThrows(ParameterException.class, noSpec).location());
        }
    }

    /**
     * The readout's membrane trace decays with its own time constant, exp(-dt / tau_trace); a LIF
     * layer given an adaptation strength has none (only adaptive neurons adapt); layers keep their
     * reset, their index and the width of what feeds them.
     */
    @Test
    void layersKeepTheirSettingsAndOnlyAdaptiveOnesAdapt() {
        LayeredNetSpec spec = new LayeredNetSpec(6, List.of(new HiddenLayer(5, NeuronKind.LIF, 10, 1, ResetMode.ZERO,
                100, 0.3, false), HiddenLayer.adaptive(4, 10, 100, 0.2)),
                new ReadoutLayer(3, Readout.SPIKE_COUNT, 10, 1, ResetMode.SUBTRACT, 4), 0.5, 1.0);
        List<Layer> layers = LayeredNet.create(spec, 3).layers();
        Layer lif = layers.get(0);
        assertFalse(lif.adaptive());
        assertEquals(0f, lif.adaptation(), "a LIF layer does not adapt, whatever strength it is given");
        assertEquals(ResetMode.ZERO, lif.reset());
        assertEquals(0.2f, layers.get(1).adaptation());
        assertEquals(1, layers.get(1).index());
        assertEquals(5, layers.get(1).inputs(), "fed by the 5 units of hidden1");
        Layer readout = layers.get(2);
        assertEquals((float) Math.exp(-0.5 / 4), readout.traceDecay());
        assertEquals(ResetMode.SUBTRACT, readout.reset());
        assertEquals(6, lif.inputs());
    }

    /**
     * Matrices in order (input->hidden1, hidden1->hidden1, hidden1->hidden2, hidden2->readout) belong
     * to layers 0, 0, 1 and 2 and hold 30 + 25 + 20 + 12 = 87 weights; the index past the last
     * is refused as out of range, not by the array.
     */
    @Test
    void matricesBelongToTheirLayersAndCountTheirWeights() {
        LayeredNet net = net();
        assertEquals(List.of(0, 0, 1, 2), java.util.stream.IntStream.range(0, 4).map(net::layerOf).boxed().toList());
        assertEquals(87, net.weightCount());
        assertEquals(3, net.spec().layerCount());
        assertEquals(3, net.seed());
        ParameterException e = assertThrows(ParameterException.class, () -> net.weights(4));
        assertEquals("matrix", e.location());
        assertEquals("4", e.found());
    }

    /** A net made from weights holds copies of them: the same values, not the caller's arrays. */
    @Test
    void aNetMadeFromWeightsHoldsCopiesOfThem() {
        LayeredNetSpec spec = LayeredNetSpec.of(4, List.of(HiddenLayer.lif(3, 10).withThreshold(2.5)),
                ReadoutLayer.of(2, Readout.MEAN_MEMBRANE, 10));
        float[][] given = {new float[12], new float[6]};
        for (int m = 0; m < 2; m++) {
            for (int k = 0; k < given[m].length; k++) {
                given[m][k] = 0.01f * (k + 1) * (m == 0 ? 1 : -1);
            }
        }
        LayeredNet net = LayeredNet.withWeights(spec, 9, given);
        for (int m = 0; m < 2; m++) {
            assertTrue(java.util.Arrays.equals(given[m], net.weights(m)), "matrix " + m);
            assertTrue(given[m] != net.weights(m), "a copy");
        }
        assertEquals(2.5f, net.layers().get(0).threshold());
        assertEquals(NeuronKind.LIF, spec.hidden().get(0).kind());
    }

    /**
     * Matrices that each fit an array can still be too many synapses to draw: 46,000 inputs all to
     * all to 46,000 units are 2,116,000,000 synapses, tens of gigabytes while drawn, refused before any
     * is drawn, naming the count and the rule (a test heap is far below that).
     */
    @Test
    void aNetTooLargeToDrawIsRefusedBeforeItIsBuilt() {
        LayeredNetSpec spec = LayeredNetSpec.of(46_000, List.of(HiddenLayer.lif(46_000, 10)),
                ReadoutLayer.of(2, Readout.SPIKE_COUNT, 10));
        ParameterException e = assertThrows(ParameterException.class, () -> LayeredNet.requireFits(spec));
        assertTrue(e.getMessage().contains("2116000000 synapses") && e.getMessage().contains(
                "all_to_all(with self-connections) on 46000 x 46000 neurons"), e.getMessage());
    }

    /**
     * Two matrices that each fit the heap while drawn (16 bytes a synapse) but not together: the
     * second is drawn while the first is held, at 2 bytes a synapse (targets below 65,536 neurons as
     * chars; the plastic weights come after the check). Each takes a sixteenth of the heap in
     * synapses, so the second's drawing needs the whole heap beside an eighth of it held.
     */
    @Test
    void matricesThatFitTheHeapOnlyOneAtATimeAreRefusedTogether() {
        long synapses = Runtime.getRuntime().maxMemory() / 16 / 1000 * 1000;
        assumeTrue(synapses < Integer.MAX_VALUE - 8, "a heap this large fits both matrices");
        int side = (int) (synapses / 1000);
        LayeredNetSpec spec = LayeredNetSpec.of(side, List.of(HiddenLayer.lif(1000, 10)),
                ReadoutLayer.of(side, Readout.SPIKE_COUNT, 10));
        ParameterException e = assertThrows(ParameterException.class, () -> LayeredNet.requireFits(spec));
        assertTrue(e.getMessage().startsWith("projection 'hidden1->readout'")
                && e.getMessage().contains(" MB of it held by the projections drawn before)"), e.getMessage());
    }
}
