package org.engram.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The Engram builds that trained the runs of a comparison, from their provenance: results of other
 * code can differ where the seeds and settings agree, and a build with uncommitted changes is not
 * named by its commit.
 *
 * @param each  each run's commits, {@code A: 75cbe5e then abc1234} (without the tag for one run)
 * @param all   every commit of every run
 * @param dirty each build with uncommitted changes, {@code B: def5678-dirty}
 */
record RunBuilds(List<String> each, Set<String> all, List<String> dirty) {
    /** What a run's provenance lists when it does not say which build trained it. */
    private static final String UNKNOWN = "unknown";

    /**
     * Reads the builds of the runs.
     *
     * @param results the runs, in comparison order
     * @param tag     the tag of run {@code i}
     * @return their builds
     */
    static RunBuilds of(List<RunResults> results, IntFunction<String> tag) {
        Set<String> all = new LinkedHashSet<>();
        List<String> each = new ArrayList<>();
        List<String> dirty = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            List<String> commits = commits(results.get(i));
            all.addAll(commits);
            String name = results.size() > 1 ? tag.apply(i) + ": " : "";
            each.add(name + String.join(" then ", commits));
            commits.stream().filter(c -> c.endsWith("-dirty")).forEach(c -> dirty.add(name + c));
        }
        return new RunBuilds(List.copyOf(each), Set.copyOf(all), List.copyOf(dirty));
    }

    /**
     * The Engram commits that trained a run (several when resumed by another build), from its
     * provenance; {@code unknown} where the file does not say.
     *
     * @param r a run
     * @return its commits, in the order they trained it
     */
    static List<String> commits(RunResults r) {
        JsonNode provenance = r.metrics().path("provenance");
        List<String> commits = new ArrayList<>();
        provenance.path("engram_commits").forEach(c -> commits.add(c.asText()));
        if (commits.isEmpty()) {
            // Written before the list was kept: the commit of the session that finished the run.
            commits.add(provenance.path("engram_commit").isTextual() ? provenance.path("engram_commit").asText()
                    : UNKNOWN);
        }
        return commits;
    }

    /** @return a comparison's notes on the builds: several builds, uncommitted changes; empty if neither */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (all.size() > 1) {
            notes.add((each.size() > 1 ? "the runs were" : "the run was") + " trained by different Engram builds ("
                    + String.join("; ", each) + "): results may differ by the code as well as by settings and seeds");
        }
        if (!dirty.isEmpty()) {
            notes.add("built with uncommitted changes, which the commit does not identify: " + String.join("; ",
                    dirty));
        }
        return notes;
    }

    /**
     * What keeps the runs' rows from comparing like with like by their code: several builds, a
     * build with uncommitted changes (two runs of one such commit may have had other changes), or a
     * build the provenance does not name.
     *
     * @return one line each, e.g. {@code Engram builds (A: 75cbe5e; B: abc1234)}; empty if none
     */
    List<String> incomparable() {
        List<String> found = new ArrayList<>();
        if (all.size() > 1) {
            found.add("Engram builds (" + String.join("; ", each) + ")");
        }
        if (!dirty.isEmpty()) {
            found.add("uncommitted changes (" + String.join("; ", dirty) + ")");
        }
        if (all.size() == 1 && all.contains(UNKNOWN)) {
            found.add("an Engram build its provenance does not name (" + String.join("; ", each) + ")");
        }
        return found;
    }
}
