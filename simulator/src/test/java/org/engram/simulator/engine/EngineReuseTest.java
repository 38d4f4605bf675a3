package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/** One engine at a time per network, and none after a run that bound the state to its engine. */
class EngineReuseTest {
    private static Network network() {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        // i_e = 500 pA: v_inf = 40 mV over a 20 mV threshold, so the neuron fires every few ms.
        b.population("p", 2, LifDelta.MODEL, new LifDelta.Params(20, 250, 0, 20, 10, 2, 500));
        return b.build();
    }

    @Test
    void twoOpenEnginesCannotShareANetwork() {
        Network net = network();
        try (Engine first = new Engine(net, EngineOptions.grid(1))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Engine(net, EngineOptions.grid(1)));
            assertTrue(e.getMessage().contains("open engine"), e.getMessage());
        }
        // Closed: the next engine may take it.
        new Engine(net, EngineOptions.grid(1)).close();
    }

    @Test
    void aGridEngineContinuesFromTheStateAnotherLeft() {
        Network net = network();
        Population<?, ?> p = net.population("p");
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            e.run(3);
        }
        double v = p.state().values("v")[0];
        assertTrue(v > 0, "the first engine advanced the state");
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            assertEquals(v, p.state().values("v")[0], 0.0, "the second engine starts from it");
            e.run(1);
        }
    }

    @Test
    void noEngineMayContinueAPreciseRun() {
        Network net = network();
        new Engine(net, EngineOptions.precise(1)).close();   // never ran: nothing bound to its clock
        try (Engine e = new Engine(net, EngineOptions.precise(1))) {
            e.run(30);
        }
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new Engine(net, EngineOptions.precise(1)));
        assertTrue(error.getMessage().contains("precise-mode engine ran this network")
                && error.getMessage().contains("build the network again"), error.getMessage());
    }

    @Test
    void noEngineMayContinueAFailedRun() {
        Network net = network();
        try (Engine e = new Engine(net, EngineOptions.grid(1))) {
            e.addListener((population, neuron, timeMs) -> {
                throw new IllegalArgumentException("listener failed");
            });
            assertThrows(IllegalArgumentException.class, () -> e.run(20));
        }
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> new Engine(net, EngineOptions.grid(1)));
        assertTrue(error.getMessage().contains("failed mid-slice"), error.getMessage());
    }
}
