package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.engram.experiments.config.ConfigLoader;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.NeuronModels;
import org.engram.simulator.model.ParameterRecords;
import org.junit.jupiter.api.Test;

/**
 * A parameter has one name whether a config or Java code changes it: configs read a model's
 * record through Jackson's snake_case naming, and {@code NeuronModel.defaultsWith} through the
 * simulator's own (the simulator does not depend on Jackson), so the two are compared here for
 * every model the simulator has.
 */
class ParameterNamesTest {
    @Test
    void everyBuiltInModelsParametersAreNamedAlikeInConfigsAndInJava() {
        for (NeuronModel<?, ?> model : NeuronModels.all()) {
            List<String> inConfigs = new ArrayList<>();
            ConfigLoader.componentsOf(model.defaults()).fieldNames().forEachRemaining(inConfigs::add);
            assertEquals(inConfigs, ParameterRecords.names(model.parametersType()), model.name());
        }
    }
}
