package org.engram.simulator.model;

import org.apache.commons.math3.ode.events.EventHandler;

/**
 * An event of the Dormand-Prince reference solutions in the model tests: the test gives the
 * switching function and what the event does; there is nothing to set up when an integration
 * starts and no state to reset after an event.
 */
abstract class SolverEvent implements EventHandler {

    @Override
    public void init(double t0, double[] y0, double t) {
    }

    @Override
    public void resetState(double t, double[] y) {
    }
}
