package org.engram.experiments.run;

import java.util.List;
import java.util.Map;

/**
 * {@code per_seed.csv}: each seed's ACC, BWT, FWT, forgetting and learning accuracy, one line per strategy
 * (or row of a comparison) and seed, the numbers as {@code metrics.json} holds them. Wide rather than long
 * (one column per metric, not a {@code metric,value} pair per line) because pgfplots plots a column by its
 * name and cannot select lines, while pandas ({@code melt}) and R ({@code pivot_longer}) turn it long in one
 * call. A metric that is undefined (FWT in class-incremental learning, BWT of one task) is an empty field.
 * With validation samples ({@code tasks.validation}) the validation metrics follow, {@code val_} before
 * their keys. The columns are the same whether {@code engram run} or {@code engram compare} writes it.
 */
final class PerSeedCsv {
    /** The file's name, in a run's folder and a comparison's. */
    static final String FILE = "per_seed.csv";
    /** The accuracy metrics of a seed, which its validation samples have too. */
    private static final List<String> KEYS = MetricsWriter.VALIDATION_KEYS;

    private final StringBuilder csv = new StringBuilder("strategy,run_tag,run,seed");
    /** Whether the lines end with the validation metrics. */
    private final boolean validated;

    /**
     * Starts the file with its header.
     *
     * @param validated whether the seeds hold validation metrics, which adds the columns {@code val_acc},
     *                  {@code val_bwt}, {@code val_fwt}, {@code val_forgetting} and {@code val_learning_accuracy}
     */
    PerSeedCsv(boolean validated) {
        this.validated = validated;
        KEYS.forEach(key -> csv.append(',').append(key));
        if (validated) {
            KEYS.forEach(key -> csv.append(",val_").append(key));
        }
        csv.append('\n');
    }

    /**
     * Adds a seed's line.
     *
     * @param label   the strategy's label
     * @param tag     the row's run tag as the comparison shows it, empty for a run or a comparison of one pool
     * @param runId   the id of the run that trained the seed
     * @param seed    the seed
     * @param metrics the seed's metrics as {@code metrics.json} holds them, by key
     */
    void add(String label, String tag, String runId, long seed, Map<?, ?> metrics) {
        csv.append(ComparisonCsv.field(label)).append(',').append(ComparisonCsv.field(tag)).append(',')
                .append(runId).append(',').append(seed);
        values(metrics);
        if (validated) {
            values((Map<?, ?>) metrics.get("validation"));
        }
        csv.append('\n');
    }

    /** Appends the accuracy metrics of one matrix, each empty where undefined. */
    private void values(Map<?, ?> metrics) {
        for (String key : KEYS) {
            Object v = metrics == null ? null : metrics.get(key);
            csv.append(',').append(v == null ? "" : ComparisonCsv.number(v));
        }
    }

    /** @return the CSV text */
    String text() {
        return csv.toString();
    }
}
