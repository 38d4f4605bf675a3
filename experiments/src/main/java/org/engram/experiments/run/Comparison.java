package org.engram.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
     */
    public record Outcome(Path folder, String table) {
    }

    /**
     * Reads the runs and writes the comparison.
     *
     * @param runs        run folders
     * @param resultsRoot results root; the comparison goes to {@code <root>/comparisons/<id>/}
     * @return the comparison
     */
    @SuppressWarnings("unchecked")
    public static Outcome write(List<Path> runs, Path resultsRoot) {
        List<RunResults> results = new ArrayList<>();
        Set<Path> distinct = new HashSet<>();
        for (Path r : runs) {
            if (!distinct.add(r.toAbsolutePath().normalize())) {
                throw new EngramException(r.toString(), "runs", "each run folder once", "given twice", null);
            }
            results.add(RunResults.read(r));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (RunResults r : results) {
            for (RunResults.Strategy s : r.strategies()) {
                seen.merge(s.label(), 1, Integer::sum);
            }
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        List<StrategyComparisonPlot.Entry> entries = new ArrayList<>();
        int tasks = -1;
        StringBuilder csv = new StringBuilder("strategy,run,seeds");
        for (String key : MetricsWriter.SUMMARY_KEYS) {
            csv.append(',').append(key).append("_mean,").append(key).append("_ci95_half_width");
        }
        csv.append('\n');
        for (RunResults r : results) {
            if (tasks >= 0 && tasks != r.tasks().size()) {
                throw new EngramException(r.directory().toString(), "tasks", "runs with the same number of tasks ("
                        + tasks + ")", Integer.toString(r.tasks().size()), null);
            }
            tasks = r.tasks().size();
            for (RunResults.Strategy s : r.strategies()) {
                String label = seen.get(s.label()) > 1 ? r.experiment() + "/" + r.runId() + "/" + s.label() : s.label();
                JsonNode node = r.metrics().get("strategies").get(s.label());
                JsonNode over = node.path("aggregate").path("over_seeds");
                if (!over.isObject()) {
                    throw new EngramException(r.directory().resolve("metrics.json").toString(), "strategies."
                            + s.label() + ".aggregate.over_seeds", "the spread over seeds that engram run writes",
                            "none", null);
                }
                merged.put(label, JsonFiles.MAPPER.convertValue(node, Map.class));
                if (tasks > 1) {
                    entries.add(RunPlots.entry(label, s));
                }
                csv.append(label).append(',').append(r.directory().getFileName()).append(',').append(s.seeds().size());
                for (String key : MetricsWriter.SUMMARY_KEYS) {
                    JsonNode m = over.get(key);
                    boolean defined = m != null && !m.isNull();
                    csv.append(',').append(defined ? m.get("mean").asText() : "");
                    csv.append(',').append(defined && !m.get("ci95_high").isNull() ? String.format(Locale.ROOT, "%.6g",
                            (m.get("ci95_high").asDouble() - m.get("ci95_low").asDouble()) / 2) : "");
                }
                csv.append('\n');
            }
        }
        String table = SummaryWriter.table(Map.of("strategies", merged));
        StringBuilder md = new StringBuilder("# Comparison\n\nRuns:\n");
        for (RunResults r : results) {
            md.append("- ").append(r.directory().toAbsolutePath()).append(" (").append(r.experiment()).append(", ")
                    .append(r.tasks().size()).append(" tasks)\n");
        }
        md.append('\n').append(table);
        RunFolder folder = RunFolder.createNew(resultsRoot, "comparisons", Instant.now(), runs.toString());
        try {
            folder.writeString("comparison.md", md.toString());
            folder.writeString("comparison.csv", csv.toString());
            if (!entries.isEmpty()) {
                StrategyComparisonPlot.of(entries, "Strategies compared").write(folder, "plots/comparison");
            }
            return new Outcome(folder.commit(), table);
        } catch (RuntimeException e) {
            folder.discard();
            throw e;
        }
    }
}
