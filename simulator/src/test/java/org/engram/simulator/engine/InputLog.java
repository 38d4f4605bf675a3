package org.engram.simulator.engine;

import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.InputView;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.model.SpikeSink;

/** A test model that never spikes and logs the summed input it receives at every step. */
final class InputLog implements NeuronModel<InputLog.Params, InputLog.State> {
    static final InputLog MODEL = new InputLog();

    record Params(int steps) {
    }

    static final class State extends NeuronState {
        /** {@code excitatory[step][neuron]} and {@code inhibitory[step][neuron]}: input delivered for the step. */
        final double[][] excitatory;
        final double[][] inhibitory;
        final double[][] current;

        State(int size, int steps) {
            super(size);
            variable("dummy", "1");
            excitatory = new double[steps][size];
            inhibitory = new double[steps][size];
            current = new double[steps][size];
        }
    }

    @Override
    public String name() {
        return "input_log";
    }

    @Override
    public Class<Params> parametersType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return new Params(100);
    }

    @Override
    public State newState(int size, Params params) {
        return new State(size, params.steps());
    }

    @Override
    public Kernel<State> prepare(Params params, TimeGrid grid) {
        return (State s, int lo, int hi, int from, int to, InputView in, SpikeSink out) -> {
            for (int step = from; step < to; step++) {
                int row = in.row(step);
                for (int i = lo; i < hi; i++) {
                    s.excitatory[step][i] += in.excitatory(row, i);
                    s.inhibitory[step][i] += in.inhibitory(row, i);
                    s.current[step][i] += in.current(row, i);
                }
            }
        };
    }
}
