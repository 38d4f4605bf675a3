package org.engram.experiments.run;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@code comparison.csv}: a row per row of the comparison's table, its numbers unrounded and
 * written out in full ({@code 0.000416...}, not Java's {@code 4.16...E-4}), so that a script or a
 * paper's table rounds them once. Columns are only ever added at the end: scripts read them by
 * position as well as by name. A text field with a comma or a double quote (a name given with
 * {@code --name}) is quoted as RFC 4180 has it. The ACC on validation samples comes last, and only
 * when a run compared held samples out ({@code tasks.validation}), as in the Markdown table: the
 * file of runs without validation is what it was before.
 */
final class ComparisonCsv {
    private final StringBuilder csv = new StringBuilder("strategy,run,seeds");
    /** Whether the rows end with the validation ACC's columns. */
    private final boolean validated;

    /**
     * Starts the file with its header.
     *
     * @param validated whether a run compared held samples out for validation, which adds the
     *                  columns {@code val_acc_mean}, {@code val_acc_ci95_half_width} and {@code val_acc_sd}
     */
    ComparisonCsv(boolean validated) {
        this.validated = validated;
        for (String key : MetricsWriter.SUMMARY_KEYS) {
            csv.append(',').append(key).append("_mean,").append(key).append("_ci95_half_width");
        }
        csv.append(",run_tag,scenario,sequence,data,engram_commits");
        for (String key : MetricsWriter.SUMMARY_KEYS) {
            csv.append(',').append(key).append("_sd");
        }
        csv.append(",seed_list").append(validated ? ",val_acc_mean,val_acc_ci95_half_width,val_acc_sd\n" : "\n");
    }

    /**
     * Adds a row.
     *
     * @param label     the strategy's label
     * @param runIds    the ids of the runs pooled in the row
     * @param seeds     the seeds the row is over
     * @param overSeeds each summary metric's spread over the seeds (mean, sd, ci95_low, ci95_high), or
     *                  none where it is undefined
     * @param tag       the row's run tag, empty when the comparison has one pool
     * @param settings  scenario, sequence and data, as the table's list of runs gives them
     * @param commits   the Engram builds that trained the row's runs
     * @param validationAcc the spread of the ACC on the validation samples over the seeds, or null for
     *                  runs without validation ({@code tasks.validation} 0), whose validation fields are empty
     */
    void add(String label, List<String> runIds, List<Long> seeds, Map<?, ?> overSeeds, String tag,
             List<String> settings, Collection<String> commits, Map<?, ?> validationAcc) {
        csv.append(field(label)).append(',').append(String.join("+", runIds)).append(',').append(seeds.size());
        for (String key : MetricsWriter.SUMMARY_KEYS) {
            meanAndHalfWidth((Map<?, ?>) overSeeds.get(key));
        }
        csv.append(',').append(field(tag));
        settings.forEach(s -> csv.append(',').append(field(s)));
        csv.append(',').append(String.join(" ", commits));
        for (String key : MetricsWriter.SUMMARY_KEYS) {
            sd((Map<?, ?>) overSeeds.get(key));
        }
        csv.append(',').append(String.join(" ", seeds.stream().map(String::valueOf).toList()));
        if (validated) {
            meanAndHalfWidth(validationAcc);
            sd(validationAcc);
        }
        csv.append('\n');
    }

    /** Appends a spread's mean and its 95% interval's half-width, each empty where undefined. */
    private void meanAndHalfWidth(Map<?, ?> m) {
        csv.append(',').append(m == null ? "" : number(m.get("mean")));
        csv.append(',').append(m == null || m.get("ci95_high") == null ? "" : number(
                (((Number) m.get("ci95_high")).doubleValue() - ((Number) m.get("ci95_low")).doubleValue()) / 2));
    }

    /** Appends a spread's standard deviation, empty where undefined (one seed). */
    private void sd(Map<?, ?> m) {
        csv.append(',').append(m == null || m.get("sd") == null ? "" : number(m.get("sd")));
    }

    /** A text field, in double quotes (each of its own doubled) where it holds a comma or a double quote. */
    static String field(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** A number as its shortest exact decimal, never in E notation. */
    static String number(Object value) {
        return BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
    }

    /** @return the CSV text */
    String text() {
        return csv.toString();
    }
}
