package org.engram.experiments.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.engram.simulator.EngramException;

/**
 * {@code engram compare --strict}: refuses runs whose rows would not compare like with like, that
 * is runs that differ in anything but their strategies and the strategies' settings. Refused: the
 * scenario, sequence or tasks; the data (by its SHA-256: where it was found, {@code data.path} or
 * {@code data.bundled}, may differ when the digests agree); every other config key, the seeds
 * included (rows over other seeds differ by more than their strategies); a config that cannot be
 * read; and the builds, when more than one trained the runs, one had uncommitted changes, or the
 * provenance does not name it, since nothing in a run says that two builds give the same results.
 * Names and thread counts are never compared (neither changes results).
 */
final class StrictComparison {
    /** Config keys that say where the data was found, not what it is: its digest decides. */
    private static final Set<String> DATA_LOCATION = Set.of("data.path", "data.bundled");

    private StrictComparison() {
    }

    /**
     * Refuses the runs when they differ in more than their strategies.
     *
     * @param results  the runs, in comparison order
     * @param heads    the first run of each pool (runs that differ only in seeds), in comparison order
     * @param settings the settings in which the pools differ, as {@code Comparison} notes them:
     *                 {@code scenario} to each pool's value, {@code A: task_incremental, B: class_incremental}
     * @param configs  the config keys in which the pools differ
     * @param builds   the builds that trained the runs
     * @param runTag   the tag of run {@code i}, for the list of runs
     * @throws EngramException listing every difference, with each run's tag and folder
     */
    static void require(List<RunResults> results, List<RunResults> heads, Map<String, String> settings,
                        ConfigDifferences.Found configs, RunBuilds builds, IntFunction<String> runTag) {
        boolean sameData = heads.stream().map(RunResults::dataDigest).distinct().count() == 1
                && !heads.get(0).dataDigest().isEmpty();
        List<String> found = new ArrayList<>();
        settings.forEach((setting, each) -> {
            if (!(setting.equals("data") && sameData)) {
                found.add(setting + " (" + each + ")");
            }
        });
        configs.keys().forEach((key, each) -> {
            if (!ConfigDifferences.ofStrategies(key) && !(DATA_LOCATION.contains(key) && sameData)) {
                found.add("config key " + each);
            }
        });
        found.addAll(configs.unreadable());
        found.addAll(builds.incomparable());
        if (found.isEmpty()) {
            return;
        }
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            runs.add((results.size() > 1 ? runTag.apply(i) + " " : "") + results.get(i).directory().toAbsolutePath());
        }
        StringBuilder list = new StringBuilder();
        found.forEach(difference -> list.append("\n  ").append(difference));
        // One run's strategies share every setting: only its builds can keep them apart.
        String expected = results.size() > 1 ? "runs that differ only in their strategies and the strategies' "
                + "settings" : "a run trained by one committed Engram build that its provenance names";
        throw new EngramException("engram compare", "--strict", expected, found.size()
                + (found.size() == 1 ? " difference" : " differences") + " (" + (results.size() > 1 ? "runs " : "run ")
                + String.join(", ", runs) + "):" + list
                + "\n  nothing was written; without --strict, compare writes the comparison with a note on each",
                null);
    }
}
