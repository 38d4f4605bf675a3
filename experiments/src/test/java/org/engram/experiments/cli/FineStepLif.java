package org.engram.experiments.cli;

import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.NeuronModel;

/**
 * A model of one's own that takes only time steps up to 0.05 ms: {@link LifDelta} under another
 * name, refusing coarser steps as a model with a stiff equation would.
 */
public class FineStepLif implements NeuronModel<LifDelta.Params, LifDelta.State> {
    /** The largest step the model takes (ms). */
    static final double MAX_DT_MS = 0.05;

    @Override
    public String name() {
        return "fine_step_lif";
    }

    @Override
    public Class<LifDelta.Params> parametersType() {
        return LifDelta.MODEL.parametersType();
    }

    @Override
    public LifDelta.Params defaults() {
        return LifDelta.MODEL.defaults();
    }

    @Override
    public LifDelta.State newState(int size, LifDelta.Params params) {
        return LifDelta.MODEL.newState(size, params);
    }

    @Override
    public Kernel<LifDelta.State> prepare(LifDelta.Params params, TimeGrid grid) {
        if (grid.dtMs() > MAX_DT_MS) {
            throw new ParameterException(name(), "dt", "a time step of at most " + MAX_DT_MS + " ms", grid.dtMs());
        }
        return LifDelta.MODEL.prepare(params, grid);
    }
}
