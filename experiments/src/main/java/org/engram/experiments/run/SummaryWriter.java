package org.engram.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.data.LocatedData;
import org.engram.experiments.metrics.MetricFormat;
import org.engram.simulator.Plural;

/** Writes {@code summary.md}: what was run, the table of strategies, and each mean accuracy matrix. */
final class SummaryWriter {
    /** What the metrics are, for the summaries and tables that show them. */
    static final String DEFINITIONS = "ACC: mean final accuracy over tasks; BWT: mean change of a task's accuracy"
            + " from just after learning it to the end (negative = forgetting); FWT: mean accuracy on a task before"
            + " learning it, minus that of the untrained network (BWT and FWT average over T - 1 tasks, 1/(T-1), as"
            + " the equations of Lopez-Paz and Ranzato 2017; GEM's released code divides by T); forgetting: mean over"
            + " the tasks before the last of the best accuracy in any earlier row (rows before the task was learned"
            + " included) minus the final accuracy (Chaudhry et al. 2018; negative where the final accuracy is above"
            + " every earlier row's); learning accuracy: mean accuracy on each"
            + " task just after learning it (Riemer et al. 2019); over seeds, each metric is the mean of the seeds'"
            + " own";
    /**
     * What a LaTeX table of runs that held samples out for validation adds to saying so: its accuracies
     * are on the test samples, not on the held-out ones (the tables have no column of those).
     */
    static final String HELD_OUT_NOTE = "every accuracy in the table is on test samples; those on the held-out"
            + " samples, which choose hyperparameters, are in the run's summary.md";
    /**
     * What the Markdown tables' timings measure. The first unit of a process runs while the JVM
     * compiles the training code: its first task was measured at 530 samples/s against about 7,000 after.
     */
    static final String TIMING_NOTE = "wall time and samples/s measure this machine, not the method, and the first"
            + " unit a process trains (the first strategy's first seed, unless resumed) also pays the Java runtime's"
            + " compiling of the training code, several times slower on its first task";

    private SummaryWriter() {
    }

    /** A count the tasks share, or its range over them: {@code 500} or {@code 480-500}. */
    private static String range(List<MetricsWriter.Task> tasks,
            java.util.function.ToIntFunction<MetricsWriter.Task> count) {
        int min = tasks.stream().mapToInt(count).min().orElse(0);
        int max = tasks.stream().mapToInt(count).max().orElse(0);
        return min == max ? Integer.toString(min) : min + "-" + max;
    }

    /**
     * The strategies with their hyperparameters as the run used them (defaults filled in):
     * {@code naive; ewc (lambda 1000.0, fisher_samples 200)}, a label other than the name as
     * {@code strong = ewc (...)}, a chain's members' parameters under their names.
     */
    @SuppressWarnings("unchecked")
    static String strategies(Map<String, Object> strategies) {
        List<String> each = new ArrayList<>();
        for (Map.Entry<String, Object> e : strategies.entrySet()) {
            Map<String, Object> s = (Map<String, Object>) e.getValue();
            String name = String.valueOf(s.get("name"));
            JsonNode params = (JsonNode) s.get("params");
            each.add((e.getKey().equals(name) ? name : e.getKey() + " = " + name)
                    + (params == null || params.isEmpty() ? "" : " (" + parameters(params) + ")"));
        }
        return String.join("; ", each);
    }

    /** Parameters as {@code key value, key value}, a mapping's inside parentheses after its key. */
    private static String parameters(JsonNode params) {
        List<String> each = new ArrayList<>();
        params.fields().forEachRemaining(f -> each.add(f.getKey() + (f.getValue().isObject()
                ? " (" + parameters(f.getValue()) + ")" : " " + (f.getValue().isValueNode() ? f.getValue().asText()
                : f.getValue().toString()))));
        return String.join(", ", each);
    }

    /**
     * What made the run: the Engram builds that trained it, the Java runtime, and the digests of its
     * data and config, or null without a provenance.
     */
    static String madeBy(Provenance p) {
        if (p == null) {
            return null;
        }
        return "Engram " + String.join(" then ", p.engramCommits()) + " (" + p.engramVersion() + "), Java "
                + p.javaVersion() + (p.dataSha256() == null ? "" : "; data SHA-256 " + shortHash(p.dataSha256()))
                + "; config SHA-256 " + shortHash(p.configSha256());
    }

    /**
     * {@return the worker threads, {@code "2 threads"}, and with units trained side by side ({@code --jobs}) how
     * many: {@code "2 threads per unit, 3 units at once"}}
     */
    private static String threads(ExperimentConfig c, Provenance provenance) {
        int jobs = provenance == null ? 1 : Math.min(provenance.jobs(), c.strategies().size() * c.seeds().size());
        return Plural.count(c.threads(), "thread") + (jobs > 1 ? " per unit, " + jobs + " units at once" : "");
    }

    /** The first 12 hex digits of a digest, as the other summaries shorten them. */
    private static String shortHash(String sha256) {
        return sha256 == null ? "unknown" : sha256.substring(0, Math.min(12, sha256.length()));
    }

    @SuppressWarnings("unchecked")
    static String markdown(ExperimentConfig c, String runId, List<MetricsWriter.Task> tasks,
            Map<String, Object> metrics, LocatedData data, Provenance provenance) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(c.name()).append(" (run ").append(runId).append(")\n\n");
        ExperimentConfig.TasksSpec t = c.tasks();
        sb.append("- ").append(lower(t.sequence())).append(" sequence, ").append(lower(t.scenario()).replace('_', '-'))
                .append(" learning, ").append(Plural.count(t.count(), "task")).append(": ")
                .append(tasks.stream().map(MetricsWriter.Task::name).collect(java.util.stream.Collectors.joining("; ")))
                .append('\n');
        if (c.learner().kind() == ExperimentConfig.LearnerKind.DIEHL_COOK) {
            ExperimentConfig.LearnerSpec l = c.learner();
            sb.append("- learner: Diehl and Cook (2015) unsupervised STDP network, ").append(l.neurons())
                    .append(" excitatory neurons, samples shown ").append(l.presentMs()).append(" ms with ")
                    .append(l.restMs()).append(" ms rest, ").append(c.training().epochs())
                    .append(" pass(es) per task; labelled after each task with ")
                    .append(l.labelPerTask() > 0 ? "the first " + l.labelPerTask() : "all")
                    .append(" training samples of every task seen; seeds ").append(c.seeds()).append(", ")
                    .append(threads(c, provenance)).append('\n');
        } else {
            sb.append("- network: hidden ").append(c.network().hidden()).append(' ')
                    .append(lower(c.network().neuron())).append(", readout ").append(lower(c.network().readout()))
                    .append("; encoder ").append(lower(c.encoder().kind())).append(", T = ").append(c.encoder().steps())
                    .append(" steps\n");
            sb.append("- training: ").append(Plural.count(c.training().epochs(), "epoch"))
                    .append(" per task, batch ")
                    .append(c.training().batchSize()).append(", ").append(lower(c.training().optimizer()))
                    .append(" lr ").append(c.training().learningRate()).append("; seeds ").append(c.seeds())
                    .append(", ").append(threads(c, provenance)).append('\n');
        }
        sb.append("- data: ").append(data == null ? "generated patterns" : data + ", " + c.data().classes()
                + " classes");
        // The samples the tasks have: train_per_task and test_per_task are limits, which data with fewer leaves unmet.
        sb.append("; ").append(range(tasks, MetricsWriter.Task::trainSamples)).append(" training and ")
                .append(range(tasks, MetricsWriter.Task::testSamples)).append(" test samples per task");
        if (t.validation() > 0) {
            sb.append(", and ").append(range(tasks, MetricsWriter.Task::validationSamples))
                    .append(" training samples held out for validation (tasks.validation ").append(t.validation())
                    .append(", each class's share, drawn by the seed)");
        }
        sb.append('\n');
        sb.append("- strategies: ").append(strategies((Map<String, Object>) metrics.get("strategies"))).append('\n');
        String madeBy = madeBy(provenance);
        if (madeBy != null) {
            sb.append("- made by: ").append(madeBy).append('\n');
        }
        sb.append('\n');
        ResultTable table = ResultTable.of((Map<String, Object>) metrics.get("strategies"));
        sb.append(table.markdown());
        Map<String, Object> strategies = (Map<String, Object>) metrics.get("strategies");
        String over = c.seeds().size() > 1 ? "mean over seeds" : "seed " + c.seeds().get(0);
        for (Map.Entry<String, Object> e : strategies.entrySet()) {
            Map<String, Object> agg = (Map<String, Object>) ((Map<String, Object>) e.getValue()).get("aggregate");
            matrix(sb, e.getKey() + ": accuracy matrix (%), " + over, (double[][]) agg.get("accuracy_matrix"));
            Map<String, Object> validation = (Map<String, Object>) agg.get("validation");
            if (validation != null) {
                matrix(sb, e.getKey() + ": validation accuracy matrix (%), " + over,
                        (double[][]) validation.get("accuracy_matrix"));
            }
        }
        sb.append("\n## Notes\n\n");
        sb.append("- ").append(DEFINITIONS).append(" (forgetting, a maximum, can differ from that of the mean matrix"
                + " above); ").append(table.note()).append("; ").append(TIMING_NOTE).append(".\n");
        for (Object note : (List<Object>) metrics.get("notes")) {
            sb.append("- ").append(note).append(".\n");
        }
        sb.append("- Files: metrics.json, accuracy_matrix.csv, " + PerSeedCsv.FILE + " (each seed's metrics), log.csv"
                + " (per epoch), table.tex (the table above in LaTeX), ")
                .append(c.training().evaluateEveryEpoch() ? "epoch_accuracy.csv (every task after every epoch), " : "")
                .append(t.validation() > 0 ? MetricsWriter.VALIDATION_MATRIX_FILE + " (every task's validation"
                        + " samples after every task), " : "")
                .append(t.validation() > 0 && c.training().evaluateEveryEpoch() ? MetricsWriter.VALIDATION_EPOCH_FILE
                        + " (every task's validation samples after every epoch), " : "")
                .append("plots/ (PNG, SVG and PDF), checkpoints/ (learner state after the last task of each"
                        + " strategy and seed), config.yaml (resolved: `engram run config.yaml` repeats this run),"
                        + " data.json (where the data was found, its files, sizes and SHA-256" + (t.validation() > 0
                        ? ", and each task's samples trained on and held out" : "") + "), status.json (the"
                        + " run's state and finished tasks).\n");
        return sb.toString();
    }

    /** Appends a section with an accuracy matrix in percent, row i after task i. */
    private static void matrix(StringBuilder sb, String title, double[][] m) {
        sb.append("\n## ").append(title).append("\n\n");
        sb.append("| after task |");
        for (int j = 0; j < m.length; j++) {
            sb.append(" task ").append(j + 1).append(" |");
        }
        sb.append("\n|---|").append("---|".repeat(m.length)).append('\n');
        for (int i = 0; i < m.length; i++) {
            sb.append("| ").append(i + 1).append(" |");
            for (double v : m[i]) {
                sb.append(' ').append(MetricFormat.format("%.1f", 100 * v)).append(" |");
            }
            sb.append('\n');
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
