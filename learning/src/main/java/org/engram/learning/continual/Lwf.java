package org.engram.learning.continual;

import java.util.TreeSet;
import org.engram.simulator.Problems;

/**
 * Learning without forgetting: while learning a new task, the network is asked to keep giving the
 * previous network's (softened) outputs on the new task's inputs.
 *
 * <p>At {@code beforeTask(t)} for {@code t >= 1} the network still is the previous network; the
 * strategy records its soft targets {@code p = softmax(z / T)} for every training sample of task t,
 * over the output units the earlier tasks trained:
 * <ul>
 *   <li>task-incremental: one target per earlier task's head ({@link ModelView#headUnits}, its
 *       classes' units);</li>
 *   <li>class-incremental: one target over the units of every class of tasks 0 to t - 1
 *       ({@link ModelView#classUnits}); the units of task t's classes and of classes not seen yet
 *       carry no knowledge of the previous network and are not distilled, as in Avalanche's LwF
 *       (distillation over previously seen classes' units) and iCaRL's LwF.MC (old classes);</li>
 *   <li>domain-incremental: one target over all outputs (the shared head every task trains).</li>
 * </ul>
 * At each
 * {@code beforeBatch} it attaches those targets to the batch's own samples as
 * {@link DistillationTarget}s with weight alpha; the trainer adds
 * {@code alpha * CE(p, softmax(z / T))} to each sample's loss (see the contract there). This is the
 * paper's loss with alpha its lambda_o: no {@code T^2} factor (Hinton et al.'s distillation has
 * one; {@code alpha = 4} gives it at T = 2). The paper's warm-up step (the new task's head
 * trained alone, the shared weights and old heads frozen, before all weights are trained) is not
 * done: every weight learns from the task's first batch on.
 *
 * <table>
 *   <caption>Hyperparameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>temperature</td><td>2</td><td>softmax temperature T, {@code > 0}</td></tr>
 *   <tr><td>alpha</td><td>1</td><td>weight of the distillation loss, {@code >= 0}</td></tr>
 * </table>
 *
 * <p>The targets are recorded once per task, from one spike encoding of each image (the
 * consolidation stream), while training sees a fresh encoding every epoch: with a stochastic
 * encoder (Bernoulli or Poisson rates) the network is asked to reproduce the previous outputs of
 * one spike train of an image while it sees another, which makes the targets noisier than Li and
 * Hoiem's, whose networks are deterministic (a latency or deterministic rate encoder has one train
 * per image). Recording per epoch would cost a forward pass per sample and epoch.
 *
 * <p>The targets are rebuilt from the network at every {@code beforeTask}, so there is no state
 * to checkpoint (checkpoints are taken between tasks). Memory: one float per training sample and
 * distilled output unit. Reference: Z. Li and D. Hoiem (2016), Learning without forgetting, ECCV.
 */
public final class Lwf implements ContinualStrategy {
    /** Registry name. */
    public static final String NAME = "lwf";

    /**
     * Hyperparameters of {@link Lwf}.
     *
     * @param temperature the softmax temperature T (dimensionless), {@code > 0}
     * @param alpha       the weight of the distillation loss (dimensionless), {@code >= 0}
     */
    public record Params(double temperature, double alpha) {
        /**
         * Validates every hyperparameter.
         *
         * @param temperature the softmax temperature T (dimensionless), {@code > 0}
         * @param alpha       the weight of the distillation loss (dimensionless), {@code >= 0}
         */
        public Params {
            Problems p = new Problems(NAME);
            p.positive("temperature", temperature, "dimensionless");
            p.nonNegative("alpha", alpha, "dimensionless");
            p.throwIfAny();
        }

        /** {@return temperature 2, alpha 1} */
        public static Params defaults() {
            return new Params(2, 1);
        }
    }

    private final Params params;
    /** targets[head][sample]; empty during the first task. */
    private DistillationTarget[][] targets = new DistillationTarget[0][];

    /**
     * Creates the strategy.
     *
     * @param params the hyperparameters
     */
    public Lwf(Params params) {
        this.params = Strategies.requireParams(NAME, params);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void beforeTask(TaskContext task) {
        int t = task.taskIndex();
        if (t == 0) {
            targets = new DistillationTarget[0][];
            return;
        }
        ModelView model = task.model();
        SampleSet data = task.trainData();
        int[][] units = switch (task.scenario()) {
            case TASK_INCREMENTAL -> earlierHeads(model, t);
            case CLASS_INCREMENTAL -> new int[][] {earlierClasses(model, t)};
            case DOMAIN_INCREMENTAL -> new int[][] {model.headUnits(0)};
        };
        int heads = units.length;
        float[] logits = new float[model.outputs(model.layerCount() - 1)];
        DistillationTarget[][] built = new DistillationTarget[heads][data.size()];
        for (int s = 0; s < data.size(); s++) {
            task.oracle().outputs(data, s, logits);
            for (int h = 0; h < heads; h++) {
                float[] p = DistillationTarget.softTargets(logits, units[h], params.temperature());
                built[h][s] = new DistillationTarget(p, units[h], params.temperature(), params.alpha());
            }
        }
        targets = built;
    }

    /** The heads of tasks 0 to t - 1, one row each. */
    private static int[][] earlierHeads(ModelView model, int t) {
        int[][] units = new int[t][];
        for (int h = 0; h < t; h++) {
            units[h] = model.headUnits(h);
        }
        return units;
    }

    /** The units of every class of tasks 0 to t - 1, in increasing order. */
    static int[] earlierClasses(ModelView model, int t) {
        TreeSet<Integer> union = new TreeSet<>();
        for (int h = 0; h < t; h++) {
            for (int u : model.classUnits(h)) {
                union.add(u);
            }
        }
        return union.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void beforeBatch(BatchContext batch) {
        for (DistillationTarget[] head : targets) {
            for (int i = 0; i < batch.ownSize(); i++) {
                batch.addDistillationTarget(i, head[batch.sampleIndex(i)]);
            }
        }
    }
}
