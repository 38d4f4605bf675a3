package org.engram.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.engram.experiments.config.ConfigLayers;
import org.engram.simulator.EngramException;
import org.engram.simulator.IoReasons;

/**
 * The keys in which runs' resolved {@code config.yaml} differ, for {@code engram compare} (and for
 * a {@code --resume} given another config than the run's, {@link #between}): two runs
 * of one strategy with other epochs, data or hyperparameters measure different things, and their
 * rows look alike. A strategy's keys are compared among the runs that have a strategy of its label
 * (a strategy of one run alone is what a comparison compares). Names and thread counts (which do
 * not change results), scenario and sequence (noted with the runs' other settings) are left out.
 */
final class ConfigDifferences {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Keys not reported: what is compared, what does not change results, and what other notes cover. */
    private static final Set<String> LEFT_OUT = Set.of("name", "threads", "tasks.scenario", "tasks.sequence");
    /** Where the keys of each strategy begin, e.g. {@code strategies[ewc].params.lambda}. */
    private static final String STRATEGY = "strategies[";
    /** The key that stands for which strategies a config has, as {@code [ewc, naive]}. */
    private static final String STRATEGY_SET = "strategies";
    /** The key of the folder the data was read from. */
    private static final String DATA_PATH = "data.path";
    /** The key of the seeds, which stands for the set of a pool's seeds, of all its runs. */
    private static final String SEEDS = "seeds";

    private ConfigDifferences() {
    }

    /**
     * Refuses a run whose {@code config.yaml} is not the file it was made with: the settings
     * compared, and the pooling of runs that differ only in their seeds, are read from that file,
     * so an edit would pool or set apart runs by settings they were not trained with. The rule is
     * {@code --resume}'s: the run id carries the hash of the file's text or of its resolution now
     * (a file only reformatted, with other line endings or a comment, still resolves to it). A run
     * without config.yaml (which the notes report) is not checked.
     *
     * @param run a run read for a comparison
     * @throws EngramException naming the file, when neither its text nor its resolution is the run's
     */
    static void requireAsRun(RunResults run) {
        Path file = run.directory().resolve("config.yaml");
        if (!Files.isRegularFile(file)) {
            return;
        }
        if (!RunFolder.isRunId(run.runId())) {
            // No hash to check the config by: the run id, not the config, is what was changed.
            throw new EngramException(run.directory().resolve("metrics.json").toString(), "run_id", "a run id as engram"
                    + " run gives it, e.g. 20261130T081500Z-3fa2c1 (its last 6 hex digits are of the run's config)",
                    "'" + run.runId() + "'", "restore it: compare checks the run's config.yaml by it");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new EngramException(file + ": cannot read: " + IoReasons.of(e), e);
        }
        if (RunFolder.carries(run.runId(), text)) {
            return;
        }
        String resolved = resolvedOrNull(file);
        if (resolved != null && RunFolder.carries(run.runId(), resolved)) {
            return;
        }
        throw new EngramException(file.toString(), null, "the config the run was made with (whose hash its run id "
                + run.runId() + " carries)", "an edited file", "restore it: compare reads the run's settings from it");
    }

    /**
     * A run's config as this Engram reads it, every key with its value: a key added since the run
     * (data.classes, say) then reads as its default in both, where the texts would differ in it.
     * A config this Engram refuses is compared as written.
     */
    private static String comparable(Path file) throws IOException {
        String resolved = resolvedOrNull(file);
        return resolved != null ? resolved : Files.readString(file);
    }

    /** A config file resolved as a run resolves it, or null when this Engram refuses it (its text then decides). */
    private static String resolvedOrNull(Path file) {
        try {
            return ConfigLayers.resolve(file, List.of(), ConfigLayers.Flags.NONE).yaml();
        } catch (RuntimeException refused) {
            return null;
        }
    }

    /**
     * Notes on the config keys in which the runs differ: one naming every such key with each run's
     * value, and one for each run whose {@code config.yaml} is missing or unreadable. A pool of
     * runs that differ only in their seeds counts as one run with the seeds of all of them.
     *
     * @param pools the run folders of each pool (one for a run alone), in comparison order
     * @param tag   the tag of pool {@code i} ({@code A}, {@code B}, {@code A+B}, ...)
     * @return the notes, empty when the configs agree
     */
    static List<String> of(List<List<Path>> pools, IntFunction<String> tag) {
        return found(pools, tag).notes();
    }

    /**
     * What the configs of a comparison's pools differ in, key by key, and which could not be read.
     *
     * @param keys       each key in which they differ, by key, with every pool's value:
     *                   {@code training.epochs (A: 2, B: 3)}; in the first config's order
     * @param unreadable a note for each pool whose {@code config.yaml} is missing or unreadable
     */
    record Found(Map<String, String> keys, List<String> unreadable) {
        /** No difference: what a comparison of one pool finds. */
        static final Found NONE = new Found(Map.of(), List.of());

        /** @return the comparison's notes: one naming every key, then one per unreadable config */
        List<String> notes() {
            return notes(keys.keySet());
        }

        /**
         * The notes of the differences that may make seed n of one run draw other weights, data
         * orders or spikes than seed n of another: those of the strategies' keys cannot (each
         * strategy's draws follow the seed alone), nor can the seeds of pools (rows are paired over
         * the same seeds).
         *
         * @return one note naming every such key, then one per unreadable config
         */
        List<String> drawNotes() {
            return notes(keys.keySet().stream().filter(key -> !ofStrategies(key) && !key.equals(SEEDS)).toList());
        }

        private List<String> notes(Collection<String> named) {
            List<String> notes = new ArrayList<>();
            if (!named.isEmpty()) {
                notes.add("the runs' configs differ in " + String.join("; ", named.stream().map(keys::get).toList()));
            }
            notes.addAll(unreadable);
            return notes;
        }
    }

    /**
     * The config keys in which the pools differ, as {@link #of} notes them.
     *
     * @param pools the run folders of each pool, in comparison order
     * @param tag   the tag of pool {@code i}
     * @return the keys and the unreadable configs
     */
    static Found found(List<List<Path>> pools, IntFunction<String> tag) {
        List<String> unreadable = new ArrayList<>();
        List<Map<String, String>> configs = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        List<Path> runs = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            Path file = pools.get(i).get(0).resolve("config.yaml");
            try {
                String yaml = comparable(file);
                Map<String, String> config = leaves(yaml, LEFT_OUT);
                // The notes go into a paper's .tex comments: a data folder by its name, not by its local path
                // (the data's digest, which the notes give where it differs, tells data apart).
                config.computeIfPresent(DATA_PATH, (key, path) -> path.equals("null") ? path
                        : String.valueOf(Path.of(path).getFileName()));
                // Which strategies (in any order, as pooling takes them): a strategy's keys are compared only
                // among the runs that have it, so a set that differs would not show.
                config.put(STRATEGY_SET, labels(tree(yaml), true));
                // Which seeds, as a set: those of every run of a pool, and a run's listed in any order (the same
                // seeds listed in another order train the same rows, which --strict must not refuse).
                config.put(SEEDS, seedsOf(pools.get(i)));
                configs.add(config);
                tags.add(tag.apply(i));
                runs.add(pools.get(i).get(0));
            } catch (IOException | RuntimeException e) {
                unreadable.add("run " + tag.apply(i) + " has no readable config.yaml (in its folder "
                        + pools.get(i).get(0).toAbsolutePath().normalize().getFileName() + "), so its settings are not"
                        + " compared");
            }
        }
        return new Found(differing(configs, tags, runs), unreadable);
    }

    /**
     * Whether a key that {@link #found} reports is of the strategies (which strategies a run has, or
     * a setting of one of them), in which the runs of a comparison are meant to differ.
     *
     * @param key e.g. {@code strategies}, {@code strategies[ewc].params.lambda} or {@code training.epochs}
     * @return true for the first two
     */
    static boolean ofStrategies(String key) {
        return key.equals(STRATEGY_SET) || key.startsWith(STRATEGY);
    }

    /**
     * What a sample count of 0 ("all") came to in a run, from its metrics.json's {@code task_samples}:
     * {@code all: 600}, or {@code all: 580 to 620} when the tasks differ; {@code all} when it does not say.
     */
    private static String allSamples(Path run, String set) {
        try {
            JsonNode tasks = JsonFiles.MAPPER.readTree(Files.readString(run.resolve("metrics.json")))
                    .path("task_samples");
            long fewest = Long.MAX_VALUE;
            long most = Long.MIN_VALUE;
            for (JsonNode task : tasks) {
                fewest = Math.min(fewest, task.path(set).asLong());
                most = Math.max(most, task.path(set).asLong());
            }
            return tasks.isEmpty() ? "all" : "all: " + (fewest == most ? fewest : fewest + " to " + most);
        } catch (IOException | RuntimeException unreadable) {
            return "all";
        }
    }

    /** The seeds of the runs of a pool together (or of one run), ascending, written as a config's list. */
    private static String seedsOf(List<Path> runs) throws IOException {
        Set<Long> seeds = new TreeSet<>();
        for (Path run : runs) {
            // As resolved, as the other keys are compared: a config that leaves seeds out has the default's.
            tree(comparable(run.resolve("config.yaml"))).path("seeds").forEach(seed -> seeds.add(seed.asLong()));
        }
        return seeds.toString();
    }

    /**
     * The keys in which a config given to {@code --resume} differs from the one the run started
     * with, other than {@code threads} (which may change).
     *
     * @param started the resolved config the run started with, as YAML
     * @param given   the resolved config given, as YAML
     * @return e.g. {@code training.epochs (run: 2, given: 3)}, one per key, in the started config's order
     */
    static List<String> between(String started, String given) {
        Set<String> leftOut = Set.of("threads");
        List<Map<String, String>> configs = new ArrayList<>();
        for (String yaml : List.of(started, given)) {
            JsonNode tree = tree(yaml);
            Map<String, String> leaves = new LinkedHashMap<>();
            flatten("", tree, leftOut, leaves);
            // Which strategies, in which order: the keys of each strategy do not show one added,
            // removed or moved.
            leaves.put(STRATEGY_SET, labels(tree, false));
            configs.add(leaves);
        }
        return new ArrayList<>(differing(configs, List.of("run", "given"), null).values());
    }

    /**
     * Whether two runs' configs differ in nothing but their seeds, name and threads (which change
     * no result), so that {@code engram compare} pools their seeds.
     *
     * @param a a run folder
     * @param b another
     * @return false also when a {@code config.yaml} is missing or unreadable
     */
    static boolean sameButSeeds(Path a, Path b) {
        Set<String> leftOut = Set.of("name", "threads", "seeds");
        try {
            return leaves(comparable(a.resolve("config.yaml")), leftOut)
                    .equals(leaves(comparable(b.resolve("config.yaml")), leftOut));
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    /** The labels of a config's strategies, in order or sorted, as {@code [naive, ewc]}. */
    private static String labels(JsonNode config, boolean sorted) {
        List<String> labels = new ArrayList<>();
        for (JsonNode strategy : config.path("strategies")) {
            labels.add(labelOf(strategy));
        }
        if (sorted) {
            Collections.sort(labels);
        }
        return "[" + String.join(", ", labels) + "]";
    }

    /**
     * Each key whose value differs among the configs, with every config's value; given the runs, a
     * sample count of 0 ("all") with what it came to in that run.
     */
    private static Map<String, String> differing(List<Map<String, String>> configs, List<String> tags,
                                                 List<Path> runs) {
        Set<String> keys = new LinkedHashSet<>();
        configs.forEach(c -> keys.addAll(c.keySet()));
        Map<String, String> differing = new LinkedHashMap<>();
        for (String key : keys) {
            boolean ofStrategy = key.startsWith(STRATEGY);
            Set<String> values = new LinkedHashSet<>();
            StringBuilder each = new StringBuilder();
            for (int i = 0; i < configs.size(); i++) {
                String v = configs.get(i).get(key);
                if (v == null && ofStrategy) {
                    continue;
                }
                v = v == null ? "absent" : v;
                values.add(v);
                boolean all = runs != null && v.equals("0") && key.startsWith("tasks.") && key.endsWith("_per_task");
                each.append(each.length() == 0 ? "" : ", ").append(tags.get(i)).append(": ").append(v)
                        .append(all ? " (" + allSamples(runs.get(i), key.substring(6, key.indexOf('_'))) + ")" : "");
            }
            if (values.size() > 1) {
                differing.put(key, key + " (" + each + ")");
            }
        }
        return differing;
    }

    /** The scalar leaves of a YAML config by key path, but for the keys left out. */
    private static Map<String, String> leaves(String yaml, Set<String> leftOut) {
        Map<String, String> leaves = new LinkedHashMap<>();
        flatten("", tree(yaml), leftOut, leaves);
        return leaves;
    }

    private static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the scalar leaves of {@code node} under {@code path}; a list of scalars is one value. */
    private static void flatten(String path, JsonNode node, Set<String> leftOut, Map<String, String> leaves) {
        if (path.equals("strategies") && node.isArray()) {
            for (JsonNode strategy : node) {
                flatten(STRATEGY + labelOf(strategy) + "]", ((ObjectNode) strategy).deepCopy().without("label"),
                        leftOut, leaves);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (!leftOut.contains(key)) {
                    flatten(key, field.getValue(), leftOut, leaves);
                }
            }
        } else if (node.isArray() && containsContainers(node)) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), leftOut, leaves);
            }
        } else {
            leaves.put(path, node.isNull() ? "null" : node.isValueNode() ? node.asText() : scalars(node));
        }
    }

    /** A strategy entry's label, else its name. */
    private static String labelOf(JsonNode strategy) {
        JsonNode label = strategy.path("label");
        return label.isTextual() ? label.asText() : strategy.path("name").asText();
    }

    private static boolean containsContainers(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainerNode()) {
                return true;
            }
        }
        return false;
    }

    /** A list of scalars as written in YAML's flow style: {@code [1, 2, 3]}. */
    private static String scalars(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return "[" + String.join(", ", items) + "]";
    }
}
