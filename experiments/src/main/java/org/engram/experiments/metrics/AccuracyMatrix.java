package org.engram.experiments.metrics;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.engram.simulator.ParameterException;

/**
 * The accuracy matrix of a continual-learning run: {@code R[i][j]} is the test accuracy on task
 * {@code j} after training on tasks {@code 0..i}, a fraction in [0, 1], for {@code T} tasks.
 *
 * <p>Metrics, with {@code T} the number of tasks and indices from 0:
 * <ul>
 * <li>average accuracy {@code ACC = (1/T) sum_j R[T-1][j]} (Lopez-Paz and Ranzato 2017, GEM);</li>
 * <li>backward transfer {@code BWT = (1/(T-1)) sum_{j<T-1} (R[T-1][j] - R[j][j])} (GEM); negative
 * values are forgetting;</li>
 * <li>forward transfer {@code FWT = (1/(T-1)) sum_{j>0} (R[j-1][j] - b[j])}, with {@code b} the
 * accuracies of the randomly initialised network on each task (GEM);</li>
 * <li>forgetting of task {@code j < T-1}: {@code f_j = max_{l<T-1} R[l][j] - R[T-1][j]}, and the
 * average forgetting {@code (1/(T-1)) sum_{j<T-1} f_j} (Chaudhry et al. 2018, RWalk); {@code f_j} is
 * negative where the final accuracy is above that of every earlier row;</li>
 * <li>learning accuracy {@code LA = (1/T) sum_j R[j][j]}, accuracy on each task just after learning it
 * (Riemer et al. 2019, MER).</li>
 * </ul>
 * BWT and FWT divide by {@code T-1}, as the equations of the GEM paper do; GEM's released code divides
 * by {@code T}, which gives {@code (T-1)/T} of these values. Metrics that average over {@code T-1} terms
 * are {@code NaN} when {@code T = 1}.
 *
 * <p>References: D. Lopez-Paz and M. Ranzato (2017), Gradient episodic memory for continual learning,
 * NeurIPS; A. Chaudhry, P. K. Dokania, T. Ajanthan and P. H. S. Torr (2018), Riemannian walk for
 * incremental learning: understanding forgetting and intransigence, ECCV; M. Riemer, I. Cases,
 * R. Ajemian, M. Liu, I. Rish, Y. Tu and G. Tesauro (2019), Learning to learn without forgetting by
 * maximizing transfer and minimizing interference, ICLR.
 */
public final class AccuracyMatrix {
    private final double[][] r;

    private AccuracyMatrix(double[][] r) {
        this.r = r;
    }

    /**
     * Creates the matrix from a copy of its entries.
     *
     * @param accuracies {@code T x T} accuracies, fractions in [0, 1]; row {@code i} is the evaluation
     *                   after task {@code i}
     * @return the matrix
     * @throws ParameterException if the array is not square or an entry is outside [0, 1] (or NaN)
     */
    public static AccuracyMatrix of(double[][] accuracies) {
        int t = accuracies.length;
        if (t == 0) {
            throw new ParameterException("accuracy matrix", "rows", "at least one task", 0);
        }
        double[][] copy = new double[t][];
        for (int i = 0; i < t; i++) {
            if (accuracies[i].length != t) {
                throw new ParameterException("accuracy matrix", "row " + i, t + " entries (one per task)",
                        accuracies[i].length);
            }
            for (int j = 0; j < t; j++) {
                double a = accuracies[i][j];
                if (!(a >= 0 && a <= 1)) {
                    throw new ParameterException("accuracy matrix", "R[" + i + "][" + j + "]",
                            "an accuracy in [0, 1]", a);
                }
            }
            copy[i] = accuracies[i].clone();
        }
        return new AccuracyMatrix(copy);
    }

    /**
     * The element-wise mean of several runs' matrices (e.g. one per seed). Its ACC and BWT equal
     * the runs' mean ACC and BWT in exact arithmetic, being linear in the entries, but may differ in
     * the last bit ({@link #meanOver} gives the runs' mean as the tables do); its forgetting, made of
     * maxima, is in general not the runs' mean forgetting. Each entry is {@link SeedSummary#mean}'s:
     * the same whatever the runs' order, and exactly 1 for runs that all score 1 (adding 1/9 nine
     * times gives 1.0000000000000002).
     *
     * @param runs matrices of one size, at least one
     * @return the mean matrix
     */
    public static AccuracyMatrix mean(List<AccuracyMatrix> runs) {
        int t = runs.get(0).size();
        for (AccuracyMatrix a : runs) {
            if (a.size() != t) {
                throw new ParameterException("accuracy matrices", "size", "matrices of one size (" + t + ")", a.size());
            }
        }
        double[][] m = new double[t][t];
        double[] entry = new double[runs.size()];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                for (int k = 0; k < entry.length; k++) {
                    entry[k] = runs.get(k).get(i, j);
                }
                m[i][j] = SeedSummary.mean(entry);
            }
        }
        return of(m);
    }

    /**
     * The mean of one metric over several runs (e.g. one per seed), computed as {@code metrics.json}
     * and the tables compute it: each run's value, then {@link SeedSummary#mean}. The same metric of the {@link #mean}
     * matrix is equal in exact arithmetic for ACC, BWT and learning accuracy, but its sums run in
     * another order and can differ in the last bit, enough to print another last digit (63.7 against
     * 63.8 for a mean of 63.75).
     *
     * @param runs   matrices of one size, at least one
     * @param metric the metric of one run, e.g. {@code AccuracyMatrix::bwt}
     * @return the mean (same unit as the metric); NaN if the metric is undefined (NaN) for any run
     */
    public static double meanOver(List<AccuracyMatrix> runs, ToDoubleFunction<AccuracyMatrix> metric) {
        double[] values = new double[runs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = metric.applyAsDouble(runs.get(i));
            if (Double.isNaN(values[i])) {
                return Double.NaN;
            }
        }
        return SeedSummary.mean(values);
    }

    /** {@return the number of tasks {@code T}} */
    public int size() {
        return r.length;
    }

    /**
     * One entry.
     *
     * @param afterTask task {@code i} just trained, from 0
     * @param onTask    task {@code j} evaluated, from 0
     * @return the accuracy, a fraction in [0, 1]
     */
    public double get(int afterTask, int onTask) {
        return r[afterTask][onTask];
    }

    /**
     * One row: the accuracies on all tasks after training a given task.
     *
     * @param afterTask task just trained
     * @return a copy of the row
     */
    public double[] row(int afterTask) {
        return r[afterTask].clone();
    }

    /** {@return ACC, the mean accuracy over all tasks after the last one (fraction)} */
    public double acc() {
        int last = r.length - 1;
        double sum = 0;
        for (int j = 0; j < r.length; j++) {
            sum += r[last][j];
        }
        return sum / r.length;
    }

    /** {@return BWT, the mean change of accuracy on earlier tasks since they were learned (fraction; NaN if T = 1)} */
    public double bwt() {
        int last = r.length - 1;
        if (last == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int j = 0; j < last; j++) {
            sum += r[last][j] - r[j][j];
        }
        return sum / last;
    }

    /**
     * FWT, the mean accuracy on each task before training it, above that of a random network.
     *
     * @param randomInit accuracy of the randomly initialised network on each task ({@code T} fractions)
     * @return the forward transfer (fraction; NaN if T = 1)
     */
    public double fwt(double[] randomInit) {
        if (randomInit.length != r.length) {
            throw new ParameterException("accuracy matrix", "random-initialisation accuracies",
                    r.length + " entries (one per task)", randomInit.length);
        }
        if (r.length == 1) {
            return Double.NaN;
        }
        double sum = 0;
        for (int j = 1; j < r.length; j++) {
            sum += r[j - 1][j] - randomInit[j];
        }
        return sum / (r.length - 1);
    }

    /**
     * Forgetting of one task: its best accuracy before the last task minus its final accuracy.
     *
     * @param task a task {@code j < T-1}
     * @return {@code max_{l<T-1} R[l][j] - R[T-1][j]} (fraction)
     */
    public double forgetting(int task) {
        int last = r.length - 1;
        if (task < 0 || task >= last) {
            throw new IllegalArgumentException("forgetting is defined for tasks 0.." + (last - 1) + ", not " + task);
        }
        double best = r[0][task];
        for (int l = 1; l < last; l++) {
            best = Math.max(best, r[l][task]);
        }
        return best - r[last][task];
    }

    /** {@return forgetting of every task but the last, in task order (fractions; empty if T = 1)} */
    public double[] forgetting() {
        double[] f = new double[r.length - 1];
        for (int j = 0; j < f.length; j++) {
            f[j] = forgetting(j);
        }
        return f;
    }

    /** {@return the mean of {@link #forgetting()} (fraction; NaN if T = 1)} */
    public double averageForgetting() {
        double[] f = forgetting();
        if (f.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : f) {
            sum += v;
        }
        return sum / f.length;
    }

    /** {@return LA, the mean accuracy on each task right after learning it (fraction; Riemer et al. 2019)} */
    public double learningAccuracy() {
        double sum = 0;
        for (int j = 0; j < r.length; j++) {
            sum += r[j][j];
        }
        return sum / r.length;
    }

    /**
     * The matrix as CSV: header {@code after_task,task_0,...}, one row per trained task, accuracies
     * as fractions with 6 decimals.
     *
     * @return the CSV text, lines ending in {@code \n}
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("after_task");
        for (int j = 0; j < r.length; j++) {
            sb.append(",task_").append(j);
        }
        sb.append('\n');
        for (int i = 0; i < r.length; i++) {
            sb.append(i);
            for (int j = 0; j < r.length; j++) {
                sb.append(',').append(String.format(Locale.ROOT, "%.6f", r[i][j]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
