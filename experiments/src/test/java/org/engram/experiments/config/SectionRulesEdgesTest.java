package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Supplier;

import org.engram.experiments.config.ExperimentConfig.DataSpec;
import org.engram.experiments.config.ExperimentConfig.DatasetKind;
import org.engram.experiments.config.ExperimentConfig.EncoderKind;
import org.engram.experiments.config.ExperimentConfig.EncoderSpec;
import org.engram.experiments.config.ExperimentConfig.LearnerKind;
import org.engram.experiments.config.ExperimentConfig.LearnerSpec;
import org.engram.experiments.config.ExperimentConfig.StrategySpec;
import org.engram.experiments.config.ExperimentConfig.SyntheticSpec;
import org.engram.experiments.config.ExperimentConfig.TrainingSpec;
import org.engram.learning.unsupervised.DiehlCookParams;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

/**
 * Each rule of a config section at its edges, as the README's key table states it: the value on the edge is
 * taken, the nearest past it refused, naming the key.
 */
class SectionRulesEdgesTest {
    private static void refused(String key, Supplier<?> section) {
        ParameterException e = assertThrows(ParameterException.class, section::get);
        assertEquals(key, e.location(), e.getMessage());
    }

    /** A run config named x of the given keys (of the strategy naive unless they name strategies), else defaults. */
    private static ExperimentConfig loaded(String yaml) {
        String strategies = yaml.contains("strategies") ? "" : "strategies: [{name: naive}]\n";
        return ConfigLayers.resolve("name: x\n" + strategies + yaml, "c.yaml", List.of(), ConfigLayers.Flags.NONE)
                .config();
    }

    private static void refusedIn(String keyPath, String yaml) {
        EngramException e = assertThrows(EngramException.class, () -> loaded(yaml));
        assertEquals(keyPath, e.location(), e.getMessage());
    }

    /** data.classes: 2 to 256, labels being unsigned bytes. */
    @Test
    void dataTakesTwoTo256Classes() {
        assertEquals(2, new DataSpec(DatasetKind.FASHION_MNIST, null, false, 2).classes());
        assertEquals(256, new DataSpec(DatasetKind.FASHION_MNIST, null, false, 256).classes());
        refused("classes", () -> new DataSpec(DatasetKind.FASHION_MNIST, null, false, 1));
        refused("classes", () -> new DataSpec(DatasetKind.FASHION_MNIST, null, false, 257));
    }

    /** tasks.validation in [0, 1); tasks.synthetic.active_fraction in (0, 1] and counts of at least 1. */
    @Test
    void tasksTakeAValidationFractionBelowOneAndSyntheticFractionsUpToOne() {
        assertEquals(0.999, loaded("tasks: {validation: 0.999}\n").tasks().validation());
        refusedIn("tasks.validation", "tasks: {validation: 1}\n");
        assertEquals(1.0, new SyntheticSpec(1, 1, 1, 1.0, 0).activeFraction());
        refused("active_fraction", () -> new SyntheticSpec(1, 1, 1, 0, 0));
        refused("inputs", () -> new SyntheticSpec(0, 1, 1, 0.5, 0));
    }

    @Test
    void aHiddenLayerHoldsAtLeastOneNeuron() {
        assertEquals(1, loaded("network: {hidden: [1]}\n").network().hidden().get(0));
        refusedIn("network.hidden[0]", "network: {hidden: [0]}\n");
    }

    /** encoder.gain of rate coding in (0, 1]; encoder.cutoff in [0, 1). */
    @Test
    void theEncoderTakesAGainUpToOneAndACutoffFromZero() {
        assertEquals(1.0, new EncoderSpec(EncoderKind.RATE, 1, 1.0, 0).gain());
        refused("gain", () -> new EncoderSpec(EncoderKind.RATE, 1, 0, 0));
        assertEquals(0.0, new EncoderSpec(EncoderKind.LATENCY, 1, 1, 0).cutoff());
        refused("cutoff", () -> new EncoderSpec(EncoderKind.LATENCY, 1, 1, 1));
    }

    /** Training by sgd on a cosine schedule, which the minimum rate and momentum keys belong to. */
    private static final String SGD_COSINE = "training: {optimizer: sgd, schedule: cosine, ";

    /** training.min_learning_rate in [0, learning_rate]; training.momentum in [0, 1). */
    @Test
    void trainingTakesAMinimumRateUpToTheRateAndMomentumBelowOne() {
        TrainingSpec equal = loaded(SGD_COSINE + "learning_rate: 0.01, min_learning_rate: 0.01, momentum: 0}\n")
                .training();
        assertEquals(0.01, equal.minLearningRate());
        assertEquals(0.0, equal.momentum());
        assertEquals(0.0, loaded(SGD_COSINE + "min_learning_rate: 0}\n").training().minLearningRate());
        refusedIn("training.min_learning_rate", SGD_COSINE + "learning_rate: 0.01, min_learning_rate: 0.0100001}\n");
        refusedIn("training.min_learning_rate", SGD_COSINE + "min_learning_rate: -0.0001}\n");
        refusedIn("training.momentum", SGD_COSINE + "momentum: 1}\n");
        refusedIn("training.momentum", SGD_COSINE + "momentum: -0.1}\n");
    }

    /** learner.neurons in [1, MAX_NEURONS]; present_ms and rest_ms at most 10000; label_per_task from 0. */
    @Test
    void theLearnerTakesItsCountsAndTimesUpToTheirLimits() {
        int most = DiehlCookParams.MAX_NEURONS;
        LearnerSpec edges = new LearnerSpec(LearnerKind.DIEHL_COOK, most, 10_000, 10_000, 0);
        assertEquals(most, edges.neurons());
        assertEquals(1, new LearnerSpec(LearnerKind.DIEHL_COOK, 1, 350, 0, 0).neurons());
        refused("neurons", () -> new LearnerSpec(LearnerKind.DIEHL_COOK, 0, 350, 150, 0));
        refused("neurons", () -> new LearnerSpec(LearnerKind.DIEHL_COOK, most + 1, 350, 150, 0));
        refused("present_ms", () -> new LearnerSpec(LearnerKind.DIEHL_COOK, 1, 10_000.5, 150, 0));
        refused("rest_ms", () -> new LearnerSpec(LearnerKind.DIEHL_COOK, 1, 350, 10_000.5, 0));
        refused("label_per_task", () -> new LearnerSpec(LearnerKind.DIEHL_COOK, 1, 350, 150, -1));
    }

    /** A strategy without a label is labelled by its name; one without a name is refused for it alone. */
    @Test
    void aStrategyIsLabelledByItsNameUnlessItHasALabel() {
        assertEquals("naive", new StrategySpec("naive", null, null).label());
        assertEquals("mine", new StrategySpec("naive", "mine", null).label());
        refused("name", () -> new StrategySpec(null, null, null));
        refused("label", () -> new StrategySpec("naive", "bad label", null));
    }

    /**
     * A label of 'validation_' and another's is refused only while tasks.validation holds samples out, when
     * the other's validation heat map would take its file name; without validation the two figures never meet.
     */
    @Test
    void aValidationLikeLabelIsRefusedOnlyWithValidation() {
        String both = "strategies: [{name: naive}, {name: naive, label: validation_naive}]\n";
        ExperimentConfig without = loaded(both);
        assertEquals("validation_naive", without.strategies().get(1).label());
        refusedIn("strategies[1].label", both + "tasks: {validation: 0.2}\n");
    }
}
