package org.engram.learning.continual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.engram.learning.io.Checkpointable;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.Problems;

/**
 * Elastic weight consolidation: a quadratic penalty that holds each weight near its value after
 * earlier tasks, in proportion to the weight's diagonal Fisher information.
 *
 * <p>After task t, with N samples of the task spread evenly over its training set and per-sample
 * (surrogate) gradients {@code g_n} of the task loss:
 * <pre>
 *   F_t = (1/N) sum_n g_n^2                      (diagonal Fisher)
 *   SEPARATE:  penalty = (lambda/2) sum_(s &lt;= t) sum_k F_s,k (theta_k - theta*_s,k)^2
 *   ONLINE:    F* &lt;- gamma F* + F_t,  theta* &lt;- theta after task t,
 *              penalty = (lambda/2) gamma sum_k F*_k (theta_k - theta*_k)^2
 *   gradient added: lambda F (theta - theta*)   (summed over anchors in SEPARATE mode;
 *                   lambda gamma F* (theta - theta*) in ONLINE mode)
 * </pre>
 *
 * <p>Which label {@code g_n} takes is {@code fisher}'s choice. {@code EMPIRICAL} (the default) takes the
 * sample's true label: the empirical Fisher, which as the model fits its data shrinks towards zero with the
 * loss's gradient and is not the Fisher information (Martens 2020). {@code SAMPLED} draws the label from the
 * network's own softmax over the units the sample's loss runs over, one draw per sample
 * ({@link SampledLabels}): a one-sample Monte Carlo estimate of the Fisher information of the model's
 * predictive distribution, which EWC's derivation (Kirkpatrick et al. 2017) uses. Where the network is
 * certain of the true label the two coincide.
 *
 * <p>The online penalty weighs the running Fisher by gamma, as Schwarz et al. (2018) write it
 * ({@code ||theta - theta*||^2} in the norm of {@code gamma F*}): a lambda and gamma of the paper
 * are this class's lambda and gamma.
 *
 * <table>
 *   <caption>Hyperparameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>lambda</td><td>100</td><td>penalty strength, {@code >= 0}</td></tr>
 *   <tr><td>gamma</td><td>1</td><td>ONLINE only: decay of the accumulated Fisher, in (0, 1]: as the penalty is
 *   weighed by gamma, 0 would leave none (not "the latest Fisher alone")</td></tr>
 *   <tr><td>fisher_samples</td><td>200</td><td>samples per Fisher estimate, {@code >= 1}</td></tr>
 *   <tr><td>fisher</td><td>empirical</td><td>the labels of the Fisher's gradients: {@code empirical} (true
 *   labels) or {@code sampled} (drawn from the network's prediction)</td></tr>
 * </table>
 *
 * <p>References: J. Kirkpatrick et al. (2017), Overcoming catastrophic forgetting in neural
 * networks, PNAS 114:3521-3526. J. Schwarz et al. (2018), Progress &amp; compress, ICML (online EWC).
 * J. Martens (2020), New insights and perspectives on the natural gradient method, JMLR 21(146):1-76.
 */
public final class Ewc implements ContinualStrategy, Checkpointable {
    private static final int VERSION = 1;

    /** How anchors from several tasks combine. */
    private enum Mode {
        /** One Fisher and anchor per task, all penalised (Kirkpatrick et al. 2017); name {@code ewc}. */
        SEPARATE("ewc"),
        /**
         * One running Fisher {@code F <- gamma F + F_new} and the latest anchor (Schwarz et al. 2018); name
         * {@code online_ewc}.
         */
        ONLINE("online_ewc");

        private final String strategyName;

        Mode(String strategyName) {
            this.strategyName = strategyName;
        }
    }

    /** Which labels the per-sample gradients of the Fisher estimate take. */
    public enum Fisher {
        /** Each sample's true label: the empirical Fisher. */
        EMPIRICAL,
        /** A label drawn from the network's own prediction for the sample: the model's Fisher information. */
        SAMPLED
    }

    /**
     * Hyperparameters of {@code ewc} (SEPARATE mode).
     *
     * @param lambda        penalty strength (1/Fisher units), {@code >= 0}
     * @param fisherSamples samples per Fisher estimate, {@code >= 1}
     * @param fisher        the labels of the Fisher's gradients
     */
    public record Params(double lambda, int fisherSamples, Fisher fisher) {
        /**
         * Validates every hyperparameter.
         *
         * @param lambda        penalty strength (1/Fisher units), {@code >= 0}
         * @param fisherSamples samples per Fisher estimate, {@code >= 1}
         * @param fisher        the labels of the Fisher's gradients
         */
        public Params {
            validate(Mode.SEPARATE, lambda, fisherSamples, fisher).throwIfAny();
        }

        /**
         * Hyperparameters with the empirical Fisher, as before the Fisher's labels could be chosen.
         *
         * @param lambda        penalty strength (1/Fisher units), {@code >= 0}
         * @param fisherSamples samples per Fisher estimate, {@code >= 1}
         */
        public Params(double lambda, int fisherSamples) {
            this(lambda, fisherSamples, Fisher.EMPIRICAL);
        }

        /** {@return lambda 100, 200 samples, the empirical Fisher} */
        public static Params defaults() {
            return new Params(100, 200, Fisher.EMPIRICAL);
        }
    }

    /**
     * Hyperparameters of {@code online_ewc} (ONLINE mode).
     *
     * @param lambda        penalty strength (1/Fisher units), {@code >= 0}
     * @param gamma         decay of the accumulated Fisher, in (0, 1]
     * @param fisherSamples samples per Fisher estimate, {@code >= 1}
     * @param fisher        the labels of the Fisher's gradients
     */
    public record OnlineParams(double lambda, double gamma, int fisherSamples, Fisher fisher) {
        /**
         * Validates every hyperparameter.
         *
         * @param lambda        penalty strength (1/Fisher units), {@code >= 0}
         * @param gamma         decay of the accumulated Fisher, in (0, 1]
         * @param fisherSamples samples per Fisher estimate, {@code >= 1}
         * @param fisher        the labels of the Fisher's gradients
         */
        public OnlineParams {
            Problems p = validate(Mode.ONLINE, lambda, fisherSamples, fisher);
            // The penalty is weighed by gamma (Schwarz et al.): at 0 there is none, which a user who
            // meant "the latest Fisher alone" would not see; lambda 0 says "no penalty" by name.
            p.inRange(gamma > 0 && gamma <= 1, "gamma", "a number in (0, 1] (the penalty is weighed by gamma, so 0"
                    + " would leave none: for training without a penalty, lambda 0 or the naive strategy)", gamma);
            p.throwIfAny();
        }

        /**
         * Hyperparameters with the empirical Fisher, as before the Fisher's labels could be chosen.
         *
         * @param lambda        penalty strength (1/Fisher units), {@code >= 0}
         * @param gamma         decay of the accumulated Fisher, in (0, 1]
         * @param fisherSamples samples per Fisher estimate, {@code >= 1}
         */
        public OnlineParams(double lambda, double gamma, int fisherSamples) {
            this(lambda, gamma, fisherSamples, Fisher.EMPIRICAL);
        }

        /** {@return lambda 100, gamma 1, 200 samples, the empirical Fisher} */
        public static OnlineParams defaults() {
            return new OnlineParams(100, 1, 200, Fisher.EMPIRICAL);
        }
    }

    /** The checks both modes share, for the caller to add its own and throw. */
    private static Problems validate(Mode mode, double lambda, int fisherSamples, Fisher fisher) {
        Problems p = new Problems(mode.strategyName);
        p.nonNegative("lambda", lambda, "dimensionless");
        p.atLeastOne("fisher_samples", fisherSamples);
        p.require(fisher != null, "fisher", "empirical or sampled", "null");
        return p;
    }

    private final Mode mode;
    private final double lambda;
    /** The Fisher's decay in ONLINE mode, which weighs the penalty too; 1 in SEPARATE mode. */
    private final double gamma;
    private final int fisherSamples;
    private final Fisher fisher;
    private final List<QuadraticAnchor> anchors = new ArrayList<>();

    /**
     * Creates EWC (SEPARATE mode) with no anchors.
     *
     * @param params the hyperparameters
     */
    public Ewc(Params params) {
        this(Mode.SEPARATE, Strategies.requireParams(Mode.SEPARATE.strategyName, params).lambda(), 1,
                params.fisherSamples(), params.fisher());
    }

    /**
     * Creates online EWC (ONLINE mode) with no anchors.
     *
     * @param params the hyperparameters
     */
    public Ewc(OnlineParams params) {
        this(Mode.ONLINE, Strategies.requireParams(Mode.ONLINE.strategyName, params).lambda(), params.gamma(),
                params.fisherSamples(), params.fisher());
    }

    private Ewc(Mode mode, double lambda, double gamma, int fisherSamples, Fisher fisher) {
        this.mode = mode;
        this.lambda = lambda;
        this.gamma = gamma;
        this.fisherSamples = fisherSamples;
        this.fisher = fisher;
    }

    @Override
    public String name() {
        return mode.strategyName;
    }

    @Override
    public void beforeTask(TaskContext task) {
        for (QuadraticAnchor a : anchors) {
            QuadraticAnchor.checkShape(name(), a.anchor, task.model());
        }
    }

    @Override
    public void addPenaltyGradient(int layer, float[] weights, float[] grad) {
        double strength = lambda * gamma;
        for (int a = 0; a < anchors.size(); a++) {
            anchors.get(a).addGradient(layer, weights, grad, strength);
        }
    }

    @Override
    public void afterTask(TaskContext task) {
        ModelView model = task.model();
        SampleSet data = task.trainData();
        int[] samples = EvenSamples.choose(data.size(), fisherSamples);
        double[][] importance = model.newPerWeight();
        SampleSet labelled = switch (fisher) {
            case EMPIRICAL -> data;
            case SAMPLED -> SampledLabels.draw(task, samples);
        };
        task.oracle().gradients(GradientOracle.Objective.LOSS, GradientOracle.Reduction.MEAN_SQUARE,
                labelled, samples, importance);
        if (mode == Mode.ONLINE && !anchors.isEmpty()) {
            double[][] old = anchors.get(0).importance;
            for (int l = 0; l < importance.length; l++) {
                double[] f = importance[l];
                double[] o = old[l];
                for (int k = 0; k < f.length; k++) {
                    f[k] = gamma * o[k] + f[k];
                }
            }
            anchors.clear();
        }
        anchors.add(new QuadraticAnchor(importance, QuadraticAnchor.snapshot(model)));
    }

    /**
     * The Fisher information of one anchor (ONLINE mode: the accumulated one), for inspection.
     *
     * @param anchor the anchor index, in {@code [0, anchorCount())}
     * @param layer  the layer index
     * @return a copy of the Fisher diagonal (squared loss gradient units)
     */
    public double[] fisher(int anchor, int layer) {
        return anchors.get(anchor).importance[layer].clone();
    }

    /** {@return the number of anchors (tasks in SEPARATE mode, at most 1 in ONLINE mode)} */
    public int anchorCount() {
        return anchors.size();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateCodec.writeHeader(out, name(), VERSION);
        out.writeInt(anchors.size());
        for (QuadraticAnchor a : anchors) {
            a.write(out);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StateCodec.readHeader(in, name(), VERSION);
        int n = in.readInt();
        List<QuadraticAnchor> read = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            read.add(QuadraticAnchor.read(in, name()));
        }
        anchors.clear();
        anchors.addAll(read);
    }
}
