package org.engram.experiments.run;

import java.util.ArrayList;
import java.util.List;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.config.ExperimentConfig.EncoderSpec;
import org.engram.experiments.config.ExperimentConfig.LearnerKind;
import org.engram.experiments.config.ExperimentConfig.LearnerSpec;
import org.engram.experiments.config.ExperimentConfig.NetworkSpec;
import org.engram.experiments.config.ExperimentConfig.TrainingSpec;
import org.engram.experiments.config.StrategyParams;
import org.engram.experiments.data.Dataset;
import org.engram.experiments.task.TaskSequence;
import org.engram.learning.continual.ContinualLearner;
import org.engram.learning.continual.ContinualStrategy;
import org.engram.learning.continual.ImportanceGating;
import org.engram.learning.continual.TaskData;
import org.engram.learning.encode.DirectCurrentEncoder;
import org.engram.learning.encode.EncodedInput;
import org.engram.learning.encode.Encoder;
import org.engram.learning.encode.LatencyEncoder;
import org.engram.learning.encode.RateEncoder;
import org.engram.learning.layered.HiddenLayer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.LayeredNetSpec;
import org.engram.learning.layered.ReadoutLayer;
import org.engram.learning.train.TrainerOptions;
import org.engram.learning.train.optim.LearningRateSchedule;
import org.engram.learning.train.optim.OptimizerSpec;
import org.engram.learning.unsupervised.DiehlCookLearner;
import org.engram.learning.unsupervised.DiehlCookParams;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;

/**
 * Builds the learner of each unit of an experiment, as {@code learner.kind} asks: a network trained
 * by BPTT, with its encoder and trainer settings, or the unsupervised Diehl and Cook network. The
 * readout's size comes from the experiment, which knows how the scenario labels the tasks.
 */
final class UnitLearners {
    private final Experiment experiment;
    private final ExperimentConfig config;

    /** @param experiment the prepared experiment whose units are built */
    UnitLearners(Experiment experiment) {
        this.experiment = experiment;
        this.config = experiment.config();
    }

    /**
     * The learner of one (strategy, seed) unit, as {@code learner.kind} asks.
     *
     * @param spec     the strategy
     * @param seed     the seed
     * @param sequence the seed's task sequence
     * @param tasks    its tasks, from {@link Experiment#tasks}
     * @return a fresh learner
     */
    UnitLearner learner(ExperimentConfig.StrategySpec spec, long seed, TaskSequence sequence, List<TaskData> tasks) {
        ContinualStrategy strategy = StrategyParams.create(spec);
        if (config.learner().kind() == LearnerKind.DIEHL_COOK) {
            return new DiehlCookUnit(new DiehlCookLearner(diehlCook(), sequence.features(), experiment.readoutClasses(),
                    config.learner().labelPerTask(), seed, config.threads(),
                    strategy instanceof ImportanceGating gating ? gating : null), tasks);
        }
        return new BpttUnit(new ContinualLearner(newNet(sequence.features(), seed), encoder(),
                options(seed, config.threads(), tasks), strategy, config.tasks().scenario()), tasks);
    }

    /**
     * Builds the network shape, encoder and trainer settings once without training, so that a value
     * the learning layer rejects fails before a run folder exists.
     *
     * @param where locates the keys in the config
     * @throws ConfigException naming the rejected value
     */
    void requireBuildable(StrategyParams.Locator where) {
        try {
            if (config.learner().kind() == LearnerKind.DIEHL_COOK) {
                diehlCook();   // its timing on the grid is checked with the config (CrossChecks)
                return;
            }
            Dataset train = experiment.train();   // null for generated data
            int features = train == null ? config.tasks().synthetic().inputs() : train.features();
            LayeredNet.requireFits(spec(features));
            encoder();
            EncodedInput.requireFits(config.encoder().steps(), features);
            options(config.seeds().get(0), config.threads(), List.of());
        } catch (ParameterException e) {
            String key = keyOf(e);
            if (key == null) {
                throw ConfigException.placed(e, "config", e.source() + ": " + e.location(), e.hint());
            }
            // The builder's own advice (a sparser rule) does not apply to layers connected all to all.
            String hint = e instanceof HeapLimitExceeded ? "smaller hidden layers, or "
                    + HeapLimitExceeded.MORE_HEAP : e.hint();
            throw ConfigException.placed(e, where.locate(key), key, hint);
        }
    }

    /** The config key a rejection of the learning layer is about, or {@code null} when none is known. */
    private static String keyOf(ParameterException e) {
        String at = e.location() == null ? "" : e.location();
        if (e.source().equals("encoder") && at.equals("steps")) {
            return "encoder.steps";
        }
        if (e.source().equals("layered network") && (at.startsWith("hidden") || at.equals("readout"))) {
            return "network.hidden";
        }
        // A weight matrix past an array or the heap (LayeredNet.requireFits): the layers are too large.
        if (e.source().startsWith("projection '") && at.equals("rule")) {
            return "network.hidden";
        }
        return null;
    }

    /**
     * A freshly initialised network.
     *
     * @param inputs features per sample
     * @param seed   the seed of the initial weights
     * @return the network
     */
    private LayeredNet newNet(int inputs, long seed) {
        return LayeredNet.create(spec(inputs), seed);
    }

    /** @return the default Diehl and Cook network with the configured size and presentation times */
    private DiehlCookParams diehlCook() {
        LearnerSpec l = config.learner();
        DiehlCookParams p = DiehlCookParams.defaults(l.neurons());
        DiehlCookParams.Presentation pr = p.presentation();
        return p.withPresentation(new DiehlCookParams.Presentation(l.presentMs(), l.restMs(), pr.maxRateHz(),
                pr.boostRateHz(), pr.minSpikes(), pr.maxBoosts()));
    }

    /**
     * The shape of the configured network.
     *
     * @param inputs features per sample
     * @return the spec, from {@code network} and the readout's size
     */
    LayeredNetSpec spec(int inputs) {
        NetworkSpec n = config.network();
        List<HiddenLayer> hidden = new ArrayList<>();
        for (int size : n.hidden()) {
            hidden.add(new HiddenLayer(size, n.neuron(), n.tauMs(), n.threshold(), n.reset(), n.tauAdaptMs(),
                    n.adaptation(), n.recurrent()));
        }
        ReadoutLayer readout = new ReadoutLayer(experiment.readoutClasses(), n.readout(), n.readoutTauMs(),
                n.threshold(), n.reset(), n.traceTauMs());
        return new LayeredNetSpec(inputs, hidden, readout, n.dtMs(), n.initGain());
    }

    /** @return the input encoder */
    private Encoder encoder() {
        EncoderSpec e = config.encoder();
        return switch (e.kind()) {
            case RATE -> RateEncoder.bernoulli(e.steps(), e.gain());
            case LATENCY -> new LatencyEncoder(e.steps(), e.cutoff());
            case DIRECT_CURRENT -> new DirectCurrentEncoder(e.steps(), e.gain());
        };
    }

    /**
     * The trainer settings of a seed.
     *
     * @param seed    the seed
     * @param threads worker threads
     * @param tasks   the tasks (the cosine schedule spans all their batches)
     * @return the settings
     */
    TrainerOptions options(long seed, int threads, List<TaskData> tasks) {
        TrainingSpec t = config.training();
        long batches = 0;
        for (TaskData task : tasks) {
            batches += (long) t.epochs() * TrainerOptions.batches(task.trainX().length, t.batchSize());
        }
        LearningRateSchedule schedule = switch (t.schedule()) {
            case CONSTANT -> LearningRateSchedule.constant(t.learningRate());
            case COSINE -> LearningRateSchedule.cosine(t.learningRate(), t.minLearningRate(), Math.max(1, batches));
        };
        OptimizerSpec optimizer = switch (t.optimizer()) {
            case ADAM -> OptimizerSpec.adam();
            case SGD -> OptimizerSpec.sgd(t.momentum());
        };
        return TrainerOptions.defaults()
                .withSurrogate(t.surrogate(), t.slope())
                .withDetachReset(t.detachReset())
                .withOptimizer(optimizer, schedule)
                .withRegularisation(t.weightDecay(), t.clipNorm())
                .withBatch(t.batchSize(), t.blockSize())
                .withThreads(threads)
                .withSeed(seed);
    }
}
