package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.experiments.config.ConfigLayers;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.task.TaskSequence;
import org.engram.learning.continual.TaskData;
import org.engram.learning.train.optim.LearningRateSchedule;
import org.junit.jupiter.api.Test;

/**
 * A cosine schedule decays from {@code learning_rate} to {@code min_learning_rate} over every batch of the
 * whole task sequence, as the README says: not over one task, nor one epoch.
 */
class CosineScheduleSpanTest {
    /** Three synthetic tasks of two classes, 5 training samples each: 10 a task, in batches of 4. */
    private static final String CONFIG = "seeds: [2]\ndata: {dataset: synthetic}\n"
            + "tasks: {sequence: synthetic, count: 3, synthetic: {inputs: 6, train_per_class: 5, test_per_class: 2}}\n"
            + "network: {hidden: [3]}\nencoder: {steps: 2}\n"
            + "training: {epochs: 2, batch_size: 4, schedule: cosine, learning_rate: 0.01, min_learning_rate: 0.002}\n"
            + "strategies: [{name: naive}]\n";

    @Test
    void theRateReachesItsMinimumAtTheLastBatchOfTheLastTask() {
        ExperimentConfig config = ConfigLayers.resolve(CONFIG, "c.yaml", List.of(), ConfigLayers.Flags.NONE).config();
        Experiment experiment = Experiment.prepare(config);
        TaskSequence sequence = experiment.sequence(2);
        List<TaskData> tasks = experiment.tasks(sequence, 2).learning();
        assertEquals(3, tasks.size());
        tasks.forEach(t -> assertEquals(10, t.trainX().length, "two classes of 5 samples"));
        // Each epoch of a task: 10 samples in batches of 4 is 3 batches (4 + 4 + 2); 3 tasks x 2 epochs x 3 = 18.
        LearningRateSchedule schedule = new UnitLearners(experiment).options(2, 1, tasks).schedule();
        assertEquals(0.01, schedule.rate(0), 1e-15);
        // Half way, cos(pi / 2) = 0: the mean of the two rates.
        assertEquals(0.006, schedule.rate(9), 1e-15);
        assertTrue(schedule.rate(17) > 0.002 + 1e-6, "the last batch still decays: " + schedule.rate(17));
        assertEquals(0.002, schedule.rate(18), 1e-15);
        assertEquals(0.002, schedule.rate(40), 1e-15, "constant after the sequence");
    }
}
