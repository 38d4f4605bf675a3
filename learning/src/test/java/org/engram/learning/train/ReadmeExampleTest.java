package org.engram.learning.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
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

/**
 * The training example of the README, run on random data of Fashion-MNIST's shape (it writes its
 * model file into the working folder, as the README's does, and the test removes it), and the text
 * the README shows.
 */
class ReadmeExampleTest {
    @Test
    void readmeTrainingSnippetTrainsSavesAndReloadsTheSameWeights() throws IOException {
        SplitMixRandom rng = new SplitMixRandom(3);
        float[][] trainX = new float[64][784];
        int[] trainY = new int[64];
        for (int s = 0; s < trainX.length; s++) {
            for (int i = 0; i < 784; i++) {
                trainX[s][i] = rng.nextFloat();
            }
            trainY[s] = s % 10;
        }
        // The README's example writes its model file into the working folder; never over one there.
        assertFalse(Files.exists(Path.of("fmnist.engram")), "a file learning/fmnist.engram is in the way");
        float[][] testX = java.util.Arrays.copyOf(trainX, 16);
        int[] testY = java.util.Arrays.copyOf(trainY, 16);

        // README:training-example
        LayeredNet net = LayeredNet.create(LayeredNetSpec.of(784, List.of(HiddenLayer.lif(256, 10.0)),
                ReadoutLayer.of(10, Readout.MEAN_MEMBRANE, 10.0)), 42);
        TrainerOptions options = TrainerOptions.defaults()   // 469 = ceil(60,000 / 128): an epoch's steps
                .withOptimizer(OptimizerSpec.adam(), LearningRateSchedule.cosine(2e-3, 0, 469))
                .withThreads(2).withSeed(42);
        try (Trainer trainer = new Trainer(net, RateEncoder.bernoulli(20, 1.0), options)) {
            trainer.trainEpoch(trainX, trainY, 0);
            double accuracy = trainer.evaluate(testX, testY, null);   // 85.5% on Fashion-MNIST
        }
        ModelFile.save(net, Path.of("fmnist.engram"));   // ModelFile.load gives the same weights back
        // README:end

        Path file = Path.of("fmnist.engram");
        try {
            assertEquals(TrainBenchmark.weightsHash(net), TrainBenchmark.weightsHash(ModelFile.load(file)));
            LayeredNet untrained = LayeredNet.create(LayeredNetSpec.of(784, List.of(HiddenLayer.lif(256, 10.0)),
                    ReadoutLayer.of(10, Readout.MEAN_MEMBRANE, 10.0)), 42);
            assertNotEquals(TrainBenchmark.weightsHash(untrained), TrainBenchmark.weightsHash(net),
                    "the epoch trained");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void readmeShowsThisExample() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/engram/learning/train/ReadmeExampleTest.java"));
        String marker = "// README:training-example\n";
        int from = source.indexOf(marker) + marker.length();
        int to = source.indexOf("        // README:end");
        String snippet = source.substring(from, to).stripTrailing().stripIndent().strip();
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains(snippet), "README.md must contain the training example verbatim:\n" + snippet);
    }
}
