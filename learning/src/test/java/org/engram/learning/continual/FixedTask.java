package org.engram.learning.continual;

import java.util.List;

/** A task context made of given parts. */
record FixedTask(int taskIndex, Scenario scenario, long seed, ModelView model, GradientOracle oracle,
        List<SampleSet> data) implements TaskContext {
    @Override
    public SampleSet trainData(int task) {
        return data.get(task);
    }
}
