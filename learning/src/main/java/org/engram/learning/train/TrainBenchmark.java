package org.engram.learning.train;

import java.util.ArrayList;
import java.util.List;
import org.engram.learning.encode.DirectCurrentEncoder;
import org.engram.learning.encode.Encoder;
import org.engram.learning.encode.LatencyEncoder;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.io.WeightsDigest;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ReadoutLayer;
import org.engram.learning.train.optim.LearningRateSchedule;
import org.engram.learning.train.optim.OptimizerSpec;
import org.engram.simulator.ParameterException;

/**
 * The training workload behind {@code engram bench train}: trains a feed-forward LIF network on
 * given data, then measures test accuracy and inference speed. No file or console IO.
 */
public final class TrainBenchmark {

    /** The input coding of the benchmark. */
    public enum Encoding {
        /** Bernoulli rate coding with gain 1. */
        RATE,
        /** Latency coding with cutoff 0. */
        LATENCY,
        /** Direct current with gain 1. */
        DIRECT
    }

    /**
     * Benchmark settings. Every hidden layer is LIF with threshold 1 and reset by subtraction; the
     * surrogate is the fast sigmoid; the reset is not detached; Adam's learning rate falls from
     * {@code learningRate} to 0 along a cosine over all training steps.
     *
     * @param hidden       hidden layer sizes, input side first
     * @param steps        time steps per sample
     * @param batch        batch size
     * @param epochs       training epochs
     * @param encoding     input coding
     * @param readout      readout kind
     * @param threads      worker threads
     * @param seed         seed of weights, shuffling and encoding
     * @param learningRate initial Adam learning rate
     * @param tauMs        membrane time constant of every layer (ms), dt = 1 ms
     * @param slope        fast-sigmoid surrogate slope
     * @param blockSize    samples per gradient block
     */
    public record Options(List<Integer> hidden, int steps, int batch, int epochs, Encoding encoding, Readout readout,
                          int threads, long seed, double learningRate, double tauMs, double slope, int blockSize) {
        /**
         * Checks the counts; layer, encoder and trainer parameters are checked where they are used.
         *
         * @param hidden       hidden layer sizes, input side first
         * @param steps        time steps per sample
         * @param batch        batch size
         * @param epochs       training epochs
         * @param encoding     input coding
         * @param readout      readout kind
         * @param threads      worker threads
         * @param seed         seed of weights, shuffling and encoding
         * @param learningRate initial Adam learning rate
         * @param tauMs        membrane time constant of every layer (ms), dt = 1 ms
         * @param slope        fast-sigmoid surrogate slope
         * @param blockSize    samples per gradient block
         */
        public Options {
            hidden = List.copyOf(hidden);
            if (hidden.isEmpty()) {
                throw new ParameterException(NAME, "hidden", "at least one hidden layer size", hidden);
            }
            if (epochs < 1) {
                throw new ParameterException(NAME, "epochs", "an integer >= 1", epochs);
            }
            if (encoding == null || readout == null) {
                throw new ParameterException(NAME, encoding == null ? "encoding" : "readout", "a value", "null");
            }
        }

        /**
         * {@return 784-256-10 shape, T = 20, batch 128, 1 epoch, rate coding, mean-membrane readout,
         * 1 thread, seed 42, learning rate 2e-3, tau_m 10 ms, slope 10, blocks of 16}
         */
        public static Options defaults() {
            return new Options(List.of(256), 20, 128, 1, Encoding.RATE, Readout.MEAN_MEMBRANE, 1, 42, 2e-3, 10.0,
                    10.0, 16);
        }

        /**
         * {@return these options with another thread count}
         *
         * @param n threads
         */
        public Options withThreads(int n) {
            return new Options(hidden, steps, batch, epochs, encoding, readout, n, seed, learningRate, tauMs, slope,
                    blockSize);
        }

        /**
         * {@return these options with other hidden layers}
         *
         * @param sizes hidden sizes
         */
        public Options withHidden(List<Integer> sizes) {
            return new Options(sizes, steps, batch, epochs, encoding, readout, threads, seed, learningRate, tauMs,
                    slope, blockSize);
        }
    }

    /**
     * Benchmark figures.
     *
     * @param inputs                     input size (pixels per sample)
     * @param hidden                     hidden layer sizes
     * @param classes                    readout size: the classes given to {@link #run}
     * @param steps                      time steps
     * @param batch                      batch size
     * @param epochs                     epochs
     * @param threads                    threads
     * @param trainSamples               samples trained on (epochs times training set size)
     * @param trainSeconds               wall time of training
     * @param samplesPerSecond           training throughput
     * @param inferenceSamplesPerSecond  evaluation throughput on the test set
     * @param testAccuracy               fraction of test samples classified correctly
     * @param weightsHash                hex SHA-256 over all final weights' float bits (big-endian),
     *                                   matrices in network order
     */
    public record Result(int inputs, List<Integer> hidden, int classes, int steps, int batch, int epochs, int threads,
                         long trainSamples, double trainSeconds, double samplesPerSecond,
                         double inferenceSamplesPerSecond,
                         double testAccuracy, String weightsHash) {
    }

    private static final String NAME = "bench train";

    private TrainBenchmark() {
    }

    /**
     * Trains and evaluates.
     *
     * @param trainX training samples, values in [0, 1]
     * @param trainY  training labels in [0, classes)
     * @param testX   test samples
     * @param testY   test labels in [0, classes)
     * @param classes classes of the data, {@code >= 2}: one readout unit each, whichever of them the
     *                labels of these (perhaps limited) sets happen to hold
     * @param o       settings
     * @return the figures
     */
    public static Result run(float[][] trainX, int[] trainY, float[][] testX, int[] testY, int classes, Options o) {
        if (trainX.length == 0 || testX.length == 0) {
            throw new ParameterException(NAME, "data", "non-empty training and test sets",
                    trainX.length + " / " + testX.length);
        }
        if (classes < 2) {
            throw new ParameterException(NAME, "classes", "an integer >= 2", classes);
        }
        requireLabels("training label", trainY, classes);
        requireLabels("test label", testY, classes);
        List<HiddenLayer> hidden = new ArrayList<>();
        for (int size : o.hidden()) {
            hidden.add(HiddenLayer.lif(size, o.tauMs()));
        }
        LayeredNetSpec spec = LayeredNetSpec.of(trainX[0].length, hidden,
                ReadoutLayer.of(classes, o.readout(), o.tauMs()));
        LayeredNet net = LayeredNet.create(spec, o.seed());
        Encoder encoder = switch (o.encoding()) {
            case RATE -> RateEncoder.bernoulli(o.steps(), 1.0);
            case LATENCY -> new LatencyEncoder(o.steps(), 0.0);
            case DIRECT -> new DirectCurrentEncoder(o.steps(), 1.0);
        };
        long batchesPerEpoch = TrainerOptions.batches(trainX.length, o.batch());
        TrainerOptions options = TrainerOptions.defaults()
                .withSurrogate(Surrogate.FAST_SIGMOID, o.slope())
                .withDetachReset(false)
                .withOptimizer(OptimizerSpec.adam(),
                        LearningRateSchedule.cosine(o.learningRate(), 0, batchesPerEpoch * o.epochs()))
                .withBatch(o.batch(), o.blockSize())
                .withThreads(o.threads())
                .withSeed(o.seed());
        try (Trainer trainer = new Trainer(net, encoder, options)) {
            long start = System.nanoTime();
            for (int e = 0; e < o.epochs(); e++) {
                trainer.trainEpoch(trainX, trainY, e);
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            long inferStart = System.nanoTime();
            double accuracy = trainer.evaluate(testX, testY, null);
            double inferSeconds = (System.nanoTime() - inferStart) / 1e9;
            long samples = (long) trainX.length * o.epochs();
            return new Result(trainX[0].length, o.hidden(), classes, o.steps(), o.batch(), o.epochs(), o.threads(),
                    samples, trainSeconds, samples / trainSeconds, testX.length / inferSeconds, accuracy,
                    weightsHash(net));
        }
    }

    /** Refuses a label outside [0, classes), which no readout unit would stand for. */
    private static void requireLabels(String what, int[] labels, int classes) {
        for (int y : labels) {
            if (y < 0 || y >= classes) {
                throw new ParameterException(NAME, what, "a class index in [0, " + classes + ")", y);
            }
        }
    }

    /**
     * SHA-256 over every weight's float bits (big-endian), matrices in network order.
     *
     * @param net the network
     * @return the hash as lower-case hex
     */
    public static String weightsHash(LayeredNet net) {
        float[][] matrices = new float[net.matrixCount()][];
        for (int m = 0; m < matrices.length; m++) {
            matrices[m] = net.weights(m);
        }
        return WeightsDigest.of(matrices);
    }
}
