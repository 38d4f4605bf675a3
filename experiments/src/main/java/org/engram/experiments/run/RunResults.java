package org.engram.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.engram.simulator.IoReasons;
import org.engram.experiments.launch.LaunchCommand;
import org.engram.experiments.metrics.AccuracyMatrix;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Plural;

/**
 * The results of a finished run read back from its folder ({@code metrics.json} and
 * {@code log.csv}): what {@code engram plot} and {@code engram compare} draw from.
 *
 * @param directory  the run folder
 * @param experiment the experiment name
 * @param runId      the run id
 * @param tasks      the task names
 * @param strategies each strategy's per-seed accuracy matrices, in config order
 * @param epochs     every epoch of {@code log.csv}
 * @param metrics    the whole {@code metrics.json} tree
 * @param validationEpochs every epoch's accuracies on the validation samples
 *                   ({@code epoch_accuracy_validation.csv}), in the order of {@code epochs}; empty for a run
 *                   without that file
 */
public record RunResults(Path directory, String experiment, String runId, List<String> tasks,
                         List<Strategy> strategies, List<EpochRecord> epochs, JsonNode metrics,
                         List<EpochAccuracy> validationEpochs) {
    /**
     * The accuracy on every task after one epoch: a row of an epoch accuracy file.
     *
     * @param strategy   strategy label
     * @param seed       seed
     * @param task       the task trained, from 0
     * @param epoch      the epoch within it, from 0
     * @param accuracies the accuracy on each task, fractions in [0, 1]
     */
    public record EpochAccuracy(String strategy, long seed, int task, int epoch, double[] accuracies) {
    }

    /**
     * One strategy of the run.
     *
     * @param label              its label
     * @param name               its strategy's registry name, or names joined by '+' for a chain
     *                           ({@code metrics.json}'s {@code name}; the label for a file without one)
     * @param seeds              the seeds, in order
     * @param matrices           the accuracy matrix of each seed
     * @param validationMatrices the accuracy matrix of each seed's validation samples
     *                           ({@code tasks.validation}), in the order of {@code seeds}; empty for a run
     *                           without them
     */
    public record Strategy(String label, String name, List<Long> seeds, List<AccuracyMatrix> matrices,
                           List<AccuracyMatrix> validationMatrices) {
        /**
         * Copies the lists.
         *
         * @param label              its label
         * @param name               its strategy's registry name, or names joined by '+' for a chain
         * @param seeds              the seeds, in order
         * @param matrices           the accuracy matrix of each seed
         * @param validationMatrices the accuracy matrix of each seed's validation samples
         *                           ({@code tasks.validation}), in the order of {@code seeds}; empty for a run
         *                           without them
         */
        public Strategy {
            seeds = List.copyOf(seeds);
            matrices = List.copyOf(matrices);
            validationMatrices = List.copyOf(validationMatrices);
        }
    }

    /** The advice for a value that disagrees with the rest of the file. */
    private static final String EDITED = "the file was changed after engram run wrote it; restore it or run the "
            + "experiment again";

    /**
     * The digest of the data the run read, as its provenance gives it ({@code data_sha256}): SHA-256 of its
     * training and test sets.
     *
     * @return the digest's text as written, e.g. 64 hex digits; empty for generated data or none given
     */
    public String dataDigest() {
        return metrics.path("provenance").path("data_sha256").asText("");
    }

    /**
     * Reads the folder of a finished run, as {@code plot} and {@code compare} take: one whose status
     * says it is not finished (killed while it drew its plots, its metrics.json complete) is refused
     * with what it is and how to finish it, as one without metrics.json is, and so is a partial
     * folder whose status says complete (stopped before it was moved into place). A folder without a
     * readable status (copied without it, or from an Engram that kept none) is read as it is.
     *
     * @param directory the folder of a finished run
     * @return its results
     * @throws EngramException if the run is not finished, or as {@link #read}
     */
    public static RunResults readFinished(Path directory) {
        JsonNode status = null;
        try {
            status = JsonFiles.MAPPER.readTree(Files.readString(directory.resolve("status.json")));
        } catch (IOException | RuntimeException none) {
            // Not there or unreadable: the metrics alone say what the run holds.
        }
        String state = status == null ? "complete" : status.path("state").asText("complete");
        // Without metrics.json, read says so first, with the same account of what the folder is.
        boolean measured = Files.isRegularFile(directory.resolve("metrics.json"));
        if (!state.equals("complete") && measured) {
            throw new EngramException(directory.toString(), null, "the folder of a finished run",
                    "a run whose status.json says " + state, whatItIs(directory));
        }
        Path name = directory.toAbsolutePath().normalize().getFileName();
        Matcher partial = Runner.PARTIAL.matcher(name == null ? "" : name.toString());
        if (measured && partial.matches() && RunFolder.holder(directory) == RunFolder.Holder.HELD) {
            // Its process is between the last status and the move: in a moment the run is finished there,
            // and a resume would be refused for the lock.
            throw new EngramException(directory.toString(), null, "the folder of a finished run",
                    "the partial folder of a run that the engram process holding it is moving into place",
                    "give its final folder once it is there: " + directory.resolveSibling(partial.group(1)));
        }
        if (measured && partial.matches()) {
            // Killed after its last status, before the move into place: the resume moves it (a plot drawn
            // here would be replaced by the run's own).
            throw new EngramException(directory.toString(), null, "the folder of a finished run",
                    "the partial folder of a run that was stopped as it was moved into place",
                    "finish it with: " + LaunchCommand.resume(directory));
        }
        return read(directory);
    }

    /**
     * Reads a run folder.
     *
     * @param directory the folder of a finished run
     * @return its results
     * @throws EngramException if a file is missing or malformed; the message names the file and
     *                         the key, e.g. the strategy and seed of a bad accuracy matrix
     */
    public static RunResults read(Path directory) {
        if (Files.isRegularFile(directory)) {
            throw new EngramException(directory.toString(), null, "the folder of a finished run", "a file", null);
        }
        if (!Files.exists(directory)) {
            throw new EngramException(directory.toString(), null, "the folder of a finished run", "no such folder",
                    null);
        }
        Path file = directory.resolve("metrics.json");
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new EngramException(file.toString(), null,
                    "the metrics.json of a finished run (engram run writes it)",
                    "no such file", whatItIs(directory));
        } catch (IOException e) {
            throw new EngramException(file + ": cannot read: " + IoReasons.of(e), e);
        }
        JsonNode root = JsonFiles.parse(file, text);
        try {
            String experiment = required(file, root, "experiment", JsonNode::isTextual,
                    "the experiment's name").asText();
            String runId = required(file, root, "run_id", JsonNode::isTextual, "the run id").asText();
            // A name of another kind had read as an empty one, and the figures labelled the task so.
            JsonNode taskNames = required(file, root, "tasks", n -> n.isArray() && !n.isEmpty()
                    && StreamSupport.stream(n.spliterator(), false).allMatch(JsonNode::isTextual),
                    "a list of the tasks' names (texts), one or more");
            List<String> tasks = new ArrayList<>();
            taskNames.forEach(n -> tasks.add(n.asText()));
            // Every strategy ran every seed of the run; scripts read the run's seeds from this list.
            Set<Long> runSeeds = new TreeSet<>();
            required(file, root, "seeds", n -> n.isArray() && !n.isEmpty()
                    && StreamSupport.stream(n.spliterator(), false).allMatch(JsonNode::canConvertToExactIntegral),
                    "a list of the run's seeds (whole numbers), one or more").forEach(n -> runSeeds.add(n.asLong()));
            JsonNode results = required(file, root, "strategies", JsonNode::isObject,
                    "an object of each strategy's results");
            List<Strategy> strategies = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = results.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> s = it.next();
                String key = "strategies." + s.getKey();
                if (!s.getValue().isObject()) {
                    throw new EngramException(file.toString(), key, "an object of the strategy's results",
                            shortened(s.getValue()), null);
                }
                JsonNode seedResults = s.getValue().get("seeds");
                if (seedResults == null || !seedResults.isObject()) {
                    throw new EngramException(file.toString(), key + ".seeds", "an object of each seed's results",
                            seedResults == null ? "no such key" : shortened(seedResults), null);
                }
                List<Long> seeds = new ArrayList<>();
                List<AccuracyMatrix> matrices = new ArrayList<>();
                List<AccuracyMatrix> validation = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> si = seedResults.fields(); si.hasNext();) {
                    Map.Entry<String, JsonNode> seed = si.next();
                    String at = key + ".seeds." + seed.getKey();
                    seeds.add(seed(file, at, seed.getKey()));
                    requireNumbers(file, at, seed.getValue(), MetricsWriter.SUMMARY_KEYS, MetricsWriter.COUNT_KEYS);
                    matrices.add(matrix(file, at + ".accuracy_matrix", seed.getValue().get("accuracy_matrix"),
                            tasks.size()));
                    JsonNode v = seed.getValue().get("validation");
                    if (v != null) {
                        requireNumbers(file, at + ".validation", v, MetricsWriter.VALIDATION_KEYS, List.of());
                        AccuracyMatrix m = matrix(file, at + ".validation.accuracy_matrix", v.get("accuracy_matrix"),
                                tasks.size());
                        requireGiven(file, at + ".validation.", v, m, "its validation accuracy_matrix");
                        validation.add(m);
                    }
                }
                if (!validation.isEmpty() && validation.size() != seeds.size()) {
                    // A run holds samples out for every seed or for none.
                    throw new EngramException(file.toString(), key + ".seeds", "the validation results of every"
                            + " seed or of none", "those of " + validation.size() + " of its " + seeds.size()
                            + " seeds", EDITED);
                }
                if (!new TreeSet<>(seeds).equals(runSeeds)) {
                    throw new EngramException(file.toString(), key + ".seeds", "the results of the run's seeds "
                            + runSeeds, "results of seeds " + new TreeSet<>(seeds), EDITED);
                }
                requireConsistent(file, key, s.getValue(), matrices);
                requireAggregate(file, key, s.getValue(), matrices, validation, tasks.size());
                JsonNode name = s.getValue().get("name");
                strategies.add(new Strategy(s.getKey(), name != null && name.isTextual() ? name.asText() : s.getKey(),
                        seeds, matrices, validation));
            }
            if (strategies.isEmpty()) {
                throw new EngramException(file.toString(), "strategies", "the results of at least one strategy",
                        "none", null);
            }
            List<EpochRecord> epochs = readLog(directory.resolve("log.csv"), tasks.size(), strategies);
            return new RunResults(directory, experiment, runId, tasks, strategies, epochs, root,
                    readEpochAccuracy(directory.resolve(MetricsWriter.VALIDATION_EPOCH_FILE), tasks.size(), epochs));
        } catch (IOException | RuntimeException e) {
            if (e instanceof EngramException ee) {
                throw ee;
            }
            throw new EngramException(file.toString(), null, "metrics.json as engram run writes it",
                    "a file without the expected keys (" + e + ")", null);
        }
    }

    /** What a folder without {@code metrics.json} is, as far as its files tell, for the message. */
    private static String whatItIs(Path directory) {
        if (AbandonedSimulations.isSimulation(directory.resolve("config.yaml"))) {
            return "it is the folder of an engram simulate, which draws its plots as it runs";
        }
        String holding = runsWithin(directory);
        if (holding != null) {
            return holding;
        }
        JsonNode status;
        try {
            status = JsonFiles.MAPPER.readTree(Files.readString(directory.resolve("status.json")));
        } catch (IOException | RuntimeException none) {
            return null;
        }
        String state = status.path("state").asText();
        String message = status.path("message").asText("");
        switch (state) {
            case "failed":
                // A diverged run's message says to start anew; other failures (a full disk, say) can go on.
                // A status from before the resume key cannot tell which: the command is offered with an if.
                JsonNode resume = status.path("resume");
                return "it is the folder of a run that failed: " + message + (resume.isTextual()
                        ? "; continue it with: " + LaunchCommand.resume(directory) : resume.isMissingNode()
                        ? "; if its message allows, continue it with: " + LaunchCommand.resume(directory) : "");
            case "running":
                return switch (RunFolder.holder(directory)) {
                    case HELD -> "its status says the run is running, and an engram process holds its folder: wait"
                            + " for the run to finish";
                    case FREE -> "its status says the run is running, but no engram process holds its folder: the"
                            + " run was stopped without a word; continue it with: " + LaunchCommand.resume(directory);
                    case UNKNOWN -> "its status says the run is running: another engram may be running it; if that"
                            + " was stopped without a word, continue it with: " + LaunchCommand.resume(directory);
                };
            case "complete":
                return "its status says the run is complete, but its metrics.json is gone";
            default:
                return "it is the folder of a run that stopped; finish it with: " + LaunchCommand.resume(directory);
        }
    }

    /**
     * What to say of a folder that holds finished runs rather than being one: an experiment's folder
     * ({@code <out>/<name>/}, its runs one level down) or a results folder (two levels down), naming
     * how many there are and the last by name, which for run ids of one experiment is the newest.
     */
    private static String runsWithin(Path directory) {
        for (int level = 1; level <= 2; level++) {
            int depth = level;
            List<Path> runs;
            // The folder itself relativizes to the empty path, which has one name too.
            try (Stream<Path> found = Files.find(directory, depth, (path, attributes) -> attributes.isDirectory()
                    && !path.equals(directory) && directory.relativize(path).getNameCount() == depth
                    && Files.isRegularFile(path.resolve("metrics.json")))) {
                runs = found.sorted().toList();
            } catch (IOException | UncheckedIOException unreadable) {
                return null;
            }
            if (!runs.isEmpty()) {
                String within = depth == 1 ? "" : " in its experiments' folders";
                return runs.size() == 1 ? "it holds one finished run's folder" + within + ": give that, "
                        + runs.get(0) : "it holds the folders of " + runs.size() + " finished runs" + within
                        + ": give those, e.g. " + runs.get(runs.size() - 1);
            }
        }
        return null;
    }

    /** A seed's key in {@code strategies.<label>.seeds}: the seed, a whole number. */
    private static long seed(Path file, String key, String name) {
        try {
            return Long.parseLong(name);
        } catch (NumberFormatException e) {
            throw new EngramException(file.toString(), key, "a seed (a whole number) as the key of each seed's "
                    + "results", "'" + name + "'", null);
        }
    }

    /**
     * Refuses a seed's summary metric that is missing, or a summary metric or count that is neither
     * a number nor null (undefined): the spreads over seeds and the tables are computed from them.
     *
     * @param required the metrics the seed must have (its summary metrics, or its validation metrics)
     * @param optional the metrics it may leave out (counts, which a run may not have)
     */
    private static void requireNumbers(Path file, String key, JsonNode seed, List<String> required,
            List<String> optional) {
        if (!seed.isObject()) {
            throw new EngramException(file.toString(), key, "an object of the seed's results", shortened(seed), null);
        }
        for (List<String> names : List.of(required, optional)) {
            for (String name : names) {
                JsonNode value = seed.get(name);
                // A summary metric missing had been reported as a wrong spread over seeds, far from its key.
                boolean missing = value == null && names == required;
                if (missing || value != null && !value.isNumber() && !value.isNull()) {
                    throw new EngramException(file.toString(), key + "." + name, "a number, or null where it is "
                            + "undefined", missing ? "no such key" : value.toString(), null);
                }
            }
        }
    }

    /** A value for a message, cut to 60 characters. */
    private static String shortened(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    /** A top-level key of metrics.json that reading the run needs, refused by name when missing or of another kind. */
    private static JsonNode required(Path file, JsonNode root, String key, Predicate<JsonNode> valid, String expected) {
        JsonNode node = root.get(key);
        if (node == null || !valid.test(node)) {
            throw new EngramException(file.toString(), key, expected, node == null ? "no such key" : shortened(node),
                    null);
        }
        return node;
    }

    /**
     * One seed's accuracy matrix, a row and a column per task of the run.
     *
     * @param file  metrics.json, for messages
     * @param key   the matrix's key path, for messages
     * @param node  the matrix
     * @param tasks the number of tasks of the run
     */
    private static AccuracyMatrix matrix(Path file, String key, JsonNode node, int tasks) throws IOException {
        if (node == null || !node.isArray()) {
            throw new EngramException(file.toString(), key, "a matrix of accuracies (one row per task)",
                    node == null ? "none" : node.toString(), null);
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode row = node.get(i);
            if (!row.isArray()) {
                throw new EngramException(file.toString(), key + "[" + i + "]", "a row of accuracies (a list, one"
                        + " per task)", shortened(row), null);
            }
            for (int j = 0; j < row.size(); j++) {
                // Read as a double[][], null would become 0 and "x" a conversion error of Jackson's.
                if (!row.get(j).isNumber()) {
                    throw new EngramException(file.toString(), key + "[" + i + "][" + j + "]",
                            "an accuracy in [0, 1]", row.get(j).toString(), null);
                }
            }
        }
        AccuracyMatrix m;
        try {
            m = AccuracyMatrix.of(JsonFiles.MAPPER.treeToValue(node, double[][].class));
        } catch (ParameterException e) {
            throw new EngramException(file.toString(), key + ": " + e.location(), e.expected(), e.found(), null);
        }
        if (m.size() != tasks) {
            throw new EngramException(file.toString(), key, "a " + tasks + " x " + tasks + " matrix (one row and"
                    + " column per task in 'tasks')", m.size() + " x " + m.size(), null);
        }
        return m;
    }

    /**
     * Refuses a seed's ACC, BWT, FWT, forgetting or learning accuracy that its accuracy matrix does
     * not give: {@code compare} reads the numbers and {@code plot} draws the matrix, so a
     * metrics.json edited or merged by hand showed one value in a table and another in the plots.
     */
    private static void requireConsistent(Path file, String key, JsonNode strategy, List<AccuracyMatrix> matrices) {
        int k = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = strategy.get("seeds").fields(); it.hasNext(); k++) {
            Map.Entry<String, JsonNode> seed = it.next();
            requireGiven(file, key + ".seeds." + seed.getKey() + ".", seed.getValue(), matrices.get(k),
                    "its accuracy_matrix");
        }
    }

    /**
     * Refuses a metric of a seed's test or validation results that their accuracy matrix does not give: ACC,
     * BWT, forgetting (mean and per task), learning accuracy and, with the untrained accuracies, FWT.
     *
     * @param at     the key path of the results, ending in a dot, for messages
     * @param node   the results
     * @param m      their accuracy matrix, read and checked
     * @param matrix what the matrix is, for messages: {@code its accuracy_matrix}
     */
    private static void requireGiven(Path file, String at, JsonNode node, AccuracyMatrix m, String matrix) {
        String gives = matrix + " gives";
        requireAgrees(file, at + "acc", node.get("acc"), m.acc(), gives);
        requireAgrees(file, at + "bwt", node.get("bwt"), m.bwt(), gives);
        requireAgrees(file, at + "forgetting", node.get("forgetting"), m.averageForgetting(), gives);
        requireAgrees(file, at + "learning_accuracy", node.get("learning_accuracy"), m.learningAccuracy(), gives);
        JsonNode perTask = node.get("forgetting_per_task");
        double[] forgetting = m.forgetting();
        if (perTask != null && (!perTask.isArray() || perTask.size() != forgetting.length)) {
            // The aggregate's forgetting per task is the mean of these: its message lists them.
            throw new EngramException(file.toString(), at + "forgetting_per_task", "a list of "
                    + Plural.count(forgetting.length, "number") + " (one per task but the last), as " + gives,
                    perTask.isArray() ? "a list of " + perTask.size() : shortened(perTask), EDITED);
        }
        for (int j = 0; perTask != null && j < forgetting.length; j++) {
            requireAgrees(file, at + "forgetting_per_task[" + j + "]", perTask.get(j), forgetting[j], gives);
        }
        JsonNode randomInit = node.get("random_init_accuracy");
        if (randomInit != null && !randomInit.isNull()
                && (!randomInit.isArray() || randomInit.size() != m.size())) {
            // Its FWT could not be checked, and compare would show one the matrix may not give.
            throw new EngramException(file.toString(), at + "random_init_accuracy", "a list of " + m.size()
                    + " accuracies (one per task)", randomInit.isArray() ? "a list of " + randomInit.size()
                    : randomInit.toString(), null);
        }
        if (randomInit != null && randomInit.isArray()) {
            // Read into numbers for FWT: a word had reached Jackson, whose message named Java types (fuzz audit).
            for (int j = 0; j < randomInit.size(); j++) {
                double a = randomInit.get(j).asDouble(Double.NaN);
                if (!randomInit.get(j).isNumber() || !(a >= 0 && a <= 1)) {
                    throw new EngramException(file.toString(), at + "random_init_accuracy[" + j + "]",
                            "an accuracy in [0, 1]", randomInit.get(j).toString(), null);
                }
            }
        }
        if (node.path("fwt").isNumber() && randomInit != null && randomInit.isArray()) {
            requireAgrees(file, at + "fwt", node.get("fwt"),
                    m.fwt(JsonFiles.MAPPER.convertValue(randomInit, double[].class)),
                    matrix + " and random_init_accuracy give");
        }
    }

    /**
     * Refuses a strategy's {@code aggregate} that is not what {@link MetricsWriter#aggregate} computes from its
     * seeds: {@code summary.md} and {@code compare} show its means and matrix, and {@code compare} copies it into
     * its own output, so a value edited there would reach readers that no seed gave.
     *
     * @param matrices   each seed's accuracy matrix, read and checked
     * @param validation each seed's validation accuracy matrix, read and checked; empty for a run without them
     * @throws EngramException naming the key of the first value that is missing, of another shape or other
     *                         than what the seeds give
     */
    @SuppressWarnings("unchecked")
    private static void requireAggregate(Path file, String key, JsonNode strategy, List<AccuracyMatrix> matrices,
            List<AccuracyMatrix> validation, int tasks) {
        JsonNode seeds = strategy.get("seeds");
        List<Map<String, Object>> seedMetrics = new ArrayList<>();
        seeds.forEach(node -> seedMetrics.add(JsonFiles.MAPPER.convertValue(node, Map.class)));
        Map<String, Object> computed = MetricsWriter.aggregate(seedMetrics, matrices, validation, tasks);
        JsonNode aggregate = strategy.path("aggregate");
        // The spreads first, with their ranges, then the means and matrices beside them.
        requireSpreads(file, key + ".aggregate", aggregate, MetricsWriter.SUMMARY_KEYS,
                (Map<String, Object>) computed.get("over_seeds"), seeds, "");
        requireValues(file, key + ".aggregate", aggregate, JsonFiles.MAPPER.valueToTree(computed), seeds, "");
        Map<String, Object> v = (Map<String, Object>) computed.get("validation");
        if (v != null) {
            requireSpreads(file, key + ".aggregate.validation", aggregate.get("validation"),
                    MetricsWriter.VALIDATION_KEYS, (Map<String, Object>) v.get("over_seeds"), seeds, "/validation");
        }
    }

    /**
     * Refuses a stored aggregate value (spreads aside) that is missing, of another shape than the computed one,
     * or other than it by more than rounding.
     *
     * @param key      the stored value's key path, for messages
     * @param computed the value the seeds give
     * @param seeds    the strategy's seeds, whose values at {@code pointer} the message lists
     * @param pointer  the value's JSON pointer within the aggregate, and within each seed's results
     */
    private static void requireValues(Path file, String key, JsonNode stored, JsonNode computed, JsonNode seeds,
            String pointer) {
        boolean leaf = !computed.isContainerNode();
        String source = leaf ? "the seeds' values (" + seedValues(seeds, pointer) + ") give" : null;
        String expected = computed.isObject() ? "an object of the values the seeds give: "
                + String.join(", ", (Iterable<String>) computed::fieldNames)
                : computed.isArray() ? "a list of " + Plural.count(computed.size(),
                        computed.path(0).isArray() ? "row" : "number") + ", as the seeds give"
                : "the value " + source + ", " + (computed.isNull() ? "null (undefined)" : computed.asDouble());
        if (stored == null) {
            throw new EngramException(file.toString(), key, expected, "no such key", EDITED);
        }
        boolean sameShape = computed.isObject() ? stored.isObject() : computed.isArray()
                ? stored.isArray() && stored.size() == computed.size() : stored.isNumber() || stored.isNull();
        if (!sameShape) {
            throw new EngramException(file.toString(), key, expected, stored.isArray() && computed.isArray()
                    ? "a list of " + stored.size() : shortened(stored), EDITED);
        }
        if (computed.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = computed.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("over_seeds")) {   // requireSpreads checks those, with their ranges
                    requireValues(file, key + "." + e.getKey(), stored.get(e.getKey()), e.getValue(), seeds,
                            pointer + "/" + e.getKey());
                }
            }
        } else if (computed.isArray()) {
            for (int i = 0; i < computed.size(); i++) {
                requireValues(file, key + "[" + i + "]", stored.get(i), computed.get(i), seeds, pointer + "/" + i);
            }
        } else {
            requireAgrees(file, key, stored, computed.isNull() ? Double.NaN : computed.asDouble(), source);
        }
    }

    /**
     * Refuses a spread over seeds ({@code over_seeds}: mean, sd, 95% interval and count, which {@code compare}
     * shows) that is missing, out of its metric's range, or other than what the seeds' own numbers give.
     *
     * @param at         the key path of the aggregate that holds the spreads, for messages
     * @param aggregate  that aggregate
     * @param metrics    the metrics it has spreads of
     * @param recomputed the spreads the seeds give, by metric
     * @param seeds      the strategy's seeds
     * @param within     the JSON pointer within each seed's results of the metrics, for messages
     * @throws EngramException naming the key of the first value that is wrong
     */
    @SuppressWarnings("unchecked")
    private static void requireSpreads(Path file, String at, JsonNode aggregate, List<String> metrics,
            Map<String, Object> recomputed, JsonNode seeds, String within) {
        JsonNode over = aggregate.path("over_seeds");
        if (!over.isObject()) {
            throw new EngramException(file.toString(), at + ".over_seeds", "the spread over seeds that "
                    + "engram run writes", "none", null);
        }
        for (String metric : metrics) {
            checkSpread(file.toString(), at + ".over_seeds." + metric, metric, over.get(metric));
        }
        for (String metric : metrics) {
            Map<String, Object> spread = (Map<String, Object>) recomputed.get(metric);
            JsonNode stored = over.get(metric);
            if (spread == null != stored.isNull()) {
                // Undefined (null) on one side only: a table would show n/a for a defined metric, or a number.
                throw new EngramException(file.toString(), at + ".over_seeds." + metric, spread == null
                        ? "null, as a seed leaves the metric undefined" : "the spread the seeds' values give",
                        stored.toString(), EDITED);
            }
            if (spread == null) {
                continue;
            }
            // The seeds' values said too: the spread does not tell whether it or one of them was edited.
            String source = "the seeds' values (" + seedValues(seeds, within + "/" + metric) + ") give";
            for (String part : List.of("mean", "sd", "ci95_low", "ci95_high", "n")) {
                Object value = spread.get(part);
                requireAgrees(file, at + ".over_seeds." + metric + "." + part, stored.get(part),
                        value == null ? Double.NaN : ((Number) value).doubleValue(), source);
            }
        }
    }

    /** Each seed's value at a JSON pointer within its results, as {@code seed 1: 0.93, seed 2: 0.91}. */
    private static String seedValues(JsonNode seeds, String pointer) {
        List<String> each = new ArrayList<>();
        seeds.fields().forEachRemaining(seed -> {
            JsonNode value = seed.getValue().at(pointer);
            each.add("seed " + seed.getKey() + ": " + (value.isMissingNode() ? "none" : value));
        });
        return String.join(", ", each);
    }

    /** Refuses a metric's spread that is missing, of another shape, or out of the metric's range. */
    private static void checkSpread(String file, String key, String metric, JsonNode spread) {
        if (spread == null) {
            throw new EngramException(file, key, "the metric, or null where it is undefined", "no such key", null);
        }
        if (spread.isNull()) {
            return;
        }
        JsonNode mean = spread.path("mean");
        JsonNode sd = spread.path("sd");
        JsonNode low = spread.path("ci95_low");
        JsonNode high = spread.path("ci95_high");
        if (!(mean.isNumber() && (low.isNumber() && high.isNumber() || low.isNull() && high.isNull())
                && (sd.isNumber() || sd.isNull()) && spread.path("n").isIntegralNumber())) {
            throw new EngramException(file, key, "null, or a number 'mean' with numbers 'sd', 'ci95_low' and "
                    + "'ci95_high' (null with one seed) and the count of seeds 'n'", spread.toString(), null);
        }
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

    /**
     * Refuses a stored number that differs from the one computed from the rest of the file (by
     * more than rounding), or a number where none can be computed; null stands for undefined.
     */
    private static void requireAgrees(Path file, String key, JsonNode stored, double computed, String source) {
        if (stored == null || !(stored.isNumber() || stored.isNull())) {
            return;   // missing or of another kind: the readers that need the value name it
        }
        boolean agrees = stored.isNull() ? !Double.isFinite(computed)
                : Math.abs(stored.asDouble() - computed) <= 1e-9 * Math.max(1, Math.abs(computed));
        if (!agrees) {
            throw new EngramException(file.toString(), key, "the value " + source + ", " + (Double.isFinite(computed)
                    ? computed : "null (undefined)"), stored.isNumber() ? stored.asText() : "null", EDITED);
        }
    }

    /**
     * The epochs of {@code log.csv}, which every finished run has; a damaged line is named, as is a
     * row of a strategy, seed or task the run does not have, a second row of one epoch, a row a
     * whole log lacks (each strategy, seed and task has the same epochs), and NaN as the loss or
     * accuracy of some rows only (a learner without them writes NaN on every row): the learning
     * curves, means over seeds, would silently leave out or count twice what such rows hold.
     */
    private static List<EpochRecord> readLog(Path file, int tasks, List<Strategy> strategies) {
        List<EpochRecord> out = new ArrayList<>();
        if (!Files.exists(file)) {
            throw new EngramException(file.toString(), null, "the log.csv of a finished run (engram run writes it)",
                    "no such file", null);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            // Reported here, else the catch of metrics.json's reading would blame that file.
            throw new EngramException(file + ": cannot read: " + IoReasons.of(e), e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(MetricsWriter.LOG_HEADER)) {
            throw new EngramException(file + ":1", null, "the header " + MetricsWriter.LOG_HEADER,
                    lines.isEmpty() ? "an empty file" : "'" + lines.get(0) + "'", null);
        }
        String[] names = MetricsWriter.LOG_HEADER.split(",");
        Map<String, Integer> lineOf = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != names.length) {
                throw new EngramException(file + ":" + (i + 1), null, names.length + " fields: "
                        + MetricsWriter.LOG_HEADER, f.length + " in '" + lines.get(i) + "'", null);
            }
            String where = file + ":" + (i + 1);
            Strategy strategy = strategies.stream().filter(s -> s.label().equals(f[0])).findFirst().orElseThrow(
                    () -> new EngramException(where, names[0], "one of the run's strategies " + labels(strategies),
                            "'" + f[0] + "'", null));
            long seed = whole(f, 1, names, where);
            if (!strategy.seeds().contains(seed)) {
                throw new EngramException(where, names[1], "one of the seeds of '" + f[0] + "' " + strategy.seeds(),
                        String.valueOf(seed), null);
            }
            // An epoch is logged after the ones before it, so its index is below the log's row count.
            int task = (int) inRange(whole(f, 2, names, where), tasks, "a task index from 0 to " + (tasks - 1),
                    names[2], where);
            int epoch = (int) inRange(whole(f, 3, names, where), lines.size() - 1, "an epoch index below the log's "
                    + (lines.size() - 1) + " rows (the epochs before it are logged too)", names[3], where);
            double loss = number(f, 4, names, where);
            double accuracy = number(f, 5, names, where);
            double seconds = number(f, 6, names, where);
            double speed = number(f, 7, names, where);
            if (!EpochRecord.validLoss(loss)) {
                throw new EngramException(where, names[4], EpochRecord.LOSS_RULE, String.valueOf(loss), null);
            }
            if (!EpochRecord.validTrainAccuracy(accuracy)) {
                throw new EngramException(where, names[5], EpochRecord.ACCURACY_RULE, String.valueOf(accuracy), null);
            }
            if (!EpochRecord.validNonNegative(seconds) || !EpochRecord.validNonNegative(speed)) {
                boolean badSeconds = !EpochRecord.validNonNegative(seconds);
                throw new EngramException(where, names[badSeconds ? 6 : 7], "a finite number >= 0",
                        String.valueOf(badSeconds ? seconds : speed), null);
            }
            String key = epochKey(f[0], seed, task, epoch);
            Integer first = lineOf.putIfAbsent(key, i + 1);
            if (first != null) {
                throw new EngramException(where, null, "one line per strategy, seed, task and epoch", "a second"
                        + " line of " + key + " (the first is line " + first + ")", EDITED);
            }
            if (!out.isEmpty()) {
                sameGaps(where, names[4], loss, out.get(0).loss());
                sameGaps(where, names[5], accuracy, out.get(0).trainAccuracy());
            }
            out.add(new EpochRecord(f[0], seed, task, epoch, loss, accuracy, seconds,
                    (int) Math.round(speed * seconds)));
        }
        int epochs = 1 + out.stream().mapToInt(EpochRecord::epoch).max().orElse(0);
        for (Strategy s : strategies) {
            for (long seed : s.seeds()) {
                for (int t = 0; t < tasks; t++) {
                    for (int e = 0; e < epochs; e++) {
                        if (!lineOf.containsKey(epochKey(s.label(), seed, t, e))) {
                            throw new EngramException(file.toString(), null, "a line for each strategy, seed and"
                                    + " task and " + Plural.eachOf(epochs, "epoch") + " the log has ("
                                    + Plural.count((long) epochs * tasks, "line") + " per strategy and seed)",
                                    "no line of " + epochKey(s.label(), seed, t, e) + " among its " + out.size()
                                    + " lines", EDITED);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The rows of an epoch accuracy file, or none when the run wrote none: one row per line of
     * {@code log.csv}, in its order (the run writes both from the same epochs), each the accuracy on
     * every task. A line of another epoch than log.csv's at its place, or an accuracy outside [0, 1], is
     * named: the curve drawn from it would mix epochs or leave the axis.
     */
    private static List<EpochAccuracy> readEpochAccuracy(Path file, int tasks, List<EpochRecord> epochs) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new EngramException(file + ": cannot read: " + IoReasons.of(e), e);
        }
        String header = MetricsWriter.epochAccuracyHeader(tasks);
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw new EngramException(file + ":1", null, "the header " + header, lines.isEmpty() ? "an empty file"
                    : "'" + lines.get(0) + "'", EDITED);
        }
        if (lines.size() - 1 != epochs.size()) {
            throw new EngramException(file.toString(), null, "a line per line of log.csv (" + epochs.size() + ")",
                    String.valueOf(lines.size() - 1), EDITED);
        }
        List<EpochAccuracy> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String where = file + ":" + (i + 1);
            String[] f = lines.get(i).split(",", -1);
            EpochRecord e = epochs.get(i - 1);
            String key = e.strategy() + "," + e.seed() + "," + e.task() + "," + e.epoch();
            if (f.length != 4 + tasks || !lines.get(i).startsWith(key + ",")) {
                throw new EngramException(where, null, "the accuracies after " + epochKey(e.strategy(), e.seed(),
                        e.task(), e.epoch()) + " (line " + i + " of log.csv's epochs), " + (4 + tasks) + " fields",
                        "'" + lines.get(i) + "'", EDITED);
            }
            double[] accuracies = new double[tasks];
            for (int j = 0; j < tasks; j++) {
                String name = "task_" + j;
                accuracies[j] = number(f, 4 + j, header.split(","), where);
                if (!(accuracies[j] >= 0 && accuracies[j] <= 1)) {
                    throw new EngramException(where, name, "an accuracy in [0, 1]", f[4 + j], EDITED);
                }
            }
            out.add(new EpochAccuracy(e.strategy(), e.seed(), e.task(), e.epoch(), accuracies));
        }
        return out;
    }

    private static String epochKey(String strategy, long seed, int task, int epoch) {
        return strategy + " seed " + seed + " task " + task + " epoch " + epoch;
    }

    /** Refuses NaN (a learner without loss or accuracy writes it on every line) where line 2 has a number, or back. */
    private static void sameGaps(String where, String column, double value, double second) {
        if (Double.isNaN(value) != Double.isNaN(second)) {
            throw new EngramException(where, column, Double.isNaN(second) ? "NaN, as on line 2 (a learner without a "
                    + column + " writes NaN on every line)" : "a number, as on line 2 (NaN is for a learner without a "
                    + column + ", on every line)", String.valueOf(value), EDITED);
        }
    }

    private static long inRange(long value, int bound, String expected, String name, String where) {
        if (value < 0 || value >= bound) {
            throw new EngramException(where, name, expected, String.valueOf(value), null);
        }
        return value;
    }

    private static List<String> labels(List<Strategy> strategies) {
        return strategies.stream().map(Strategy::label).toList();
    }

    /** Field {@code k} of a log line as a number ({@code NaN} allowed: a learner without a loss writes it). */
    private static double number(String[] fields, int k, String[] names, String where) {
        try {
            return Double.parseDouble(fields[k]);
        } catch (NumberFormatException e) {
            throw new EngramException(where, names[k], "a number", "'" + fields[k] + "'", null);
        }
    }

    /** Field {@code k} of a log line as a whole number (seed, task, epoch). */
    private static long whole(String[] fields, int k, String[] names, String where) {
        try {
            return Long.parseLong(fields[k]);
        } catch (NumberFormatException e) {
            throw new EngramException(where, names[k], "a whole number", "'" + fields[k] + "'", null);
        }
    }
}
