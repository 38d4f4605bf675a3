package org.engram.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.config.StrategyParams;
import org.engram.learning.continual.Agem;
import org.engram.learning.continual.Der;
import org.engram.learning.continual.ErAce;
import org.engram.learning.continual.Gem;
import org.engram.learning.continual.Gpm;
import org.engram.learning.continual.Hlop;
import org.engram.learning.continual.ImportanceGating;
import org.engram.learning.continual.Joint;
import org.engram.learning.continual.L2Anchor;
import org.engram.learning.continual.Lwf;
import org.engram.learning.continual.Mas;
import org.engram.learning.continual.Metaplasticity;
import org.engram.learning.continual.Naive;
import org.engram.learning.continual.Replay;
import org.engram.learning.continual.SynapticIntelligence;

/**
 * The heap one unit (a strategy on a seed) holds at its peak, estimated from the config before anything
 * is built, so that units that cannot train side by side are refused before a run starts.
 *
 * <p>A unit holds four things of its own, each counted here from the sizes that set it:
 * <ul>
 *   <li>its tasks' samples: one array of 4-byte features per sample, with the array's header and
 *       padding, its reference and its label (rotated and synthetic tasks also keep the sequence
 *       they were taken from, a flat copy of 4 bytes per feature);</li>
 *   <li>its network and trainer, so many bytes per weight ({@link #trainingBytesPerWeight}), and
 *       each worker's forward and backward buffers, of time steps x neurons and time steps x
 *       inputs;</li>
 *   <li>its strategy's state ({@link #strategyState}): weight-shaped arrays (EWC's Fisher and
 *       anchors, SI's path integrals), subspace bases (GPM, HLOP: at most a layer's inputs
 *       squared), or stored samples (replay, GEM), with what the strategy makes for a while at a
 *       task's end (a Fisher estimate, an SVD);</li>
 *   <li>the checkpoint written after each task, made in memory before it goes to disk.</li>
 * </ul>
 * The run itself holds the data it read, once for all units, and the program's own classes and
 * configuration ({@link #PROGRAM_BYTES}). Measured under ever smaller {@code -Xmx} (the launcher's
 * parallel collector, one unit trained to its last task), the quick start's units of naive, EWC,
 * SI, GPM, HLOP, replay and GEM needed from {@code -Xmx83m} (HLOP) to {@code -Xmx167m} (EWC), and
 * two naive units side by side {@code -Xmx92m}; what this counts, with the run's data, is from 73
 * to 122 MB, and the check asks for a heap of which {@link #HEAP_SHARE} holds it, 110 to 183 MB.
 */
final class UnitFootprint {
    /**
     * What the program holds besides the data and the units: classes, the configuration, the log
     * (6 to 10 MB live in a heap histogram while a unit trains), with room for the collector to work.
     */
    static final double PROGRAM_BYTES = 16e6;

    /**
     * The share of the heap the units and the run's data may fill. The parallel collector (the
     * launcher's) keeps what lives long, and arrays too large for its young generation, in its old
     * generation, two thirds of the heap by default ({@code NewRatio=2}); G1 puts each array of more
     * than half a region in whole regions of its own. A unit whose large arrays come and go (EWC's
     * checkpoints) needs more heap than it holds: EWC's unit of the quick start counts 122 MB with
     * the run's data, held at most 90 MB after a collection, and needed {@code -Xmx167m}.
     */
    static final double HEAP_SHARE = 2.0 / 3;

    /**
     * The JVM's object alignment: 8 bytes unless set ({@code -XX:ObjectAlignmentInBytes}, 64 in the
     * launcher), which pads every sample's array.
     */
    private static final long OBJECT_ALIGNMENT = objectAlignment();

    /** What one unit holds at its peak, in bytes, by kind. */
    record Bytes(double samples, double training, double strategy) {
        /** @return all of it */
        double total() {
            return samples + training + strategy;
        }
    }

    /**
     * The sizes a unit's memory follows, as the config sets them.
     *
     * @param features      inputs per sample
     * @param sampleRows    samples a unit keeps as rows of features, all tasks together
     * @param flatSamples   samples of the unit's own task sequence kept as one flat copy (rotated, synthetic)
     * @param tasks         the tasks
     * @param trainPerTask  the most training samples of one task
     * @param matrices      each weight matrix's presynaptic and postsynaptic size
     * @param neurons       the neurons of each layer a worker steps (hidden layers and readout)
     * @param readout       readout units
     * @param steps         time steps per sample
     * @param batch         samples per batch
     * @param blockSize     samples per gradient block
     * @param workers       worker threads of a unit
     * @param optimizerBytes bytes of optimizer state per weight (Adam's two moments, SGD's velocity)
     */
    record Shape(int features, double sampleRows, double flatSamples, int tasks, double trainPerTask,
                 List<int[]> matrices, int[] neurons, int readout, int steps, int batch, int blockSize, int workers,
                 int optimizerBytes) {
        /** @return the weights of all matrices */
        double weights() {
            double w = 0;
            for (int[] m : matrices) {
                w += (double) m[0] * m[1];
            }
            return w;
        }
    }

    private final Shape shape;
    private final double weights;
    private final double rowBytes;

    UnitFootprint(Shape shape) {
        this.shape = shape;
        this.weights = shape.weights();
        this.rowBytes = rowBytesOf(shape.features());
    }

    /** @return the sizes the estimate follows */
    Shape shape() {
        return shape;
    }

    /**
     * What one unit of a strategy holds at its peak.
     *
     * @param spec the strategy, its params resolved (every key filled in)
     * @return the bytes by kind
     */
    Bytes of(ExperimentConfig.StrategySpec spec) {
        State state = State.NONE;
        int extraBatch = 0;
        List<String> names = StrategyParams.members(spec);
        for (String name : names) {
            JsonNode p = names.size() == 1 ? spec.params() : spec.params().path(name);
            state = state.plus(strategyState(name, p));
            extraBatch += addedToBatch(name, p);
        }
        double samples = shape.sampleRows() * (rowBytes + Integer.BYTES) + shape.flatSamples() * 4.0
                * shape.features();
        double training = weights * trainingBytesPerWeight(shape.batch() + extraBatch) + shape.workers()
                * workerBytes() + activityBytes(shape.batch() + extraBatch);
        // The checkpoint after a task: the weights, the optimizer's and the strategy's state are
        // written into a growing byte array (up to twice their size) that is then copied once.
        double checkpoint = 3 * (weights * (Float.BYTES + shape.optimizerBytes()) + state.kept());
        return new Bytes(samples, training, state.kept() + Math.max(state.passing(), checkpoint));
    }

    /** @return the part of a unit's training bytes that grows with the time steps: the workers' buffers */
    double stepBuffers() {
        return shape.workers() * workerBytes();
    }

    /**
     * Bytes per weight of the network and its trainer: the weight (4) and its synapse's target in
     * the simulator's sparse rows (at most 4); the trainer's gradient and update (8); its row and
     * column views of the weights (8); one gradient per block of a batch (4 each); the optimizer's
     * state; the continual learner's loss gradient (4); and the gradients made for strategies'
     * estimates (a mean gradient, a sample's gradient as rows and flat: 8).
     */
    private double trainingBytesPerWeight(int batch) {
        int blocks = (batch + shape.blockSize() - 1) / shape.blockSize();
        return 8 + 8 + 8 + 4.0 * blocks + shape.optimizerBytes() + 4 + 8;
    }

    /**
     * One worker's buffers for a sample's forward and backward pass: per layer and time step the
     * potentials, thresholds, spikes, inputs, their adjoints and the spike events (8 values of 4
     * bytes per neuron); per input and time step its spike lists, edges and the encoded sample (6
     * of 4 bytes); the first layer's input prefix sums.
     */
    private double workerBytes() {
        double neurons = 0;
        for (int n : shape.neurons()) {
            neurons += n;
        }
        int first = shape.neurons().length == 0 ? 0 : shape.neurons()[0];
        return 32.0 * shape.steps() * neurons + 24.0 * shape.steps() * shape.features()
                + 4.0 * (shape.steps() + 1) * first;
    }

    /** Each matrix's presynaptic activity of every sample of a batch, for the trainer and for strategies: 4 bytes. */
    private double activityBytes(int batch) {
        double pre = 0;
        for (int[] m : shape.matrices()) {
            pre += m[0];
        }
        return 2 * 4.0 * batch * pre;
    }

    /**
     * What a strategy keeps across tasks and what it makes for a while at a task's end.
     *
     * @param kept    bytes held from one task to the next, at their largest (after the last task)
     * @param passing bytes made and dropped at a task's end (an estimate, a decomposition)
     */
    private record State(double kept, double passing) {
        static final State NONE = new State(0, 0);

        State plus(State other) {
            return new State(kept + other.kept, passing + other.passing);
        }
    }

    /**
     * The state of one built-in strategy, from its resolved params. A strategy of a provider on the
     * class path is counted as the built-in with the most weight-shaped state, SI (28 bytes per
     * weight kept, 8 made at a task's end).
     */
    private State strategyState(String name, JsonNode p) {
        double w = weights;
        int t = shape.tasks();
        return switch (name) {
            case Naive.NAME, Joint.NAME, Metaplasticity.NAME -> State.NONE;
            // Per task a Fisher diagonal (8 bytes a weight) and an anchor (4); the next estimate in doubles.
            case "ewc" -> new State(t * 12 * w, 8 * w);
            // One running Fisher and anchor; the new estimate beside the old.
            case "online_ewc", Mas.NAME -> new State(12 * w, 8 * w);
            // The path integral (8), the weights at the task's start and before the update (4 + 4), the
            // importance and anchor of the penalty (8 + 4); the next importance.
            case SynapticIntelligence.NAME -> new State(28 * w, 8 * w);
            // The anchor (4); the previous weights read in doubles.
            case L2Anchor.NAME -> new State(4 * w, 8 * w);
            // Every synapse's importance so far and this task's (8 + 8), its gate and pending change (4 + 4).
            case ImportanceGating.NAME -> new State(24 * w, 0);
            // The earlier network's outputs on each training sample of every task, one small array each.
            case Lwf.NAME -> new State(t * shape.trainPerTask() * (rowBytesOf(shape.readout()) + 4), 0);
            // Each stored sample's features, label and task.
            case Replay.NAME, ErAce.NAME -> new State(p.path("memory_size").asInt() * (rowBytes + 12.0), 0);
            // Each stored sample's logits too.
            case Der.NAME -> new State(p.path("memory_size").asInt() * (rowBytes + rowBytesOf(shape.readout())
                    + 12.0), 0);
            // The memory and its mean gradient in doubles.
            case Agem.NAME -> new State(p.path("memory_size").asInt() * (rowBytes + 12.0) + 8 * w, 0);
            // One memory and one reference gradient in doubles per finished task.
            case Gem.NAME -> new State((double) t * p.path("patterns_per_task").asInt() * (rowBytes + 12.0)
                    + (t - 1) * 8 * w, 0);
            case Gpm.NAME -> gpm(p.path("samples").asInt());
            case Hlop.NAME -> hlop(p.path("first_task_neurons").asInt(), p.path("neuron_increment").asInt());
            default -> new State(28 * w, 8 * w);
        };
    }

    /**
     * GPM keeps, per matrix, a basis of at most its inputs' width squared in doubles. At a task's end
     * it takes {@code samples} activity vectors of every matrix's inputs (4 bytes each) and, one
     * matrix at a time, puts them in a matrix of doubles, decomposes it (the decomposition holds its
     * own copy and the left and right singular vectors: with that matrix, 4 of inputs x samples and
     * one of samples squared, in doubles) and extends the basis into a new array.
     */
    private State gpm(int samples) {
        double basis = 0;
        double largest = 0;
        double activity = 0;
        for (int[] m : shape.matrices()) {
            double n = m[0];
            int s = Math.min(samples, (int) Math.ceil(shape.trainPerTask()));
            basis += 8 * n * n;
            largest = Math.max(largest, 8 * n * n + 32 * n * s + 8.0 * s * s);
            activity += 4 * n * s;
        }
        return new State(basis, largest + activity);
    }

    /**
     * HLOP keeps, per matrix, its lateral neurons' weights (at most the inputs' width of neurons after
     * the last task), a frozen copy of the earlier tasks' and the Hebbian learning's velocities, each
     * neurons x inputs in doubles. A task's first batch seeds the new neurons from the batch's
     * activity and the identity (batch + inputs rows of the inputs' width) and extends the basis
     * (at most the inputs' width squared).
     */
    private State hlop(int first, int increment) {
        double kept = 0;
        double passing = 0;
        for (int[] m : shape.matrices()) {
            double n = m[0];
            double rows = Math.min(n, first + (double) increment * (shape.tasks() - 1));
            kept += 3 * 8 * rows * n;
            passing = Math.max(passing, 8 * (shape.batch() + n) * n + 8 * n * n);
        }
        return new State(kept, passing);
    }

    /** Samples a strategy adds to each batch, which the trainer's gradient blocks and activity cover too. */
    private int addedToBatch(String name, JsonNode p) {
        return switch (name) {
            case Replay.NAME, ErAce.NAME, Der.NAME -> p.path("replay_batch_size").asInt();
            // As many samples of each earlier task as the batch has of its own.
            case Joint.NAME -> (shape.tasks() - 1) * shape.batch();
            default -> 0;
        };
    }

    /** Bytes of an array of {@code n} floats with its header, padded to the object alignment, and its reference. */
    private static double rowBytesOf(int n) {
        long align = OBJECT_ALIGNMENT;
        long size = 16 + 4L * n;
        return (size + align - 1) / align * align + Integer.BYTES;
    }

    private static long objectAlignment() {
        try {
            return Long.parseLong(ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("ObjectAlignmentInBytes").getValue());
        } catch (RuntimeException | LinkageError e) {
            return 8;
        }
    }
}
