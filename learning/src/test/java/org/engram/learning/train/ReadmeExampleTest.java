package org.engram.learning.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.io.ModelFile;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ReadoutLayer;
import org.engram.learning.train.optim.LearningRateSchedule;
import org.engram.learning.train.optim.OptimizerSpec;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training snippet of the README, run on random data of Fashion-MNIST's shape. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void readmeTrainingSnippetTrainsSavesAndReloadsTheSameWeights() {
        SplitMixRandom rng = new SplitMixRandom(3);
        float[][] trainX = new float[64][784];
        int[] trainY = new int[64];
        for (int s = 0; s < trainX.length; s++) {
            for (int i = 0; i < 784; i++) {
                trainX[s][i] = rng.nextFloat();
            }
            trainY[s] = s % 10;
        }
        float[][] testX = java.util.Arrays.copyOf(trainX, 16);
        int[] testY = java.util.Arrays.copyOf(trainY, 16);
        Path file = dir.resolve("fmnist.engram");

        // --- README snippet begins ---
        LayeredNet net = LayeredNet.create(LayeredNetSpec.of(784,
                List.of(HiddenLayer.lif(256, 10.0)),
                ReadoutLayer.of(10, Readout.MEAN_MEMBRANE, 10.0)), 42);
        TrainerOptions options = TrainerOptions.defaults()
                .withOptimizer(OptimizerSpec.adam(), LearningRateSchedule.cosine(2e-3, 0, 469))
                .withThreads(2)
                .withSeed(42);
        double accuracy;
        try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(20, 1.0), options)) {
            EpochResult epoch = trainer.trainEpoch(trainX, trainY, 0);
            accuracy = trainer.evaluate(testX, testY, null);
        }
        ModelFile.save(net, file);
        // --- README snippet ends ---

        assertTrue(accuracy >= 0 && accuracy <= 1);
        assertEquals(TrainBenchmark.weightsHash(net), TrainBenchmark.weightsHash(ModelFile.load(file)));
    }
}
