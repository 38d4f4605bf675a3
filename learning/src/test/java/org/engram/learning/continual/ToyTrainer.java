package org.engram.learning.continual;

import java.util.List;

/**
 * Plain SGD on a {@link ToyLinearModel} that calls a strategy's hooks exactly as
 * {@link ContinualStrategy} prescribes. Batches take the samples in order, so runs are deterministic.
 */
final class ToyTrainer {
    final ToyLinearModel model;
    final ContinualStrategy strategy;
    final List<SampleSet> tasks;
    final Scenario scenario;
    final long seed;
    double learningRate = 0.5;
    int epochs = 3;
    int batchSize = 10;
    /** Sum over applied updates of their Frobenius norm, for the last task trained. */
    double appliedNormSum;
    /** Number of updates applied in the last task trained. */
    int steps;

    ToyTrainer(ToyLinearModel model, ContinualStrategy strategy, List<SampleSet> tasks, Scenario scenario, long seed) {
        this.model = model;
        this.strategy = strategy;
        this.tasks = tasks;
        this.scenario = scenario;
        this.seed = seed;
    }

    TaskContext context(int t) {
        return new TaskContext() {
            @Override
            public int taskIndex() {
                return t;
            }

            @Override
            public Scenario scenario() {
                return scenario;
            }

            @Override
            public long seed() {
                return seed;
            }

            @Override
            public ModelView model() {
                return model;
            }

            @Override
            public GradientOracle oracle() {
                return model;
            }

            @Override
            public SampleSet trainData(int task) {
                if (task < 0 || task > t) {
                    throw new IllegalArgumentException("task " + task + " is not visible from task " + t);
                }
                return tasks.get(task);
            }
        };
    }

    void runAll() {
        for (int t = 0; t < tasks.size(); t++) {
            runTask(t);
        }
    }

    void runTask(int t) {
        TaskContext ctx = context(t);
        SampleSet data = tasks.get(t);
        appliedNormSum = 0;
        steps = 0;
        strategy.beforeTask(ctx);
        int batchIndex = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int start = 0; start < data.size(); start += batchSize) {
                int n = Math.min(batchSize, data.size() - start);
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = start + i;
                }
                step(new Batch(t, scenario, epoch, batchIndex++, data, idx));
            }
        }
        strategy.afterTask(ctx);
    }

    void step(Batch batch) {
        batch.setOracle(model);
        batch.setOutputs((i, logits) -> model.outputs(new ArraySamples(batch.task(i),
                new float[][] {batch.input(i)}, new int[] {batch.label(i)}), 0, logits));
        strategy.beforeBatch(batch);
        int m = batch.size();
        float[] grad = new float[model.w.length];
        float[][] vectors = new float[m][];
        double[] sum = new double[grad.length];
        double[] outside = new double[grad.length];
        int inMean = 0;
        for (int i = 0; i < m; i++) {
            float[] x = batch.input(i);
            vectors[i] = x;
            DistillationTarget[] targets = new DistillationTarget[batch.distillationTargetCount(i)];
            for (int k = 0; k < targets.length; k++) {
                targets[k] = batch.distillationTarget(i, k);
            }
            double[] dz = model.logitGradient(x, batch.label(i), targets);
            double[] into = sum;
            if (batch.outsideMean(i)) {
                // its own weights: classWeight times the cross-entropy, plus its logit match
                into = outside;
                float[] z = new float[model.outputs];
                float[] dMatch = new float[model.outputs];
                double[] exact = model.logits(x);
                for (int o = 0; o < z.length; o++) {
                    z[o] = (float) exact[o];
                }
                if (batch.logitMatch(i) != null) {
                    batch.logitMatch(i).addLogitGradient(z, dMatch);
                }
                for (int o = 0; o < dz.length; o++) {
                    dz[o] = batch.classWeight(i) * dz[o] + dMatch[o];
                }
            } else {
                inMean++;
            }
            for (int a = 0; a < model.inputs; a++) {
                for (int o = 0; o < model.outputs; o++) {
                    into[a * model.outputs + o] += x[a] * dz[o];
                }
            }
        }
        for (int k = 0; k < grad.length; k++) {
            grad[k] = (float) (sum[k] / inMean + outside[k]);
        }
        batch.setLossGradient(new float[][] {grad.clone()});
        strategy.addPenaltyGradient(0, model.w, grad);
        strategy.transformGradient(new float[][] {grad});
        float[] update = new float[grad.length];
        for (int k = 0; k < grad.length; k++) {
            update[k] = (float) (-learningRate * grad[k]);
        }
        strategy.transformUpdate(0, update, new ArrayActivity(0, vectors, batch.ownSize()));
        double norm = 0;
        for (int k = 0; k < update.length; k++) {
            model.w[k] += update[k];
            norm += (double) update[k] * update[k];
        }
        appliedNormSum += Math.sqrt(norm);
        steps++;
        strategy.afterBatch(batch);
    }
}
