package org.engram.learning.layered;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
