package org.engram.experiments.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.data.LocatedData;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.engram.experiments.metrics.SeedSummary;
import org.engram.learning.continual.Scenario;
import org.engram.simulator.Plural;

/**
 * Writes the result files of a finished run from its units' results: {@code metrics.json},
 * {@code accuracy_matrix.csv}, {@code per_seed.csv}, {@code accuracy_matrix_validation.csv} (when
 * {@code tasks.validation} held samples out), {@code log.csv}, {@code epoch_accuracy.csv} (when every epoch
 * was evaluated),
 * {@code epoch_accuracy_validation.csv} (when every epoch was evaluated and samples were held out)
 * and {@code summary.md}.
 *
 * <p>Per strategy and seed, {@code metrics.json} holds ACC, BWT, FWT, forgetting (max-based, per
 * task and averaged), learning accuracy, the accuracy matrix and the random-initialisation
 * accuracies, wall time, throughput, spikes, synaptic operations and energy; per strategy, the same
 * keys averaged over seeds plus {@code over_seeds}: mean, standard deviation and 95% confidence
 * interval of every summary metric. With validation samples, each seed and the aggregate also hold
 * {@code validation}: the accuracy metrics of the validation matrix, keyed as the test ones, which keep
 * their keys and values. Undefined values (BWT of one task) are {@code null}. Spikes, synaptic
 * operations and energy are those of the evaluation passes (every task's test set after every task,
 * not the diagnostic evaluations after every epoch nor those of the validation samples), the activity
 * of the trained network as it would run on a chip.
 */
final class MetricsWriter {
    /** The note on FWT in class-incremental learning with a trained readout. */
    static final String FWT_NOTE = "fwt is null in class-incremental learning: the readout of a task's classes is"
            + " masked out until the task is learned, so accuracy on a task before learning it is 0 by construction";
    /** The note on FWT in class-incremental learning by Diehl and Cook's network, which has no readout to mask. */
    static final String FWT_NOTE_VOTING = "fwt is null in class-incremental learning: neurons are labelled with the"
            + " classes of the tasks learned so far, so none votes for a task's classes before the task is learned"
            + " and accuracy on it is 0 by construction";
    /**
     * The note on FWT in task-incremental learning: before task j is learned its head holds its random initial
     * weights, so {@code R[j-1][j] - b[j]} compares two random readouts (of trained and of untrained hidden
     * layers); the quick start's naive FWT, -1.9 +/- 34.4 pp over 3 seeds, follows the seed.
     */
    static final String FWT_NOTE_TASK_INCREMENTAL = "fwt measures no transfer in task-incremental learning: before"
            + " a task is learned its head still holds its random initial weights, so its accuracy then, like the"
            + " untrained network's it is compared with, is that of a random readout, and fwt's sign follows the"
            + " seed, not the strategy (domain-incremental fwt, through the one head all tasks train, does measure"
            + " transfer)";
    /** The columns of log.csv. */
    static final String LOG_HEADER = "strategy,seed,task,epoch,loss,train_accuracy,seconds,samples_per_second";
    /** The summary metrics, in the order of tables. */
    static final List<String> SUMMARY_KEYS = List.of("acc", "bwt", "fwt", "forgetting", "learning_accuracy",
            "wall_seconds", "samples_per_second");
    /** The summary metrics of the validation samples, a subset of {@link #SUMMARY_KEYS}. */
    static final List<String> VALIDATION_KEYS = List.of("acc", "bwt", "fwt", "forgetting", "learning_accuracy");
    /** The validation accuracy matrices, beside {@code accuracy_matrix.csv}. */
    static final String VALIDATION_MATRIX_FILE = "accuracy_matrix_validation.csv";
    /** The accuracies on the validation samples after every epoch, beside {@code epoch_accuracy.csv}. */
    static final String VALIDATION_EPOCH_FILE = "epoch_accuracy_validation.csv";
    /** Counts averaged over seeds when every seed has them. */
    static final List<String> COUNT_KEYS = List.of("inference_samples", "spikes", "synaptic_operations",
            "multiply_accumulates", "energy_joules", "synaptic_operations_per_inference",
            "energy_joules_per_inference");

    private final ExperimentConfig config;
    private final String runId;
    private final List<Task> tasks;
    private final LocatedData data;
    private final List<UnitProgress> units;
    private final Provenance provenance;
    /** The metrics, made once: the summary, the table and metrics.json are drawn from them. */
    private Map<String, Object> metrics;

    /**
     * A task of the run as the first seed's sequence has it (every seed's tasks are as large).
     *
     * @param name         its name
     * @param trainSamples the training samples it is trained on (after {@code train_per_task}, less
     *                     the validation samples)
     * @param testSamples  the test samples it is evaluated on (after {@code test_per_task})
     * @param validationSamples the training samples held out for validation ({@code tasks.validation})
     */
    record Task(String name, int trainSamples, int testSamples, int validationSamples) {
    }

    private MetricsWriter(ExperimentConfig config, String runId, List<Task> tasks, LocatedData data,
            List<UnitProgress> units, Provenance provenance) {
        this.config = config;
        this.runId = runId;
        this.tasks = List.copyOf(tasks);
        this.data = data;
        this.units = List.copyOf(units);
        this.provenance = provenance;
    }

    static MetricsWriter of(ExperimentConfig config, String runId, List<Task> tasks, LocatedData data,
            List<UnitProgress> units, Provenance provenance) {
        return new MetricsWriter(config, runId, tasks, data, units, provenance);
    }

    void write(RunFolder folder) {
        folder.writeString("metrics.json", JsonFiles.write(metrics()));
        folder.writeString("accuracy_matrix.csv", matrixCsv());
        if (validated()) {
            folder.writeString(VALIDATION_MATRIX_FILE, validationMatrixCsv());
        }
        folder.writeString(PerSeedCsv.FILE, perSeedCsv());
        folder.writeString("log.csv", logCsv());
        if (config.training().evaluateEveryEpoch()) {
            folder.writeString("epoch_accuracy.csv", epochAccuracyCsv());
            if (validated()) {
                folder.writeString(VALIDATION_EPOCH_FILE, validationEpochAccuracyCsv());
            }
        }
        folder.writeString("summary.md", summary());
        folder.writeString("table.tex", latexTable());
    }

    /** Each seed's accuracy metrics as {@code metrics.json} holds them, one line per strategy and seed. */
    @SuppressWarnings("unchecked")
    String perSeedCsv() {
        PerSeedCsv csv = new PerSeedCsv(validated());
        ((Map<String, Object>) metrics().get("strategies")).forEach((label, strategy) ->
                ((Map<String, Object>) ((Map<String, Object>) strategy).get("seeds")).forEach((seed, m) ->
                        csv.add(label, "", runId, Long.parseLong(seed), (Map<?, ?>) m)));
        return csv.text();
    }

    /** The strategies' table for a paper, with what it is made of in its comments. */
    @SuppressWarnings("unchecked")
    String latexTable() {
        Map<String, Object> metrics = metrics();
        Map<String, Object> strategies = (Map<String, Object>) metrics.get("strategies");
        String madeBy = SummaryWriter.madeBy(provenance);
        return ResultTable.of(strategies).latex(RunPlots.dataSource(runId, config.name()) + " ("
                + metrics.get("scenario") + ", " + Plural.count(tasks.size(), "task") + "), seeds "
                + config.seeds() + ".\nData: "
                + (data == null ? "generated patterns" : data.describedWithoutPath()) + ".\nStrategies: "
                + SummaryWriter.strategies(strategies) + "." + (madeBy == null ? "" : "\nMade by " + madeBy + ".")
                + "\n" + SummaryWriter.DEFINITIONS + "." + notes().stream().map(n -> "\nNote: " + n + ".")
                        .collect(Collectors.joining()) + (validated() ? "\n" + heldOutComment() : ""));
    }

    /**
     * What {@code table.tex} says of a run with validation samples: its networks trained on fewer samples
     * than the tasks hold, and its accuracies are on the test samples.
     */
    private String heldOutComment() {
        double f = config.tasks().validation();
        return "Trained without the samples tasks.validation " + f + " held out for validation (round(" + f
                + " x n) of each class of n training samples in every task); " + SummaryWriter.HELD_OUT_NOTE + ".";
    }

    /** @return whether the run held samples out for validation ({@code tasks.validation} above 0) */
    private boolean validated() {
        return config.tasks().validation() > 0;
    }

    /** The metrics of one seed. */
    private Map<String, Object> seedMetrics(UnitProgress u) {
        Map<String, Object> out = accuracyMetrics(u.matrix(), u.randomInit());
        out.put("wall_seconds", u.wallSeconds());
        out.put("train_samples", u.trainSamples());
        out.put("samples_per_second", trainSeconds(u) > 0 ? u.trainSamples() / trainSeconds(u) : null);
        double joules = config.energy().joules(u.synapticOperations(), u.multiplyAccumulates());
        long inferences = u.inferenceSamples();
        out.put("inference_samples", inferences);
        out.put("spikes", u.spikes());
        out.put("synaptic_operations", u.synapticOperations());
        out.put("multiply_accumulates", u.multiplyAccumulates());
        out.put("energy_joules", joules);
        out.put("synaptic_operations_per_inference", inferences == 0 ? null
                : (double) u.synapticOperations() / inferences);
        out.put("energy_joules_per_inference", inferences == 0 ? null : joules / inferences);
        out.put("per_task", perTask(u));
        out.put("weights_hash", u.weightsHash());
        if (u.validated()) {
            out.put("validation", accuracyMetrics(u.validationMatrix(), u.validationRandomInit()));
        }
        return out;
    }

    /**
     * The metrics of one accuracy matrix, the test samples' or the validation samples': ACC, BWT, FWT,
     * forgetting (mean and per task), learning accuracy, the matrix and the untrained accuracies.
     */
    private Map<String, Object> accuracyMetrics(double[][] matrix, double[] randomInit) {
        AccuracyMatrix m = AccuracyMatrix.of(matrix);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("acc", finite(m.acc()));
        out.put("bwt", finite(m.bwt()));
        out.put("fwt", classIncremental() ? null : finite(m.fwt(randomInit)));
        out.put("forgetting", finite(m.averageForgetting()));
        out.put("forgetting_per_task", m.forgetting());
        out.put("learning_accuracy", finite(m.learningAccuracy()));
        out.put("accuracy_matrix", matrix);
        out.put("random_init_accuracy", randomInit);
        return out;
    }

    /** In class-incremental learning a task's classes cannot win before they are seen, so FWT is undefined. */
    private boolean classIncremental() {
        return config.tasks().scenario() == Scenario.CLASS_INCREMENTAL;
    }

    /**
     * @return the notes of this run: what FWT means in class- and task-incremental learning, where a
     *         run of one task, whose FWT is undefined anyway, has none
     */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (config.tasks().count() < 2) {
            return notes;
        }
        if (classIncremental()) {
            notes.add(config.learner().kind() == ExperimentConfig.LearnerKind.DIEHL_COOK ? FWT_NOTE_VOTING : FWT_NOTE);
        } else if (config.tasks().scenario() == Scenario.TASK_INCREMENTAL) {
            notes.add(FWT_NOTE_TASK_INCREMENTAL);
        }
        return notes;
    }

    private static double trainSeconds(UnitProgress u) {
        double s = 0;
        for (EpochRecord e : u.epochs()) {
            s += e.seconds();
        }
        return s;
    }

    /** Loss and training accuracy of each task's last epoch. */
    private static List<Map<String, Object>> perTask(UnitProgress u) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EpochRecord e : u.epochs()) {
            if (e.epoch() == lastEpoch(u, e.task())) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("task", e.task());
                t.put("final_epoch_loss", finite(e.loss()));
                t.put("final_epoch_train_accuracy", finite(e.trainAccuracy()));
                t.put("accuracy_after_learning", u.rows().get(e.task())[e.task()]);
                t.put("final_accuracy", u.rows().get(u.rows().size() - 1)[e.task()]);
                out.add(t);
            }
        }
        return out;
    }

    private static int lastEpoch(UnitProgress u, int task) {
        int last = -1;
        for (EpochRecord e : u.epochs()) {
            if (e.task() == task) {
                last = Math.max(last, e.epoch());
            }
        }
        return last;
    }

    private List<UnitProgress> unitsOf(String label) {
        return units.stream().filter(u -> u.strategy().equals(label)).toList();
    }

    /**
     * A strategy's {@code aggregate}: the means over seeds of every metric, of each task's forgetting and of
     * the accuracy matrix, and their spread ({@code over_seeds}); with validation samples, the same of them
     * under {@code validation}. Also what {@link RunResults} recomputes to check a metrics.json.
     *
     * @param seeds              each seed's metrics, by key
     * @param matrices           each seed's accuracy matrix, in the order of {@code seeds}
     * @param validationMatrices each seed's validation accuracy matrix, in that order; unread when a seed has no
     *                           {@code validation} metrics
     * @param tasks              the number of tasks of the run
     * @return the aggregate, by key, as metrics.json holds it
     */
    static Map<String, Object> aggregate(List<Map<String, Object>> seeds, List<AccuracyMatrix> matrices,
            List<AccuracyMatrix> validationMatrices, int tasks) {
        Map<String, Object> spread = overSeeds(seeds, SUMMARY_KEYS);
        Map<String, Object> out = accuracyAggregate(spread, SUMMARY_KEYS, matrices, tasks);
        for (String key : COUNT_KEYS) {
            double[] values = new double[seeds.size()];
            boolean defined = !seeds.isEmpty();
            for (int k = 0; k < values.length; k++) {
                Object value = seeds.get(k).get(key);
                defined &= value != null;
                values[k] = value == null ? 0 : ((Number) value).doubleValue();
            }
            out.put(key, defined ? SeedSummary.mean(values) : null);
        }
        out.put("over_seeds", spread);
        Map<String, Object> validationSpread = validationOverSeeds(seeds);
        if (validationSpread != null) {
            Map<String, Object> v = accuracyAggregate(validationSpread, VALIDATION_KEYS, validationMatrices, tasks);
            v.put("over_seeds", validationSpread);
            out.put("validation", v);
        }
        return out;
    }

    /**
     * The means over seeds of the given metrics, the mean forgetting of each task and the mean
     * accuracy matrix, of the given matrices.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> accuracyAggregate(Map<String, Object> spread, List<String> keys,
            List<AccuracyMatrix> matrices, int tasks) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : keys) {
            Map<String, Object> d = (Map<String, Object>) spread.get(key);
            out.put(key, d == null ? null : d.get("mean"));
        }
        double[][] perSeed = new double[matrices.size()][];
        for (int k = 0; k < perSeed.length; k++) {
            perSeed[k] = matrices.get(k).forgetting();
        }
        double[] forgetting = new double[tasks - 1];
        double[] task = new double[perSeed.length];
        for (int j = 0; j < forgetting.length; j++) {
            for (int k = 0; k < perSeed.length; k++) {
                task[k] = perSeed[k][j];
            }
            forgetting[j] = SeedSummary.mean(task);
        }
        out.put("forgetting_per_task", forgetting);
        AccuracyMatrix mean = AccuracyMatrix.mean(matrices);
        double[][] rows = new double[mean.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = mean.row(i);
        }
        out.put("accuracy_matrix", rows);
        return out;
    }

    /**
     * The spread over seeds of each summary metric: {@code mean}, {@code sd}, {@code ci95_low},
     * {@code ci95_high} (null with one seed) and {@code n}; null for a metric some seed leaves
     * undefined. Also what {@code engram compare} computes over the seeds of runs it pools.
     *
     * @param seeds each seed's metrics, by key ({@link #SUMMARY_KEYS} among them)
     * @return the spread by key, in {@link #SUMMARY_KEYS} order
     */
    static Map<String, Object> overSeeds(List<Map<String, Object>> seeds) {
        return overSeeds(seeds, SUMMARY_KEYS);
    }

    /**
     * The spread over seeds of each validation metric ({@link #VALIDATION_KEYS}), as
     * {@link #overSeeds(List)} gives the test metrics'.
     *
     * @param seeds each seed's metrics, by key, {@code validation} among them
     * @return the spread by key, or null when a seed has no validation metrics
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> validationOverSeeds(List<Map<String, Object>> seeds) {
        List<Map<String, Object>> validation = new ArrayList<>();
        for (Map<String, Object> seed : seeds) {
            Object v = seed.get("validation");
            if (!(v instanceof Map)) {
                return null;
            }
            validation.add((Map<String, Object>) v);
        }
        return validation.isEmpty() ? null : overSeeds(validation, VALIDATION_KEYS);
    }

    /** As {@link #overSeeds(List)}, of the given metrics, in their order. */
    private static Map<String, Object> overSeeds(List<Map<String, Object>> seeds, List<String> keys) {
        Map<String, Object> spread = new LinkedHashMap<>();
        for (String key : keys) {
            double[] values = new double[seeds.size()];
            boolean defined = true;
            for (int i = 0; i < values.length; i++) {
                Object v = seeds.get(i).get(key);
                defined &= v != null;
                values[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
            }
            if (!defined) {
                spread.put(key, null);
                continue;
            }
            SeedSummary s = SeedSummary.of(values);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("mean", s.mean());
            d.put("sd", finite(s.sd()));
            d.put("ci95_low", finite(s.low()));
            d.put("ci95_high", finite(s.high()));
            d.put("n", s.n());
            spread.put(key, d);
        }
        return spread;
    }

    /**
     * The summary a metric's spread holds, as {@link #overSeeds} wrote it: its interval's
     * half-width taken from the interval's ends, NaN where they (or the sd) are null, of one seed.
     *
     * @param spread a metric's spread: {@code mean}, {@code sd}, {@code ci95_low}, {@code ci95_high}, {@code n}
     * @return the summary, at 95% confidence
     */
    static SeedSummary summaryOf(Map<?, ?> spread) {
        Object sd = spread.get("sd");
        Object low = spread.get("ci95_low");
        double half = low == null ? Double.NaN
                : (((Number) spread.get("ci95_high")).doubleValue() - ((Number) low).doubleValue()) / 2;
        return new SeedSummary(((Number) spread.get("n")).intValue(), ((Number) spread.get("mean")).doubleValue(),
                sd == null ? Double.NaN : ((Number) sd).doubleValue(), half, SeedSummary.CONFIDENCE_95);
    }

    /** The units' accuracy matrices, those {@code matrix} takes from each. */
    private static List<AccuracyMatrix> matrices(List<UnitProgress> us, Function<UnitProgress, double[][]> matrix) {
        List<AccuracyMatrix> matrices = new ArrayList<>();
        for (UnitProgress u : us) {
            matrices.add(AccuracyMatrix.of(matrix.apply(u)));
        }
        return matrices;
    }

    Map<String, Object> metrics() {
        if (metrics == null) {
            metrics = Collections.unmodifiableMap(makeMetrics());
        }
        return metrics;
    }

    private Map<String, Object> makeMetrics() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("experiment", config.name());
        root.put("run_id", runId);
        root.put("scenario", config.tasks().scenario().name().toLowerCase(Locale.ROOT));
        root.put("sequence", config.tasks().sequence().name().toLowerCase(Locale.ROOT));
        root.put("tasks", tasks.stream().map(Task::name).toList());
        List<Map<String, Object>> samples = new ArrayList<>();
        for (Task t : tasks) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("train", t.trainSamples());
            one.put("test", t.testSamples());
            if (validated()) {
                one.put("validation", t.validationSamples());
            }
            samples.add(one);
        }
        root.put("task_samples", samples);
        if (validated()) {
            root.put("validation_fraction", config.tasks().validation());
        }
        root.put("seeds", config.seeds());
        Map<String, Object> strategies = new LinkedHashMap<>();
        for (ExperimentConfig.StrategySpec spec : config.strategies()) {
            List<UnitProgress> us = unitsOf(spec.label());
            Map<String, Object> seeds = new LinkedHashMap<>();
            List<Map<String, Object>> list = new ArrayList<>();
            for (UnitProgress u : us) {
                Map<String, Object> m = seedMetrics(u);
                seeds.put(Long.toString(u.seed()), m);
                list.add(m);
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", spec.name());
            s.put("params", spec.params());
            s.put("seeds", seeds);
            s.put("aggregate", aggregate(list, matrices(us, UnitProgress::matrix),
                    us.stream().allMatch(UnitProgress::validated)
                    ? matrices(us, UnitProgress::validationMatrix) : List.of(), config.tasks().count()));
            strategies.put(spec.label(), s);
        }
        root.put("strategies", strategies);
        root.put("energy", config.energy());
        root.put("notes", notes());
        root.put("provenance", provenance);
        return root;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    String matrixCsv() {
        return matrixCsv(UnitProgress::matrix);
    }

    /** {@return the validation accuracy matrices, in the layout of {@link #matrixCsv()}} */
    String validationMatrixCsv() {
        return matrixCsv(UnitProgress::validationMatrix);
    }

    private String matrixCsv(Function<UnitProgress, double[][]> matrix) {
        StringBuilder sb = new StringBuilder();
        for (ExperimentConfig.StrategySpec spec : config.strategies()) {
            List<UnitProgress> us = unitsOf(spec.label());
            for (UnitProgress u : us) {
                append(sb, spec.label(), Long.toString(u.seed()), AccuracyMatrix.of(matrix.apply(u)).toCsv());
            }
            if (us.size() > 1) {
                append(sb, spec.label(), "mean", AccuracyMatrix.mean(matrices(us, matrix)).toCsv());
            }
        }
        return sb.toString();
    }

    /** Prefixes the CSV of one matrix with strategy and seed columns; the header is written once. */
    private static void append(StringBuilder sb, String strategy, String seed, String csv) {
        String[] lines = csv.split("\n");
        if (sb.length() == 0) {
            sb.append("strategy,seed,").append(lines[0]).append('\n');
        }
        for (int i = 1; i < lines.length; i++) {
            sb.append(strategy).append(',').append(seed).append(',').append(lines[i]).append('\n');
        }
    }

    String logCsv() {
        StringBuilder sb = new StringBuilder(LOG_HEADER).append('\n');
        for (UnitProgress u : units) {
            for (EpochRecord e : u.epochs()) {
                sb.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%.6f,%.6f,%.3f,%.1f\n", e.strategy(), e.seed(),
                        e.task(), e.epoch(), e.loss(), e.trainAccuracy(), e.seconds(), e.samplesPerSecond()));
            }
        }
        return sb.toString();
    }

    String epochAccuracyCsv() {
        return epochAccuracyCsv(UnitProgress::epochAccuracy);
    }

    /** {@return the accuracies on the validation samples after every epoch, as {@link #epochAccuracyCsv()}} */
    String validationEpochAccuracyCsv() {
        return epochAccuracyCsv(u -> u.validationEpochAccuracy() == null ? List.of() : u.validationEpochAccuracy());
    }

    /** {@return the header of the epoch accuracy files: the epoch's key, then a column per task} */
    static String epochAccuracyHeader(int tasks) {
        StringBuilder sb = new StringBuilder("strategy,seed,task,epoch");
        for (int j = 0; j < tasks; j++) {
            sb.append(",task_").append(j);
        }
        return sb.toString();
    }

    /** One line per evaluated epoch: its strategy, seed, task and epoch, then the accuracy on every task. */
    private String epochAccuracyCsv(Function<UnitProgress, List<double[]>> accuracies) {
        StringBuilder sb = new StringBuilder(epochAccuracyHeader(config.tasks().count())).append('\n');
        for (UnitProgress u : units) {
            List<double[]> rows = accuracies.apply(u);
            for (int k = 0; k < rows.size(); k++) {
                EpochRecord e = u.epochs().get(k);
                sb.append(e.strategy()).append(',').append(e.seed()).append(',').append(e.task()).append(',')
                        .append(e.epoch());
                for (double a : rows.get(k)) {
                    sb.append(String.format(Locale.ROOT, ",%.6f", a));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    String summary() {
        return SummaryWriter.markdown(config, runId, tasks, metrics(), data, provenance);
    }
}
