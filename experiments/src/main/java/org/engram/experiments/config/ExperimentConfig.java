package org.engram.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.engram.experiments.metrics.Energy;
import org.engram.learning.continual.Scenario;
import org.engram.learning.layered.NeuronKind;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ResetMode;
import org.engram.learning.train.Surrogate;
import org.engram.learning.train.optim.OptimizerSpec;
import org.engram.learning.unsupervised.DiehlCookParams;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Problems;
import org.engram.simulator.engine.EngineOptions;

/**
 * A continual-learning experiment as written in YAML for {@code engram run}: which task sequence,
 * which network, how it is trained, which strategies are compared, over which seeds.
 *
 * <p>Every key is documented once, by its {@link Key} annotation, with its default; {@link ConfigLayers}
 * fills the defaults, so a record built by it is complete. The constructors check each value on
 * its own; checks across sections (a split that needs more classes than the dataset has) happen
 * when the experiment is built.
 *
 * @param name       experiment name
 * @param seeds      seeds
 * @param threads    worker threads
 * @param data       where the images come from
 * @param tasks      the task sequence and scenario
 * @param network    the spiking network
 * @param encoder    how images become input spikes
 * @param training   the trainer
 * @param learner    what learns: BPTT or the unsupervised Diehl and Cook network
 * @param strategies the strategies compared
 * @param energy     energy costs per operation
 */
public record ExperimentConfig(
        @Key(value = "experiment name; results go to <out>/<name>/<run-id>/", def = "experiment") String name,
        @Key(value = "seeds; every strategy runs once per seed (network, shuffling, encoding and permutations"
                + " follow the seed)", def = "[1]") List<Long> seeds,
        @Key(value = "worker threads of the trainer, 1 to 1024; results do not depend on it", def = "1") int threads,
        @Key("where the images come from") DataSpec data,
        @Key("the task sequence and the scenario") TasksSpec tasks,
        @Key("the spiking network (hidden LIF layers and a readout)") NetworkSpec network,
        @Key("how a sample becomes input over T time steps") EncoderSpec encoder,
        @Key("surrogate-gradient BPTT training") TrainingSpec training,
        @Key("what learns: the network above by BPTT, or the unsupervised STDP network of Diehl and Cook (2015)")
        LearnerSpec learner,
        @Key("the strategies compared, in order, each {name, label, params}; see engram list")
        List<StrategySpec> strategies,
        @Key("energy cost per operation, for the energy estimate") Energy energy) {

    /** What begins the name of a strategy's heat map. */
    private static final String HEAT_MAP = "accuracy_matrix_";
    /** What follows {@link #HEAT_MAP} in the name of a strategy's heat map of its validation samples. */
    private static final String VALIDATION_FIGURE = "validation_";

    /**
     * Checks the top-level values.
     *
     * @param name       experiment name
     * @param seeds      seeds
     * @param threads    worker threads
     * @param data       where the images come from
     * @param tasks      the task sequence and scenario
     * @param network    the spiking network
     * @param encoder    how images become input spikes
     * @param training   the trainer
     * @param learner    what learns: BPTT or the unsupervised Diehl and Cook network
     * @param strategies the strategies compared
     * @param energy     energy costs per operation
     */
    public ExperimentConfig {
        Problems p = new Problems("experiment");
        p.check(() -> requireName("", "name", name));
        if (p.require(seeds != null && !seeds.isEmpty(), "seeds", "a list of one or more seeds", seeds)) {
            p.require(new HashSet<>(seeds).size() == seeds.size(), "seeds", "distinct seeds", seeds);
        }
        p.check(() -> EngineOptions.requireThreads("experiment", threads));
        if (p.require(strategies != null && !strategies.isEmpty(), "strategies", "a list of one or more strategies",
                strategies)) {
            requireDistinctLabels(p, strategies.stream().map(StrategySpec::label).toList(),
                    strategies.stream().map(StrategySpec::name).toList(), tasks != null && tasks.validation() > 0);
        }
        p.throwIfAny();
        seeds = List.copyOf(seeds);
        strategies = List.copyOf(strategies);
    }

    /**
     * Refuses labels that would name two strategies' folders and files alike: labels equal once '+' is read as
     * '_' and capitals as small letters, and, where {@code tasks.validation} holds samples out, a label that is
     * {@code validation_} and another's label (the heat map of strategy x's validation samples, {@code
     * accuracy_matrix_validation_x}, would take the file name of validation_x's test heat map, {@code
     * accuracy_matrix_} and its label). A label that is its strategy's name is blamed on the name, which gave
     * it unless the label repeats it; the other strategy is named, its label maybe given by a --set.
     *
     * @param p          where the problems go
     * @param labels     each strategy's label, or null where its entry does not tell it (then it is left out)
     * @param names      each strategy's name, or null where not known
     * @param validation whether {@code tasks.validation} holds samples out
     */
    static void requireDistinctLabels(Problems p, List<String> labels, List<String> names, boolean validation) {
        Map<String, Integer> stems = new HashMap<>();
        Map<String, Integer> validationFigures = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i) != null) {
                validationFigures.putIfAbsent(validationHeatMapName(labels.get(i)).toLowerCase(Locale.ROOT), i);
            }
        }
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (label == null) {
                continue;
            }
            String key = "strategies[" + i + "]." + (label.equals(names.get(i)) ? "name" : "label");
            Integer first = stems.putIfAbsent(fileStem(label).toLowerCase(Locale.ROOT), i);
            p.require(first == null, key, "a label (else name) no other strategy has, also with '+' read as '_'"
                    + " and capitals as small letters, as file names are on some systems (set label: to tell two"
                    + " runs of one strategy apart)", first == null ? null
                    : label + " (strategies[" + first + "] has " + labels.get(first) + ")");
            Integer other = validation ? validationFigures.get(heatMapName(label).toLowerCase(Locale.ROOT)) : null;
            p.require(other == null, key, "a label (else name) other than '" + VALIDATION_FIGURE + "' and another"
                    + " strategy's while tasks.validation holds samples out: the heat map of the other's validation"
                    + " samples, plots/" + validationHeatMapName("<label>") + ", would have this one's file name",
                    other == null ? null : label + " (strategies[" + other + "] has " + labels.get(other) + ")");
        }
    }

    /**
     * The file name, without extension, of a strategy's heat map of its test accuracies.
     *
     * @param label the strategy's label
     * @return {@code accuracy_matrix_} and the label's {@link #fileStem file stem}
     */
    public static String heatMapName(String label) {
        return HEAT_MAP + fileStem(label);
    }

    /**
     * The file name, without extension, of a strategy's heat map of its validation accuracies: that of
     * {@link #heatMapName} for the label {@code validation_} and this one, which is why such labels are refused.
     *
     * @param label the strategy's label
     * @return {@code accuracy_matrix_validation_} and the label's {@link #fileStem file stem}
     */
    public static String validationHeatMapName(String label) {
        return heatMapName(VALIDATION_FIGURE + label);
    }

    /**
     * A strategy label as it appears in file and folder names: a chain's {@code '+'} becomes {@code '_'}.
     *
     * @param label a valid label
     * @return its file-name form
     */
    public static String fileStem(String label) {
        return label.replace('+', '_');
    }

    static void requireName(String section, String key, String value) {
        if (!PlainName.matches(value)) {
            throw new ParameterException(section, key, PlainName.RULE, PlainName.shown(value));
        }
    }

    /** The kinds of data set. */
    public enum DatasetKind {
        /** Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): 28 x 28 grey images of 10 kinds of clothing. */
        FASHION_MNIST,
        /** Seeded noisy binary patterns, generated (see {@code tasks.synthetic}). */
        SYNTHETIC
    }

    /**
     * Where the images come from.
     *
     * @param dataset the data set
     * @param path    folder with the four IDX files, or null to search
     * @param bundled whether to use the bundled subset regardless of what is installed
     * @param classes number of classes: labels lie in [0, classes)
     */
    public record DataSpec(
            @Key(value = "fashion_mnist, or synthetic (generated patterns, see tasks.synthetic)", def = "fashion_mnist")
            DatasetKind dataset,
            @Key(value = "folder with the Fashion-MNIST IDX files (a relative path is taken from the working"
                    + " directory, and the run's config.yaml keeps it absolute); null: $ENGRAM_DATA, then"
                    + " /usr/share/datasets/fashion-mnist, then the subset bundled in the jar", def = "null")
            String path,
            @Key(value = "use the subset bundled in the jar (3000 training, 1000 test images) even when the full"
                    + " data is installed: quick and the same on every machine", def = "false") boolean bundled,
            @Key(value = "number of classes of the IDX data, its largest training label + 1 (labels lie in"
                    + " [0, classes)), 2 to 256 (labels are bytes);"
                    + " 10 for Fashion-MNIST and MNIST, e.g. 47 for EMNIST balanced, 27 for EMNIST letters (labels 1 to"
                    + " 26: no sample of class 0, so tasks.groups leave it out)", def = "10") int classes) {
        /**
         * Checks the values and makes the path absolute, so the resolved config finds the data from anywhere.
         *
         * @param dataset the data set
         * @param path    folder with the four IDX files, or null to search
         * @param bundled whether to use the bundled subset regardless of what is installed
         * @param classes number of classes: labels lie in [0, classes)
         */
        public DataSpec {
            if (dataset == null) {
                throw new ParameterException("data", "dataset", "fashion_mnist or synthetic", "null");
            }
            if (classes < 2 || classes > 256) {
                throw new ParameterException("data", "classes", "a number of classes in [2, 256] (labels are unsigned"
                        + " bytes)", classes);
            }
            if (path != null && path.isBlank()) {
                // Path.of("") is the working folder: an empty value left by mistake would search there.
                throw new ParameterException("data", "path", "a folder path, or no key to search $ENGRAM_DATA and "
                        + "the system folder", ConfigException.EMPTY_TEXT);
            }
            if (path != null) {
                try {
                    path = Path.of(path).toAbsolutePath().normalize().toString();
                } catch (InvalidPathException e) {
                    throw new ParameterException("data", "path", "a folder path", path);
                }
            }
        }
    }

    /** The kinds of task sequence. */
    public enum SequenceKind {
        /** Each task holds a group of classes (Split Fashion-MNIST). */
        SPLIT,
        /** Each task shows all classes with its own pixel permutation (Permuted Fashion-MNIST). */
        PERMUTED,
        /** Each task shows all classes rotated by its own angle (Rotated Fashion-MNIST). */
        ROTATED,
        /** Each task holds its own classes of generated patterns. */
        SYNTHETIC
    }

    /**
     * The task sequence and scenario.
     *
     * @param sequence        the kind of sequence
     * @param scenario        the scenario
     * @param count           number of tasks
     * @param classesPerTask  classes per task (split, synthetic)
     * @param groups          explicit class groups (split), or null
     * @param firstUnpermuted whether task 0 of a permuted sequence shows the original images
     * @param anglesDeg       rotation angle per task (rotated), or null for evenly spaced
     * @param trainPerTask    training samples per task, 0 for all
     * @param testPerTask     test samples per task, 0 for all
     * @param validation      fraction of each class's training samples in a task held out for validation,
     *                        in [0, 1); 0 for none
     * @param synthetic       the generated patterns
     */
    public record TasksSpec(
            @Key(value = "split, permuted, rotated or synthetic", def = "split") SequenceKind sequence,
            @Key(value = "task_incremental (task identity given: one head per task), domain_incremental (one shared"
                    + " head; split labels become their position in the task) or class_incremental (all classes"
                    + " seen so far compete); permuted and rotated tasks get one head of all classes each in"
                    + " task_incremental and class_incremental", def = "task_incremental") Scenario scenario,
            @Key(value = "number of tasks", def = "5") int count,
            @Key(value = "split without groups, synthetic: classes per task; split groups are consecutive classes"
                    + " from 0, and classes past count x classes_per_task take no part (5 tasks of 5 on 26 classes"
                    + " leave class 25 out); a split or synthetic task (or group) needs 2 or more except in"
                    + " class_incremental learning, as"
                    + " a task of one class is always answered right", def = "2") int classesPerTask,
            @Key(value = "split: explicit class groups, e.g. [[0, 1], [2, 3]]; null: consecutive groups of"
                    + " classes_per_task; a domain_incremental label is the class's position in its group sorted"
                    + " ([7, 3]: 3 is label 0, 7 is label 1)", def = "null") List<List<Integer>> groups,
            @Key(value = "permuted: task 0 shows the original images", def = "false") boolean firstUnpermuted,
            @Key(value = "rotated: angle of each task (deg, counter-clockwise); null: t * 180 / count",
                    def = "null") List<Double> anglesDeg,
            @Key(value = "training samples per task (the first ones of the task, in file order; a limit whose first"
                    + " samples lack one of the task's classes, as in files sorted by class, is refused; a task"
                    + " holding fewer keeps all of its own, which engram run notes); 0: all",
                    def = "0") int trainPerTask,
            @Key(value = "test samples per task (the first ones of the task, chosen as train_per_task's); 0: all",
                    def = "0") int testPerTask,
            @Key(value = "fraction of each task's training samples (after train_per_task) held out for validation,"
                    + " in [0, 1): each class of a task gives round(validation x its samples), drawn by the seed and"
                    + " never trained on (a fraction that rounds to none of a class, or all, is refused); split and"
                    + " synthetic tasks draw per task, permuted and rotated ones (the same images) once for all;"
                    + " engram run then also evaluates every task's validation"
                    + " samples after every task (accuracy_matrix_validation.csv, metrics.json's validation): tune"
                    + " hyperparameters on them and report the test set; 0: none", def = "0") double validation,
            @Key("synthetic: the generated patterns") SyntheticSpec synthetic) {
        /**
         * Checks the values.
         *
         * @param sequence        the kind of sequence
         * @param scenario        the scenario
         * @param count           number of tasks
         * @param classesPerTask  classes per task (split, synthetic)
         * @param groups          explicit class groups (split), or null
         * @param firstUnpermuted whether task 0 of a permuted sequence shows the original images
         * @param anglesDeg       rotation angle per task (rotated), or null for evenly spaced
         * @param trainPerTask    training samples per task, 0 for all
         * @param testPerTask     test samples per task, 0 for all
         * @param validation      fraction of each class's training samples in a task held out for validation,
         *                        in [0, 1); 0 for none
         * @param synthetic       the generated patterns
         */
        public TasksSpec {
            Problems p = new Problems("tasks");
            p.require(sequence != null, "sequence", "a value", "null");
            p.require(scenario != null, "scenario", "a value", "null");
            p.atLeastOne("count", count);
            p.atLeastOne("classes_per_task", classesPerTask);
            p.inRange(trainPerTask >= 0, "train_per_task", "an integer >= 0 (0: all)", trainPerTask);
            p.inRange(testPerTask >= 0, "test_per_task", "an integer >= 0 (0: all)", testPerTask);
            p.inRange(validation >= 0 && validation < 1, "validation", "a fraction in [0, 1) (0: no validation)",
                    validation);
            if (groups != null) {
                groups = List.copyOf(groups.stream().map(List::copyOf).toList());
            }
            if (anglesDeg != null) {
                anglesDeg = List.copyOf(anglesDeg);
                for (int k = 0; k < anglesDeg.size(); k++) {
                    p.finite("angles_deg[" + k + "]", anglesDeg.get(k), "deg");
                }
            }
            p.throwIfAny();
        }
    }

    /**
     * Generated patterns: each class has a prototype of active inputs, samples add noise.
     *
     * @param inputs         inputs per sample
     * @param trainPerClass  training samples per class
     * @param testPerClass   test samples per class
     * @param activeFraction fraction of active inputs in a prototype
     * @param noise          standard deviation of the noise per input
     */
    public record SyntheticSpec(
            @Key(value = "inputs (features) per sample", def = "100") int inputs,
            @Key(value = "training samples per class", def = "50") int trainPerClass,
            @Key(value = "test samples per class", def = "20") int testPerClass,
            @Key(value = "fraction of inputs active in a class prototype, in (0, 1]", def = "0.2")
            double activeFraction,
            @Key(value = "standard deviation of the Gaussian noise per input (intensity)", def = "0.1") double noise) {
        /**
         * Checks the values.
         *
         * @param inputs         inputs per sample
         * @param trainPerClass  training samples per class
         * @param testPerClass   test samples per class
         * @param activeFraction fraction of active inputs in a prototype
         * @param noise          standard deviation of the noise per input
         */
        public SyntheticSpec {
            Problems p = new Problems("tasks.synthetic");
            p.atLeastOne("inputs", inputs);
            p.atLeastOne("train_per_class", trainPerClass);
            p.atLeastOne("test_per_class", testPerClass);
            p.inRange(activeFraction > 0 && activeFraction <= 1, "active_fraction", "a fraction in (0, 1]",
                    activeFraction);
            p.nonNegative("noise", noise, "intensity");
            p.throwIfAny();
        }
    }

    /**
     * The spiking network: hidden layers of (adaptive) LIF neurons and a readout with one neuron per class.
     *
     * @param hidden       hidden layer sizes
     * @param neuron       neuron model of the hidden layers
     * @param tauMs        membrane time constant (ms)
     * @param threshold    firing threshold
     * @param reset        reset mode
     * @param tauAdaptMs   adaptation time constant (ms)
     * @param adaptation   threshold increase per spike
     * @param recurrent    recurrent hidden layers
     * @param readout      readout kind
     * @param readoutTauMs readout membrane time constant (ms)
     * @param traceTauMs   exp_rate trace time constant (ms)
     * @param dtMs         time step (ms)
     * @param initGain     initial weight scale
     */
    public record NetworkSpec(
            @Key(value = "hidden layer sizes, input side first, e.g. [800, 800]", def = "[256]") List<Integer> hidden,
            @Key(value = "hidden neuron model: lif or adaptive_lif", def = "lif") NeuronKind neuron,
            @Key(value = "membrane time constant tau_m of hidden neurons (ms)", def = "10") double tauMs,
            @Key(value = "firing threshold (dimensionless; inputs add their weights)", def = "1") double threshold,
            @Key(value = "reset after a spike: subtract (keep the charge above threshold) or zero", def = "subtract")
            ResetMode reset,
            @Key(value = "adaptive_lif: adaptation time constant (ms)", def = "100") double tauAdaptMs,
            @Key(value = "adaptive_lif: threshold increase per spike", def = "0") double adaptation,
            @Key(value = "all-to-all recurrent connections in every hidden layer", def = "false") boolean recurrent,
            @Key(value = "how the readout becomes logits: mean_membrane, max_membrane, spike_count or exp_rate",
                    def = "mean_membrane") Readout readout,
            @Key(value = "membrane time constant of the readout neurons (ms)", def = "10") double readoutTauMs,
            @Key(value = "exp_rate readout: trace time constant (ms)", def = "10") double traceTauMs,
            @Key(value = "time step (ms)", def = "1") double dtMs,
            @Key(value = "initial weights are uniform in +-init_gain / sqrt(fan-in)", def = "1") double initGain) {
        /**
         * Checks the values.
         *
         * @param hidden       hidden layer sizes
         * @param neuron       neuron model of the hidden layers
         * @param tauMs        membrane time constant (ms)
         * @param threshold    firing threshold
         * @param reset        reset mode
         * @param tauAdaptMs   adaptation time constant (ms)
         * @param adaptation   threshold increase per spike
         * @param recurrent    recurrent hidden layers
         * @param readout      readout kind
         * @param readoutTauMs readout membrane time constant (ms)
         * @param traceTauMs   exp_rate trace time constant (ms)
         * @param dtMs         time step (ms)
         * @param initGain     initial weight scale
         */
        public NetworkSpec {
            Problems p = new Problems("network");
            if (p.require(hidden != null && !hidden.isEmpty(), "hidden", "a list of one or more layer sizes", hidden)) {
                for (int i = 0; i < hidden.size(); i++) {
                    p.inRange(hidden.get(i) != null && hidden.get(i) >= 1, "hidden[" + i + "]", "a layer size >= 1",
                            hidden.get(i));
                }
            }
            p.require(neuron != null, "neuron", "a value", "null");
            p.require(reset != null, "reset", "a value", "null");
            p.require(readout != null, "readout", "a value", "null");
            p.positive("tau_ms", tauMs, "ms");
            p.positive("threshold", threshold, "dimensionless");
            p.positive("tau_adapt_ms", tauAdaptMs, "ms");
            p.nonNegative("adaptation", adaptation, "dimensionless");
            p.positive("readout_tau_ms", readoutTauMs, "ms");
            p.positive("trace_tau_ms", traceTauMs, "ms");
            p.positive("dt_ms", dtMs, "ms");
            p.positive("init_gain", initGain, "dimensionless");
            p.throwIfAny();
            hidden = List.copyOf(hidden);
        }

        /**
         * {@return the weight matrices of this network as the learning layer builds it: one into each
         * hidden layer, one more in each recurrent layer, one into the readout}
         */
        public int weightMatrices() {
            return hidden.size() * (recurrent ? 2 : 1) + 1;
        }
    }

    /** The input codings. */
    public enum EncoderKind {
        /** Bernoulli rate coding: spike probability gain * x per step. */
        RATE,
        /** Time-to-first-spike coding: one spike, earlier for larger values. */
        LATENCY,
        /** The sample times gain is the input current of every step. */
        DIRECT_CURRENT
    }

    /**
     * How a sample becomes input over T steps.
     *
     * @param kind   the coding
     * @param steps  time steps T
     * @param gain   rate: probability of a value of 1; direct current: current of a value of 1
     * @param cutoff latency: values at or below it never spike
     */
    public record EncoderSpec(
            @Key(value = "rate, latency or direct_current", def = "rate") EncoderKind kind,
            @Key(value = "time steps T per sample", def = "20") int steps,
            @Key(value = "rate: spike probability per step of a value of 1, in (0, 1]; direct_current: input"
                    + " current of a value of 1 (threshold units)", def = "1") double gain,
            @Key(value = "latency: values <= cutoff never spike, in [0, 1)", def = "0") double cutoff) {
        /**
         * Checks the values.
         *
         * @param kind   the coding
         * @param steps  time steps T
         * @param gain   rate: probability of a value of 1; direct current: current of a value of 1
         * @param cutoff latency: values at or below it never spike
         */
        public EncoderSpec {
            Problems p = new Problems("encoder");
            p.require(kind != null, "kind", "rate, latency or direct_current", "null");
            p.atLeastOne("steps", steps);
            if (p.finite("gain", gain, "dimensionless") && kind == EncoderKind.RATE) {
                p.inRange(gain > 0 && gain <= 1, "gain", "a spike probability in (0, 1] for rate coding", gain);
            }
            p.inRange(cutoff >= 0 && cutoff < 1, "cutoff", "a value in [0, 1)", cutoff);
            p.throwIfAny();
        }
    }

    /** Learning-rate schedules. */
    public enum ScheduleKind {
        /** The same rate at every step. */
        CONSTANT,
        /** Cosine decay from learning_rate to min_learning_rate over the whole task sequence. */
        COSINE
    }

    /**
     * Surrogate-gradient BPTT training.
     *
     * @param epochs             epochs per task
     * @param batchSize          samples per batch
     * @param blockSize          samples per gradient block
     * @param optimizer          optimiser
     * @param learningRate       learning rate
     * @param minLearningRate    final rate of the cosine schedule
     * @param schedule           schedule
     * @param momentum           SGD momentum
     * @param surrogate          surrogate derivative
     * @param slope              surrogate slope
     * @param detachReset        whether the reset is detached from the gradient
     * @param weightDecay        L2 coefficient
     * @param clipNorm           gradient clipping norm
     * @param evaluateEveryEpoch whether every task is evaluated after every epoch
     */
    public record TrainingSpec(
            @Key(value = "epochs per task", def = "1") int epochs,
            @Key(value = "samples per batch", def = "64") int batchSize,
            @Key(value = "samples per gradient block: the unit of parallel work; results depend on it, never on"
                    + " threads", def = "16") int blockSize,
            @Key(value = "adam or sgd", def = "adam") OptimizerSpec.Kind optimizer,
            @Key(value = "learning rate (initial rate of a schedule)", def = "0.001") double learningRate,
            @Key(value = "cosine schedule: final learning rate", def = "0") double minLearningRate,
            @Key(value = "constant, or cosine (decay over all batches of the whole sequence)", def = "constant")
            ScheduleKind schedule,
            @Key(value = "sgd: momentum in [0, 1)", def = "0.9") double momentum,
            @Key(value = "surrogate derivative of the spike: fast_sigmoid, arctan or triangle", def = "fast_sigmoid")
            Surrogate surrogate,
            @Key(value = "surrogate slope (1/threshold)", def = "10") double slope,
            @Key(value = "treat the reset as a constant in the backward pass", def = "false") boolean detachReset,
            @Key(value = "L2 weight decay added to the gradient", def = "0") double weightDecay,
            @Key(value = "largest global gradient norm; 0: no clipping", def = "0") double clipNorm,
            @Key(value = "also evaluate every task after every epoch (epoch_accuracy.csv; with tasks.validation,"
                    + " every task's validation samples too: epoch_accuracy_validation.csv; not counted in the"
                    + " activity and energy totals)", def = "false")
            boolean evaluateEveryEpoch) {
        /**
         * Checks the values.
         *
         * @param epochs             epochs per task
         * @param batchSize          samples per batch
         * @param blockSize          samples per gradient block
         * @param optimizer          optimiser
         * @param learningRate       learning rate
         * @param minLearningRate    final rate of the cosine schedule
         * @param schedule           schedule
         * @param momentum           SGD momentum
         * @param surrogate          surrogate derivative
         * @param slope              surrogate slope
         * @param detachReset        whether the reset is detached from the gradient
         * @param weightDecay        L2 coefficient
         * @param clipNorm           gradient clipping norm
         * @param evaluateEveryEpoch whether every task is evaluated after every epoch
         */
        public TrainingSpec {
            Problems p = new Problems("training");
            p.atLeastOne("epochs", epochs);
            p.atLeastOne("batch_size", batchSize);
            p.atLeastOne("block_size", blockSize);
            p.require(optimizer != null, "optimizer", "a value", "null");
            p.require(schedule != null, "schedule", "a value", "null");
            p.require(surrogate != null, "surrogate", "a value", "null");
            if (p.positive("learning_rate", learningRate, "dimensionless")) {
                p.require(minLearningRate >= 0 && minLearningRate <= learningRate, "min_learning_rate",
                        "a rate in [0, learning_rate = " + learningRate + "]", minLearningRate);
            }
            p.inRange(momentum >= 0 && momentum < 1, "momentum", "a number in [0, 1)", momentum);
            p.positive("slope", slope, "1/threshold");
            p.nonNegative("weight_decay", weightDecay, "dimensionless");
            p.nonNegative("clip_norm", clipNorm, "dimensionless");
            p.throwIfAny();
        }
    }

    /** The learners. */
    public enum LearnerKind {
        /** Surrogate-gradient BPTT of {@code network}, with {@code encoder} and {@code training}. */
        BPTT,
        /** The unsupervised STDP network of Diehl and Cook (2015), labelled and voting after each task. */
        DIEHL_COOK
    }

    /**
     * What learns. The Diehl and Cook network has no readout: after each task its neurons are
     * labelled with the first {@code labelPerTask} training samples of every task seen so far and
     * vote on every test sample, so it runs class-incremental only, with the strategies
     * {@code naive} (plain STDP) and {@code importance_gating} (STDP gated per synapse).
     *
     * @param kind         bptt or diehl_cook
     * @param neurons      diehl_cook: excitatory (and inhibitory) neurons
     * @param presentMs    diehl_cook: presentation time per sample (ms)
     * @param restMs       diehl_cook: rest after each sample (ms)
     * @param labelPerTask diehl_cook: labelling samples per seen task, 0 for all
     */
    public record LearnerSpec(
            @Key(value = "bptt (network, encoder and training keys) or diehl_cook (unsupervised STDP network of"
                    + " Diehl and Cook 2015: learner.* keys, tasks.train_per_task, and training.epochs as passes"
                    + " over each task; class_incremental only; strategies naive or importance_gating)",
                    def = "bptt") LearnerKind kind,
            @Key(value = "diehl_cook: excitatory (and inhibitory) neurons", def = "100") int neurons,
            @Key(value = "diehl_cook: presentation time of a sample (ms, a multiple of 0.5, at most 10000)",
                    def = "350") double presentMs,
            @Key(value = "diehl_cook: rest after each sample (ms, a multiple of 0.5, at most 10000)", def = "150")
            double restMs,
            @Key(value = "diehl_cook: training samples of every task seen so far (the first ones, less those"
                    + " tasks.validation holds out) that label the neurons after each task; 0: all", def = "100")
            int labelPerTask) {
        /** The longest presentation or rest of one sample (ms). */
        static final double MAX_SAMPLE_MS = 10_000;

        /**
         * Checks the values.
         *
         * @param kind         bptt or diehl_cook
         * @param neurons      diehl_cook: excitatory (and inhibitory) neurons
         * @param presentMs    diehl_cook: presentation time per sample (ms)
         * @param restMs       diehl_cook: rest after each sample (ms)
         * @param labelPerTask diehl_cook: labelling samples per seen task, 0 for all
         */
        public LearnerSpec {
            Problems p = new Problems("learner");
            p.require(kind != null, "kind", "bptt or diehl_cook", "null");
            p.inRange(neurons >= 1 && neurons <= DiehlCookParams.MAX_NEURONS, "neurons", DiehlCookParams.NEURONS_RULE,
                    neurons);
            p.positive("present_ms", presentMs, "ms");
            p.nonNegative("rest_ms", restMs, "ms");
            // Each sample is simulated for present_ms + rest_ms: a typo of 1e9 ran for days, silently.
            p.inRange(!(presentMs > MAX_SAMPLE_MS), "present_ms", "at most " + (long) MAX_SAMPLE_MS + " ms of"
                    + " simulated time per sample (the paper shows each for 350)", presentMs);
            p.inRange(!(restMs > MAX_SAMPLE_MS), "rest_ms", "at most " + (long) MAX_SAMPLE_MS + " ms of simulated"
                    + " time per sample (the paper rests 150)", restMs);
            p.inRange(labelPerTask >= 0, "label_per_task", "an integer >= 0 (0: all)", labelPerTask);
            p.throwIfAny();
        }
    }

    /**
     * One strategy of the comparison.
     *
     * @param name   registry name, or names joined by '+' for a chain
     * @param label  name in tables, plots and folders
     * @param params hyperparameters
     */
    public record StrategySpec(
            @Key(value = "strategy name from engram list, or several joined by '+' (a chain, e.g. replay+ewc; "
                    + "projections such as gpm after update scalers such as metaplasticity)")
            @JsonDeserialize(using = RegisteredName.class) String name,
            @Key(value = "name in tables, plots and folders; null: the name", def = "null") String label,
            @Key(value = "hyperparameters; omitted ones take the strategy's defaults (engram list); a chain takes"
                    + " one mapping per member, e.g. {ewc: {lambda: 10}}", def = "{}") JsonNode params) {
        /**
         * Checks the name and fills the label.
         *
         * @param name   registry name, or names joined by '+' for a chain
         * @param label  name in tables, plots and folders
         * @param params hyperparameters
         */
        public StrategySpec {
            Problems p = new Problems("strategy");
            boolean named = p.require(name != null && !name.isBlank(), "name", "a strategy name (see engram list)",
                    name);
            if (label != null || named) {
                // A label taken from the name is the name's fault: the entry has no label key to change.
                boolean given = label != null;
                label = given ? label : name;
                String rule = " of at most " + PlainName.MAX_LENGTH + " ASCII letters, digits, '.', '_', '-' or '+'"
                        + " starting with a letter or digit";
                p.require(PlainName.matches(fileStem(label)), given ? "label" : "name", given ? "a name" + rule
                        : "a strategy name" + rule + " (it is the label, which names files)",
                        label.isEmpty() ? "an empty label" : PlainName.shown(label));
            }
            params = params == null || params.isNull() ? JsonNodeFactory.instance.objectNode() : params;
            p.require(params.isObject(), "params", "a mapping of hyperparameters", params);
            p.throwIfAny();
        }
    }
}
