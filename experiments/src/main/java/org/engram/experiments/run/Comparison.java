package org.engram.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.engram.experiments.metrics.SeedSummary;
import org.engram.experiments.plot.StrategyComparisonPlot;
import org.engram.simulator.EngramException;

/**
 * Compares the strategies of one or more finished runs side by side: a table of every summary
 * metric over seeds ({@code comparison.md}, {@code comparison.csv}) and the ACC/BWT bar chart
 * ({@code plots/comparison}), written to {@code <results>/comparisons/<id>/}.
 */
public final class Comparison {
    private Comparison() {
    }

    /**
     * The comparison written.
     *
     * @param folder the comparison folder
     * @param table  the Markdown table
     * @param notes  what the runs differ in besides their strategies (scenario, sequence, data), one
     *               line each; empty when they differ in nothing else
     */
    public record Outcome(Path folder, String table, List<String> notes) {
    }

    /** The settings a comparison shows per run: runs that differ in them measure different things. */
    private static final List<String> SETTINGS = List.of("scenario", "sequence", "data");

    /**
     * Reads the runs and writes the comparison. With several runs every row names its run by a tag
     * ({@code naive [A]}), which the list of runs resolves.
     *
     * @param runs        run folders
     * @param resultsRoot results root; the comparison goes to {@code <root>/comparisons/<id>/}
     * @return the comparison
     */
    @SuppressWarnings("unchecked")
    public static Outcome write(List<Path> runs, Path resultsRoot) {
        List<RunResults> results = new ArrayList<>();
        Map<String, Path> byId = new HashMap<>();
        for (Path r : runs) {
            RunResults read = RunResults.read(r);
            Path first = byId.putIfAbsent(read.runId(), r);
            if (first != null) {
                // A copy, a link or the same folder written twice: one run's rows would stand twice.
                throw new EngramException(r.toString(), "runs", "each run once", "run " + read.runId() + " again, "
                        + "given first as " + first, null);
            }
            results.add(read);
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        List<StrategyComparisonPlot.Entry> entries = new ArrayList<>();
        int tasks = -1;
        StringBuilder csv = new StringBuilder("strategy,run,seeds");
        for (String key : MetricsWriter.SUMMARY_KEYS) {
            csv.append(',').append(key).append("_mean,").append(key).append("_ci95_half_width");
        }
        csv.append(",run_tag,scenario,sequence,data\n");
        for (int i = 0; i < results.size(); i++) {
            RunResults r = results.get(i);
            if (tasks >= 0 && tasks != r.tasks().size()) {
                throw new EngramException(r.directory().toString(), "tasks", "runs with the same number of tasks ("
                        + tasks + ")", Integer.toString(r.tasks().size()), null);
            }
            tasks = r.tasks().size();
            String tag = results.size() > 1 ? tag(i) : null;
            for (RunResults.Strategy s : r.strategies()) {
                String label = tag == null ? s.label() : s.label() + " [" + tag + "]";
                JsonNode node = r.metrics().get("strategies").get(s.label());
                JsonNode over = node.path("aggregate").path("over_seeds");
                if (!over.isObject()) {
                    throw new EngramException(r.directory().resolve("metrics.json").toString(), "strategies."
                            + s.label() + ".aggregate.over_seeds", "the spread over seeds that engram run writes",
                            "none", null);
                }
                for (String key : MetricsWriter.SUMMARY_KEYS) {
                    checkSpread(r, "strategies." + s.label() + ".aggregate.over_seeds." + key, over.get(key));
                }
                merged.put(label, JsonFiles.MAPPER.convertValue(node, Map.class));
                if (tasks > 1) {
                    entries.add(RunPlots.entry(label, s));
                }
                csv.append(s.label()).append(',').append(r.runId()).append(',')
                        .append(s.seeds().size());
                for (String key : MetricsWriter.SUMMARY_KEYS) {
                    JsonNode m = over.get(key);
                    boolean defined = m != null && !m.isNull();
                    csv.append(',').append(defined ? m.get("mean").asText() : "");
                    // Unrounded, as the mean beside it: a table of the CSV rounds both alike.
                    csv.append(',').append(defined && !m.get("ci95_high").isNull() ? Double.toString(
                            (m.get("ci95_high").asDouble() - m.get("ci95_low").asDouble()) / 2) : "");
                }
                csv.append(',').append(tag == null ? "" : tag);
                for (String setting : SETTINGS) {
                    csv.append(',').append(setting(r, setting));
                }
                csv.append('\n');
            }
        }
        String table = SummaryWriter.table(Map.of("strategies", merged));
        List<String> notes = differences(results);
        if (results.size() > 1) {
            notes.addAll(ConfigDifferences.of(runs, Comparison::tag));
        }
        StringBuilder md = new StringBuilder("# Comparison\n\nRuns:\n");
        for (int i = 0; i < results.size(); i++) {
            RunResults r = results.get(i);
            md.append("- ").append(results.size() > 1 ? "[" + tag(i) + "] " : "").append(r.directory().toAbsolutePath())
                    .append(" (").append(r.experiment()).append(" ").append(r.runId()).append(", ")
                    .append(r.tasks().size()).append(" tasks");
            for (String setting : SETTINGS) {
                md.append(", ").append(setting).append(' ').append(setting(r, setting));
            }
            md.append(")\n");
        }
        for (String note : notes) {
            md.append("\n**Note:** ").append(note).append('\n');
        }
        md.append('\n').append(table).append('\n').append(SummaryWriter.TABLE_NOTE).append(".\n");
        // A comparison is not resumed: a stopped one leaves no folder.
        RunFolder folder = RunFolder.createNewDisposable(resultsRoot, "comparisons", Instant.now(), runs.toString());
        try {
            folder.writeString("comparison.md", md.toString());
            folder.writeString("comparison.csv", csv.toString());
            if (!entries.isEmpty()) {
                StrategyComparisonPlot.of(entries, "Strategies compared").write(folder, "plots/comparison");
            }
            return new Outcome(folder.commit(), table, notes);
        } catch (RuntimeException | Error e) {
            folder.discardAfter(e);
            throw e;
        }
    }

    /**
     * Checks one metric's spread over seeds as the table and CSV read it: null (undefined, e.g. BWT
     * of one task), or a numeric {@code mean} in the metric's range with {@code ci95_low} and
     * {@code ci95_high} both numbers around it, or both null (one seed).
     *
     * @throws EngramException naming the file and key, if the spread is missing or damaged
     */
    private static void checkSpread(RunResults r, String key, JsonNode spread) {
        String file = r.directory().resolve("metrics.json").toString();
        if (spread == null) {
            throw new EngramException(file, key, "the metric, or null where it is undefined", "no such key", null);
        }
        if (spread.isNull()) {
            return;
        }
        JsonNode mean = spread.path("mean");
        JsonNode low = spread.path("ci95_low");
        JsonNode high = spread.path("ci95_high");
        if (!(mean.isNumber() && (low.isNumber() && high.isNumber() || low.isNull() && high.isNull()))) {
            throw new EngramException(file, key,
                    "null, or a number 'mean' with numbers 'ci95_low' and 'ci95_high' (both null with one seed)",
                    spread.toString(), null);
        }
        String metric = key.substring(key.lastIndexOf('.') + 1);
        double m = mean.asDouble();
        // Accuracies lie in [0, 1], differences of them in [-1, 1], times and rates are >= 0.
        boolean accuracy = metric.equals("acc") || metric.equals("learning_accuracy");
        boolean difference = metric.equals("bwt") || metric.equals("fwt") || metric.equals("forgetting");
        double lowest = difference ? -1 : 0;
        double highest = accuracy || difference ? 1 : Double.POSITIVE_INFINITY;
        if (!(m >= lowest && m <= highest)) {
            throw new EngramException(file, key + ".mean", accuracy ? "an accuracy in [0, 1]"
                    : difference ? "a difference of accuracies in [-1, 1]" : "a number >= 0", mean.toString(), null);
        }
        if (low.isNumber() && !(low.asDouble() <= m && m <= high.asDouble())) {
            throw new EngramException(file, key, "ci95_low <= mean <= ci95_high", spread.toString(), null);
        }
    }

    /** @return the tag of run {@code i}: A to Z, then numbers */
    private static String tag(int i) {
        return i < 26 ? String.valueOf((char) ('A' + i)) : Integer.toString(i + 1);
    }

    /** A run's scenario, sequence, or data (how it was found, and the first digits of its SHA-256). */
    private static String setting(RunResults r, String setting) {
        JsonNode m = r.metrics();
        if (!setting.equals("data")) {
            return m.path(setting).asText("?");
        }
        JsonNode p = m.path("provenance");
        String origin = p.path("data_origin").asText("");
        if (origin.isEmpty() || origin.equals("null")) {
            return "generated";
        }
        String sha = p.path("data_sha256").asText("");
        return origin.toLowerCase(Locale.ROOT) + (sha.length() >= 8 ? " " + sha.substring(0, 8) : "");
    }

    /** One line per setting in which the runs differ, naming each run's value. */
    private static List<String> differences(List<RunResults> results) {
        List<String> notes = new ArrayList<>();
        for (String setting : SETTINGS) {
            Set<String> values = new LinkedHashSet<>();
            StringBuilder each = new StringBuilder();
            for (int i = 0; i < results.size(); i++) {
                String v = setting(results.get(i), setting);
                values.add(v);
                each.append(i == 0 ? "" : ", ").append(tag(i)).append(": ").append(v);
            }
            if (values.size() > 1) {
                notes.add("the runs differ in " + setting + " (" + each + "); their metrics measure different things");
            }
        }
        Set<List<String>> tasks = new LinkedHashSet<>();
        StringBuilder each = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            tasks.add(results.get(i).tasks());
            each.append(i == 0 ? "" : "; ").append(tag(i)).append(": ").append(String.join(", ", results.get(i).tasks()));
        }
        if (tasks.size() > 1) {
            notes.add("the runs differ in their tasks (" + each + "); their metrics measure different things");
        }
        return notes;
    }
}
