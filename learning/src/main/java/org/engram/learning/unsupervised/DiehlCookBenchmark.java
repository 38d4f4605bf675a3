package org.engram.learning.unsupervised;

import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.EngineOptions;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;

/**
 * The Diehl and Cook (2015) workload: trains the network unsupervised on the first training
 * samples, labels its neurons with (frozen) responses to the first {@code labelSamples} training
 * samples, then classifies test samples by the labelled neurons' votes. No file or console IO.
 *
 * <pre>{@code
 * var options = DiehlCookBenchmark.Options.defaults(100, 1000, 1000, 1000, 2, 42);
 * DiehlCookBenchmark.Result r = DiehlCookBenchmark.run(trainX, trainY, testX, testY, 10, options);
 * System.out.println(r.testAccuracy() + " accuracy, " + r.secondsPerSample() + " s per training sample");
 * }</pre>
 *
 * <p>Results depend on the seed alone: the simulator's streams belong to neurons, plasticity runs
 * on one thread in canonical spike order, so any thread count gives the same weights and accuracy.
 */
public final class DiehlCookBenchmark {
    private static final String NAME = "diehl_cook";

    private DiehlCookBenchmark() {
    }

    /**
     * Benchmark settings.
     *
     * @param params       the network
     * @param trainSamples training samples shown once each, in order, {@code >= 0}
     * @param labelSamples training samples (from the first) whose responses label the neurons, {@code >= 1}
     * @param testSamples  test samples (from the first) classified, {@code >= 1}
     * @param threads      engine worker threads, {@code >= 1}
     * @param seed         seed of the initial weights and of every input spike train
     */
    public record Options(DiehlCookParams params, int trainSamples, int labelSamples, int testSamples, int threads,
                          long seed) {
        /**
         * Validates the counts.
         *
         * @param params       the network
         * @param trainSamples training samples shown once each, in order, {@code >= 0}
         * @param labelSamples training samples (from the first) whose responses label the neurons, {@code >= 1}
         * @param testSamples  test samples (from the first) classified, {@code >= 1}
         * @param threads      engine worker threads, {@code >= 1}
         * @param seed         seed of the initial weights and of every input spike train
         */
        public Options {
            if (params == null) {
                throw new ParameterException(NAME, "params", "network parameters", "null");
            }
            if (trainSamples < 0) {
                throw new ParameterException(NAME, "train_samples", "an integer >= 0", trainSamples);
            }
            if (labelSamples < 1) {
                throw new ParameterException(NAME, "label_samples", "an integer >= 1", labelSamples);
            }
            if (testSamples < 1) {
                throw new ParameterException(NAME, "test_samples", "an integer >= 1", testSamples);
            }
            EngineOptions.requireThreads(NAME, threads);
        }

        /**
         * Options for the default network ({@link DiehlCookParams#defaults(int)}) of a given size.
         *
         * @param neurons      excitatory neurons
         * @param trainSamples training samples
         * @param labelSamples labelling samples
         * @param testSamples  test samples
         * @param threads      worker threads
         * @param seed         seed
         * @return the options
         */
        public static Options defaults(int neurons, int trainSamples, int labelSamples, int testSamples, int threads,
                                       long seed) {
            return new Options(DiehlCookParams.defaults(neurons), trainSamples, labelSamples, testSamples, threads,
                    seed);
        }

        /**
         * Options for the paper's network ({@link DiehlCookParams#paper(int)}) of a given size.
         *
         * @param neurons      excitatory neurons
         * @param trainSamples training samples
         * @param labelSamples labelling samples
         * @param testSamples  test samples
         * @param threads      worker threads
         * @param seed         seed
         * @return the options
         */
        public static Options paper(int neurons, int trainSamples, int labelSamples, int testSamples, int threads,
                                    long seed) {
            return new Options(DiehlCookParams.paper(neurons), trainSamples, labelSamples, testSamples, threads, seed);
        }
    }

    /**
     * What a run measured.
     *
     * @param neurons              excitatory neurons
     * @param trainSamples         training samples shown
     * @param labelSamples         labelling samples shown
     * @param testSamples          test samples classified
     * @param trainSeconds         wall-clock time of training (s)
     * @param secondsPerSample     training time per sample (s)
     * @param evalSecondsPerSample labelling and test time per sample (s)
     * @param testAccuracy         fraction of test samples classified correctly
     * @param labelledNeurons      neurons that fired during labelling and so carry a label
     * @param boosts               presentations repeated at raised rates, over the whole run
     * @param threads              worker threads
     * @param seed                 the seed
     */
    public record Result(int neurons, int trainSamples, int labelSamples, int testSamples, double trainSeconds,
                         double secondsPerSample, double evalSecondsPerSample, double testAccuracy, int labelledNeurons,
                         int boosts, int threads, long seed) {
    }

    /** Weights and thresholds after training. */
    record Trained(float[] inputWeights, double[] thresholds, int boosts) {
    }

    /**
     * Trains, labels and tests.
     *
     * @param trainX training inputs, one row of intensities in [0, 1] per sample
     * @param trainY  training classes in [0, classes)
     * @param testX   test inputs, same row length
     * @param testY   test classes in [0, classes)
     * @param classes classes of the data, {@code >= 1}: the neurons vote for these, whichever of them
     *                the labelling and test samples happen to hold
     * @param o       the settings
     * @return the measurements
     */
    public static Result run(float[][] trainX, int[] trainY, float[][] testX, int[] testY, int classes, Options o) {
        if (classes < 1) {
            throw new ParameterException(NAME, "classes", "an integer >= 1", classes);
        }
        int needTrain = Math.max(o.trainSamples(), o.labelSamples());
        int inputs = checkData("train", trainX, trainY, needTrain, -1, classes);
        checkData("test", testX, testY, o.testSamples(), inputs, classes);

        long t0 = System.nanoTime();
        Trained trained = train(trainX, o.trainSamples(), inputs, o.params(), o.seed(), o.threads());
        double trainSeconds = (System.nanoTime() - t0) * 1e-9;

        long t1 = System.nanoTime();
        long evalSeed = RandomStreams.streamState(o.seed(), Purpose.ENCODING, 1);
        int correct;
        int labelled = 0;
        int boosts;
        try (DiehlCookNetwork net = new DiehlCookNetwork(o.params(), inputs, evalSeed,
                EngineOptions.grid(o.threads()), false, trained.inputWeights(), trained.thresholds())) {
            NeuronVotes votes = new NeuronVotes(classes, o.params().neurons());
            for (int s = 0; s < o.labelSamples(); s++) {
                votes.record(trainY[s], net.present(trainX[s]));
            }
            int[] labels = votes.labels();
            for (int label : labels) {
                labelled += label == NeuronVotes.UNLABELLED ? 0 : 1;
            }
            correct = 0;
            for (int s = 0; s < o.testSamples(); s++) {
                correct += NeuronVotes.classify(labels, classes, net.present(testX[s])) == testY[s] ? 1 : 0;
            }
            boosts = trained.boosts() + net.boosts();
        }
        double evalSeconds = (System.nanoTime() - t1) * 1e-9;
        return new Result(o.params().neurons(), o.trainSamples(), o.labelSamples(), o.testSamples(), trainSeconds,
                o.trainSamples() == 0 ? 0 : trainSeconds / o.trainSamples(),
                evalSeconds / (o.labelSamples() + o.testSamples()), (double) correct / o.testSamples(), labelled,
                boosts, o.threads(), o.seed());
    }

    /** Shows the first {@code samples} inputs once each to a learning network. */
    static Trained train(float[][] x, int samples, int inputs, DiehlCookParams params, long seed, int threads) {
        return train(x, samples, inputs, params, seed, EngineOptions.grid(threads));
    }

    /** Shows the first {@code samples} inputs once each to a learning network run with these options. */
    static Trained train(float[][] x, int samples, int inputs, DiehlCookParams params, long seed,
                         EngineOptions engineOptions) {
        try (DiehlCookNetwork net = new DiehlCookNetwork(params, inputs, seed, engineOptions, true, null, null)) {
            for (int s = 0; s < samples; s++) {
                net.present(x[s]);
            }
            return new Trained(net.inputWeights(), net.thresholds(), net.boosts());
        }
    }

    /** Checks shapes, intensities and labels of the first {@code samples} rows; returns the row length. */
    private static int checkData(String set, float[][] x, int[] y, int samples, int inputs, int classes) {
        if (x.length < samples || y.length < samples) {
            throw new ParameterException(NAME, set, "at least " + samples + " samples and labels",
                    x.length + " samples, " + y.length + " labels");
        }
        int width = inputs >= 0 ? inputs : x[0].length;   // samples >= 1: the options ask for labelling samples
        for (int s = 0; s < samples; s++) {
            if (x[s].length != width || width == 0) {
                throw new ParameterException(NAME, set + "[" + s + "]", "a non-empty row of " + width + " intensities",
                        x[s].length);
            }
            for (int i = 0; i < width; i++) {
                float v = x[s][i];
                if (!(v >= 0 && v <= 1)) {
                    throw new ParameterException(NAME, set + "[" + s + "][" + i + "]", "an intensity in [0, 1]", v);
                }
            }
            if (y[s] < 0 || y[s] >= classes) {
                throw new ParameterException(NAME, set + " label[" + s + "]", "a class in [0, " + classes + ")",
                        y[s]);
            }
        }
        return width;
    }
}
