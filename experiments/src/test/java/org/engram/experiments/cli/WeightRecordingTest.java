package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code record.weights} samples a plastic projection's weights over the run without changing the run. */
class WeightRecordingTest {
    /**
     * One synapse, pre -> post under pair STDP: pre fires at 10 and 25 ms, post once, driven by another
     * source at 14 ms (its spike time is read from spikes_post.csv), so the weight changes at two times.
     */
    private static final String PAIR = SimulateCommandTest.STDP
            + "  weights: [{projection: pre->post, interval_ms: INTERVAL, synapses: [0]}]\n";

    /** A recurrent population of 40 (1,000 with a --set) under triplet STDP, driven by Poisson input. */
    private static final String NETWORK = SimulateCommandTest.GOOD.replace(
            "weight: {uniform: [0.1, 0.3]}, delay_ms: 1.5}", "weight: {uniform: [0.1, 0.3]}, delay_ms: 1.5, "
                    + "plasticity: {type: triplet_stdp, a3_plus: 0.05, w_max: 0.5}}") + "  synapses: [exc->exc]\n";

    /** {@link #NETWORK} and a plastic projection of exc's neurons each onto itself, of the given name. */
    private static String withOneToOne(String name) {
        return NETWORK.replace("weight: 25, delay_ms: 1.0}", "weight: 25, delay_ms: 1.0}\n  - {name: " + name
                + ", source: exc, target: exc, rule: {type: one_to_one}, weight: 0.1,\n"
                + "     plasticity: {type: triplet_stdp}}");
    }

    private static CliRunner.Result simulate(Path dir, String yaml, String... options) throws IOException {
        Path config = dir.resolve("config-" + Math.abs(yaml.hashCode()) + ".yaml");
        Files.writeString(config, yaml);
        List<String> args = new ArrayList<>(List.of("simulate", config.toString()));
        args.addAll(List.of(options));
        args.addAll(List.of("--out", dir.resolve("results").toString()));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static Path folder(CliRunner.Result r) {
        assertEquals(0, r.exitCode(), r.err());
        return Path.of(r.lastLine());
    }

    /** The data rows of a CSV file, each split at its commas (empty fields kept). */
    private static List<String[]> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
    }

    /** The weights of synapses_<name>.csv, in its row order: floats, as written. */
    private static double[] synapseWeights(Path file) throws IOException {
        return rows(file).stream().mapToDouble(f -> Float.parseFloat(f[2])).toArray();
    }

    /**
     * The pair rule's weight at each sample, from its formula: 0.5 until post fires at t_post, then
     * 0.5 + A+ exp(-(t_post - 10) / tau+), and from the second pre spike at 25 ms that less
     * A- exp(-(25 - t_post) / tau-). A spike at a sample's time has been handed to the rule by then.
     * An interval of 15 ms does not divide the 40 ms: the last sample is the end.
     */
    @ParameterizedTest
    @ValueSource(strings = {"5", "15", "0.1"})
    void theTrajectoryIsTheWeightThePairRuleGivesAfterEachPairing(String interval, @TempDir Path dir)
            throws IOException {
        Path folder = folder(simulate(dir, PAIR.replace("INTERVAL", interval)));
        List<String[]> post = rows(folder.resolve("spikes_post.csv"));
        assertEquals(1, post.size(), "one postsynaptic spike");
        double tPost = Double.parseDouble(post.get(0)[0]);
        double potentiated = 0.5 + 0.1 * Math.exp(-(tPost - 10) / 20);
        double depressed = potentiated - 0.12 * Math.exp(-(25 - tPost) / 30);
        assertEquals("time_ms,mean,sd,min,max,w_0", Files.readAllLines(folder.resolve("weights_pre_to_post.csv"))
                .get(0));
        List<String[]> samples = rows(folder.resolve("weights_pre_to_post.csv"));
        double step = Double.parseDouble(interval);
        int expectedCount = (int) Math.ceil(40 / step - 1e-9) + 1;
        assertEquals(expectedCount, samples.size());
        for (int s = 0; s < samples.size(); s++) {
            String[] f = samples.get(s);
            double t = Double.parseDouble(f[0]);
            assertEquals(Math.min(40, s * step), t, 1e-9, "sample times: 0, every interval, the end");
            double expected = t < tPost ? 0.5 : t < 25 ? potentiated : depressed;
            // The weight is a float: 6e-8 relative.
            assertEquals(expected, Double.parseDouble(f[5]), 1e-7, "w_0 at " + t);
            assertEquals(Double.parseDouble(f[5]), Double.parseDouble(f[1]), 1e-7, "one synapse: the mean is it");
            assertEquals("0.0", f[2], "one synapse: no spread");
            assertEquals(f[3], f[4], "one synapse: min = max");
        }
    }

    /**
     * The first row's statistics and listed weights are those of the initial weights (written by the same
     * network whose rule's amplitudes are zero), and the last row's those of synapses_exc_to_exc.csv at the
     * end; each column w_k is row k of that file.
     */
    @Test
    void theFirstRowHoldsTheInitialWeightsAndTheLastThoseWrittenAtTheEnd(@TempDir Path dir) throws IOException {
        String yaml = NETWORK + "  weights: [{projection: exc->exc, interval_ms: 7, synapses: [3, 0, 11]}]\n";
        Path learned = folder(simulate(dir, yaml));
        Path still = folder(simulate(dir, yaml, "--set", "projections[0].plasticity.a2_plus=0", "--set",
                "projections[0].plasticity.a3_plus=0", "--set", "projections[0].plasticity.a2_minus=0", "--set",
                "projections[0].plasticity.a3_minus=0"));
        double[] initial = synapseWeights(still.resolve("synapses_exc_to_exc.csv"));
        double[] end = synapseWeights(learned.resolve("synapses_exc_to_exc.csv"));
        assertFalse(java.util.Arrays.equals(initial, end), "the rule changed the weights");
        assertEquals("time_ms,mean,sd,min,max,w_3,w_0,w_11",
                Files.readAllLines(learned.resolve("weights_exc_to_exc.csv")).get(0));
        List<String[]> samples = rows(learned.resolve("weights_exc_to_exc.csv"));
        assertEquals(9, samples.size(), "0, 7, ..., 49 and the end at 50 ms");
        assertStatistics(initial, samples.get(0));
        assertStatistics(end, samples.get(samples.size() - 1));
        assertEquals("50.000000000", samples.get(samples.size() - 1)[0]);
    }

    /**
     * The statistics of a row against those computed here by other formulas: the variance as the mean
     * of squares less the squared mean, the extremes by sorting. Both sums are of at most ~200 floats
     * of order 0.1, so they agree to ~1e-15, well within the float the file writes.
     */
    private static void assertStatistics(double[] w, String[] row) {
        double[] sorted = w.clone();
        java.util.Arrays.sort(sorted);
        double sum = 0;
        double squares = 0;
        for (double x : w) {
            sum += x;
            squares += x * x;
        }
        double mean = sum / w.length;
        // Written as floats: within half a float ulp of the double computed here (and the sum's error, ~1e-15).
        assertEquals(mean, Double.parseDouble(row[1]), Math.ulp((float) mean), "mean");
        double sd = Math.sqrt(squares / w.length - mean * mean);
        assertEquals(sd, Double.parseDouble(row[2]), Math.ulp((float) sd) + 1e-9, "sd");
        assertTrue(Double.parseDouble(row[3]) <= Double.parseDouble(row[1])
                && Double.parseDouble(row[1]) <= Double.parseDouble(row[4]), "min <= mean <= max as read back");
        // The extremes are weights, written as floats as the synapse file writes them.
        assertEquals(sorted[0], Float.parseFloat(row[3]), 0, "min");
        assertEquals(sorted[sorted.length - 1], Float.parseFloat(row[4]), 0, "max");
        assertEquals(w[3], Float.parseFloat(row[5]), 0);
        assertEquals(w[0], Float.parseFloat(row[6]), 0);
        assertEquals(w[11], Float.parseFloat(row[7]), 0);
    }

    /**
     * Sampling runs the network in pieces, one per step at an interval of dt, with a recording that starts
     * at 12.3 ms between them: the spike hash, the learned weights and the sampled potentials (every 1 ms)
     * are those of the run without it, bit
     * for bit, as are the spike and rate files and the summary's counts, on one thread and on two that share
     * the work (1,005 neurons in grid mode, 5,005 in precise mode). In precise mode each piece ends by showing
     * every neuron at its end without splitting its propagation, so the spikes are those of one run there too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"grid", "precise"})
    void recordingTheWeightsChangesNeitherTheSpikesNorTheWeights(String mode, @TempDir Path dir) throws IOException {
        // Precise mode shares the work between threads only from a larger network.
        String size = mode.equals("grid") ? "1000" : "5000";
        String[] big = {"--set", "populations[0].size=" + size, "--set", "record.from_ms=12.3",
            "--set", "mode=" + mode};
        String recorded = NETWORK + "  weights: [{projection: exc->exc, interval_ms: 0.1, synapses: [0]}]\n";
        List<Map<String, String>> outputs = new ArrayList<>();
        for (String threads : List.of("1", "2")) {
            for (String yaml : List.of(NETWORK, recorded)) {
                List<String> options = new ArrayList<>(List.of(big));
                options.addAll(List.of("--threads", threads));
                Path folder = folder(simulate(dir, yaml, options.toArray(String[]::new)));
                ObjectNode summary = (ObjectNode) new ObjectMapper().readTree(
                        folder.resolve("summary.json").toFile());
                assertEquals(threads.equals("2"), summary.get("parallel").asBoolean(), "two threads share it");
                assertEquals(yaml == recorded, Files.exists(folder.resolve("weights_exc_to_exc.csv")));
                outputs.add(everythingButTimesAndWeights(folder, summary));
            }
        }
        for (String file : List.of("spikes_exc.csv", "rates_exc.csv", "state_exc_v.csv", "synapses_exc_to_exc.csv")) {
            assertTrue(outputs.get(0).containsKey(file), file + " among " + outputs.get(0).keySet());
        }
        for (int k = 1; k < outputs.size(); k++) {
            for (String file : outputs.get(0).keySet()) {
                assertEquals(outputs.get(0).get(file), outputs.get(k).get(file), file + " of run " + k);
            }
            assertEquals(outputs.get(0).keySet(), outputs.get(k).keySet());
        }
    }

    /**
     * The CSV files of a result folder but the sampled weights, and its summary without what differs from run to
     * run (times, the thread count, provenance): spikes, rates, state, learned synapses, synaptic events, hash.
     */
    private static Map<String, String> everythingButTimesAndWeights(Path folder, ObjectNode summary)
            throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path f : list.filter(f -> f.toString().endsWith(".csv")).toList()) {
                if (!f.getFileName().toString().startsWith("weights_")) {
                    files.put(f.getFileName().toString(), Files.readString(f));
                }
            }
        }
        summary.remove(List.of("setup_seconds", "loop_seconds", "events_per_second", "threads", "parallel",
                "provenance", "weights"));
        files.put("summary.json", summary.toString());
        return files;
    }

    /** Every fault of every entry is reported at its key, together, and nothing runs. */
    @Test
    void everyProblemOfTheEntriesIsNamedAtItsKey(@TempDir Path dir) throws IOException {
        String yaml = withOneToOne("EXC->exc")
                + "  weights:\n"
                + "    - {projection: exc-exc}\n"
                + "    - {projection: src->exc}\n"
                + "    - {projection: exc->exc, interval_ms: 0.25, synapses: [-1, 100000]}\n"
                + "    - {projection: exc->exc, interval_ms: 60, synapses: [2, 2]}\n"
                + "    - {projection: EXC->exc}\n"
                + "    - {interval_ms: 10}\n";
        CliRunner.Result r = simulate(dir, yaml);
        assertEquals(2, r.exitCode(), r.err());
        String err = r.err();
        for (String problem : List.of(
                ":18:", "record.weights[0].projection: expected the name of a plastic projection ([exc->exc, "
                        + "EXC->exc]), found exc-exc; did you mean 'exc->exc'?",
                ":19:", "record.weights[1].projection: expected a plastic projection (one with a plasticity rule; "
                        + "[exc->exc, EXC->exc]), found src->exc (static: its weights do not change); record.synapses"
                        + " writes a static projection's weights",
                "record.weights[2].interval_ms: expected a whole number of time steps",
                "record.weights[2].synapses[0]: expected a synapse index in [0, ",
                "record.weights[2].synapses[1]: expected a synapse index in [0, ",
                ") (the data rows of synapses_exc_to_exc.csv, from 0), found 100000",
                "record.weights[3].projection: expected a projection not recorded by record.weights[2]",
                "record.weights[3].interval_ms: expected at most the duration, duration_ms = 50 ms, found 60",
                "record.weights[3].synapses[1]: expected a synapse not listed before (it is synapses[0]), found 2",
                "record.weights[4].projection: expected a projection whose file differs from that of "
                        + "record.weights[2] ('exc->exc'; both would write weights_EXC_to_exc.csv), found EXC->exc",
                "record.weights[5].projection: expected the name of a plastic projection ([exc->exc, EXC->exc]), "
                        + "found nothing")) {
            assertTrue(err.contains(problem), problem + " in:\n" + err);
        }
        assertFalse(Files.exists(dir.resolve("results").resolve("net")), "nothing runs");
    }

    /**
     * An entry may be the projection's name alone, as record.spikes and record.synapses take names: it records
     * what the mapping of defaults records, and --print-config shows that mapping; a name or value of the
     * wrong kind is refused at its line.
     */
    @Test
    void aNameAloneIsTheEntryOfDefaults(@TempDir Path dir) throws IOException {
        String named = SimulateCommandTest.STDP + "  weights: [pre->post]\n";
        Path config = dir.resolve("named.yaml");
        Files.writeString(config, named);
        CliRunner.Result printed = CliRunner.run("simulate", config.toString(), "--print-config");
        assertEquals(0, printed.exitCode(), printed.err());
        assertTrue(printed.out().contains("  weights:\n  - projection: pre->post\n    interval_ms: 1.0\n"
                + "    synapses: []\n    pairs: []\n    sample: 0\n"), printed.out());
        Path byName = folder(simulate(dir, named));
        Path byMapping = folder(simulate(dir, SimulateCommandTest.STDP + "  weights: [{projection: pre->post}]\n"));
        assertEquals(Files.readAllLines(byMapping.resolve("weights_pre_to_post.csv")),
                Files.readAllLines(byName.resolve("weights_pre_to_post.csv")));
        CliRunner.Result wrong = simulate(dir, SimulateCommandTest.STDP + "  weights: [pre-post]\n");
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.err().contains(":13:13: record.weights[0].projection: expected the name of a plastic "
                + "projection ([pre->post]), found pre-post; did you mean 'pre->post'?"), wrong.err());
        CliRunner.Result number = simulate(dir, SimulateCommandTest.STDP + "  weights: [5]\n");
        assertEquals(2, number.exitCode());
        assertTrue(number.err().contains(":13:13: record.weights[0]: expected a name or a mapping of keys, found 5"),
                number.err());
        CliRunner.Result set = simulate(dir, named, "--set", "record.weights[0].sample=1");
        assertEquals(2, set.exitCode());
        assertTrue(set.err().contains("--set record.weights[0].sample=1: record.weights[0]: expected a mapping with "
                + "key 'sample', found the value \"pre->post\"; an entry written as a name alone has no keys to set;"
                + " where its list also takes mappings (record.weights), write the entry as one, or set it whole"
                + " (--set 'record.weights[0]={...}')"), set.err());
        Path whole = folder(simulate(dir, named, "--set", "record.weights[0]={projection: pre->post, sample: 1}"));
        assertEquals("time_ms,mean,sd,min,max,w_0", Files.readAllLines(whole.resolve("weights_pre_to_post.csv"))
                .get(0), "the one synapse drawn");
    }

    /**
     * Synapses picked by index, by [source, target] pair and by a random draw are written in that order, the
     * draw ascending; each column is the synapse of that row of synapses_exc_to_exc.csv (the last sample its
     * weight there), summary.json names each one's source and target as that file does, and its first and last
     * mean weights are the plasticity entry's before and after. The draw depends on the seed alone: two threads
     * write the same file.
     */
    @Test
    void pairsAndADrawPickSynapsesThatTheSummaryNames(@TempDir Path dir) throws IOException {
        List<String[]> synapses = rows(folder(simulate(dir, NETWORK)).resolve("synapses_exc_to_exc.csv"));
        // The pair of row 9, unless an earlier row joins the same neurons: then the first of them.
        String[] pair = synapses.get(9);
        int pairRow = 0;
        while (!(synapses.get(pairRow)[0].equals(pair[0]) && synapses.get(pairRow)[1].equals(pair[1]))) {
            pairRow++;
        }
        String yaml = NETWORK + "  weights: [{projection: exc->exc, interval_ms: 10, synapses: [5], pairs: [["
                + pair[0] + ", " + pair[1] + "]], sample: 4}]\n";
        Path one = folder(simulate(dir, yaml));
        Path two = folder(simulate(dir, yaml, "--threads", "2"));
        assertEquals(Files.readAllLines(one.resolve("weights_exc_to_exc.csv")),
                Files.readAllLines(two.resolve("weights_exc_to_exc.csv")), "the same draw on two threads");
        String[] header = Files.readAllLines(one.resolve("weights_exc_to_exc.csv")).get(0).split(",");
        assertEquals(11, header.length, String.join(",", header));
        int[] listed = new int[6];
        for (int k = 0; k < 6; k++) {
            listed[k] = Integer.parseInt(header[5 + k].substring(2));
        }
        assertEquals(5, listed[0]);
        assertEquals(pairRow, listed[1]);
        for (int k = 2; k < 6; k++) {
            assertTrue(listed[k] != 5 && listed[k] != pairRow && listed[k] < synapses.size()
                    && (k == 2 || listed[k - 1] < listed[k]), "drawn among the others, ascending: " + listed[k]);
        }
        List<String[]> samples = rows(one.resolve("weights_exc_to_exc.csv"));
        List<String[]> learned = rows(one.resolve("synapses_exc_to_exc.csv"));
        JsonNode summary = new ObjectMapper().readTree(one.resolve("summary.json").toFile());
        JsonNode entry = summary.get("weights").get(0);
        assertEquals("exc->exc", entry.get("projection").asText());
        assertEquals("weights_exc_to_exc.csv", entry.get("file").asText());
        assertEquals(10.0, entry.get("interval_ms").asDouble());
        assertEquals(samples.size(), entry.get("samples").asInt());
        for (int k = 0; k < 6; k++) {
            JsonNode s = entry.get("synapses").get(k);
            assertEquals(listed[k], s.get("index").asInt());
            assertEquals(learned.get(listed[k])[0], s.get("source").asText(), "source of " + listed[k]);
            assertEquals(learned.get(listed[k])[1], s.get("target").asText(), "target of " + listed[k]);
            assertEquals(learned.get(listed[k])[2], samples.get(samples.size() - 1)[5 + k], "the weight at the end");
        }
        JsonNode plasticity = summary.get("plasticity").get(0);
        assertEquals(plasticity.get("mean_weight_before").asDouble(), entry.get("first_mean_weight").asDouble(), 0);
        assertEquals(plasticity.get("mean_weight_after").asDouble(), entry.get("last_mean_weight").asDouble(), 0);
        assertTrue(Files.readString(one.resolve("summary.md")).contains("- weights of exc->exc every 10 ms: 6 samples"
                + " in weights_exc_to_exc.csv, 6 synapses listed; mean weight "), "summary.md");
    }

    /**
     * Each fault of pairs and sample is named at its key, on a one-to-one projection whose synapse k joins
     * neuron k to neuron k: pairs that are not two neurons, lie outside the populations, join no synapse, or
     * name a synapse listed before; a negative count; a count past the synapses not listed.
     */
    @Test
    void everyFaultOfPairsAndSampleIsNamedAtItsKey(@TempDir Path dir) throws IOException {
        String second = withOneToOne("second");
        CliRunner.Result r = simulate(dir, second + "  weights:\n"
                + "    - {projection: second, synapses: [3], pairs: [[0], [-1, 2], [40, 0], [0, 1], [3, 3], [5, 5],"
                + " [5, 5], null]}\n"
                + "    - {projection: exc->exc, sample: -1}\n");
        assertEquals(2, r.exitCode(), r.err());
        for (String problem : List.of(
                "record.weights[0].pairs[0]: expected a [source, target] pair of neuron indices >= 0, found [0]",
                "record.weights[0].pairs[1]: expected a [source, target] pair of neuron indices >= 0, found [-1, 2]",
                "record.weights[0].pairs[2]: expected a [source, target] pair within the populations, source in "
                        + "[0, 40) and target in [0, 40), found [40, 0]",
                "record.weights[0].pairs[3]: expected a pair that a synapse of second joins, found [0, 1] (no "
                        + "synapse from source 0 to target 1); record.synapses writes the projection's pairs",
                "record.weights[0].pairs[4]: expected a synapse not listed before (it is synapses[0]), found [3, 3] "
                        + "(synapse 3)",
                "record.weights[0].pairs[6]: expected a synapse not listed before (it is pairs[5]), found [5, 5] "
                        + "(synapse 5)",
                "record.weights[0].pairs[7]: expected a [source, target] pair of neuron indices >= 0, found nothing",
                "record.weights[1].sample: expected a count of synapses to draw >= 0 (0: none), found -1")) {
            assertTrue(r.err().contains(problem), problem + " in:\n" + r.err());
        }
        assertFalse(r.err().contains("pairs[5]:"), r.err());
        // The pairs at fault (and the default sample, 0, of a projection listed whole) make no problem of sample.
        assertFalse(r.err().contains("record.weights[0].sample"), r.err());
        // More entries than synapses, at fault: there had been "at most the 0 synapses ... found 0".
        CliRunner.Result twice = simulate(dir, second + "  weights: [{projection: second, synapses: [0"
                + ", 0".repeat(40) + "]}]\n");
        assertTrue(twice.err().contains("record.weights[0].synapses[1]") && !twice.err().contains(".sample"),
                twice.err());
        CliRunner.Result tooMany = simulate(dir, second + "  weights: [{projection: second, synapses: [0, 1], "
                + "pairs: [[2, 2]], sample: 38}]\n");
        assertEquals(2, tooMany.exitCode(), tooMany.err());
        assertTrue(tooMany.err().contains("record.weights[0].sample: expected at most the 37 synapses of second not "
                + "listed by synapses and pairs (of its 40), found 38"), tooMany.err());
        assertEquals(0, simulate(dir, second + "  weights: [{projection: second, synapses: [0, 1], pairs: [[2, 2]], "
                + "sample: 37}]\n").exitCode(), "every synapse listed");
    }

    /** A recording that one recorder's arrays cannot hold is refused before the run, at its interval. */
    @Test
    void aRecordingPastTheHeapIsRefusedBeforeTheRun(@TempDir Path dir) throws IOException {
        StringBuilder forty = new StringBuilder("0");
        for (int k = 1; k < 40; k++) {
            forty.append(", ").append(k);
        }
        CliRunner.Result r = simulate(dir, NETWORK + "  weights: [{projection: exc->exc, interval_ms: 0.1, synapses: ["
                + forty + "]}]\n", "--set", "populations[0].size=1000", "--duration-ms", "10000000");
        assertEquals(2, r.exitCode(), r.err());
        // 100000001 samples of 28 bytes and 40 listed synapses of 4, and 40 summary entries of 500: 18800.02 MB.
        // The advice for more heap is the launcher's (HeapAdvice); the duration's origin ends the hint.
        String heap = String.format(Locale.ROOT, "%.0f MB in all", Runtime.getRuntime().maxMemory() / 1e6);
        assertTrue(r.err().contains("record.weights[0].interval_ms: expected samples that fit the Java heap (" + heap
                + ", less 48 MB kept for the network and drawing the figures; 28 bytes a sample and 4 a listed synapse"
                + " in it, and 500 a listed synapse while summary.json is written), found 100000001 samples of 40"
                + " synapses (18800 MB); a longer interval_ms, fewer synapses or a shorter run, or give Java more heap")
                && r.err().endsWith("; the duration is the one --duration-ms set\n"), r.err());
    }

    /**
     * Entries that each fit the heap but not together are refused at {@code record.weights}: 1e8 samples of
     * 28 bytes each (the plot reads them in place) are 2.8 GB, two of them 5.6 GB, past the tests' 4 GB heap.
     */
    @Test
    void entriesPastTheHeapTogetherAreRefusedBeforeTheRun(@TempDir Path dir) throws IOException {
        String yaml = withOneToOne("second")
                + "  weights: [{projection: exc->exc, interval_ms: 0.1}, {projection: second, interval_ms: 0.1}]\n";
        CliRunner.Result r = simulate(dir, yaml, "--duration-ms", "10000000");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("record.weights: expected samples that fit the Java heap")
                && r.err().contains("found 2 entries whose samples take 5600 MB together"), r.err());
        assertFalse(r.err().contains("record.weights[0].interval_ms"), "each alone fits: " + r.err());
    }

    /**
     * A listed synapse counts in the heap an entry takes, 4 bytes a sample and 500 for summary.json: on 1000
     * neurons each entry draws 1000 synapses and takes 600001 samples (60 s every 0.1 ms) of 28 + 4 x 1000 bytes,
     * 2416.80 MB, and 1000 x 500 bytes, 0.5 MB: 2417.30 MB, which fits the tests' 4 GB heap alone, and
     * 4834.61 MB with the other, which does not.
     */
    @Test
    void theListedSynapsesCountInTheHeapOfTheEntries(@TempDir Path dir) throws IOException {
        String yaml = withOneToOne("second")
                + "  weights: [{projection: exc->exc, interval_ms: 0.1, sample: 1000},"
                + " {projection: second, interval_ms: 0.1, sample: 1000}]\n";
        CliRunner.Result r = simulate(dir, yaml, "--set", "populations[0].size=1000", "--duration-ms", "60000");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("found 2 entries whose samples take 4835 MB together"), r.err());
        assertFalse(r.err().contains("record.weights[0].interval_ms"), "each alone fits: " + r.err());
    }

    /** Without a plastic projection in the config, the message says so rather than list none. */
    @Test
    void aConfigWithoutPlasticProjectionsSaysSo(@TempDir Path dir) throws IOException {
        CliRunner.Result r = simulate(dir, SimulateCommandTest.GOOD + "  weights: [{projection: exc->exc}]\n");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("record.weights[0].projection: expected a plastic projection (one with a "
                + "plasticity rule; []; the config has none: give a projection a plasticity rule), found exc->exc"),
                r.err());
    }

    /**
     * {@code --print-config} fills in the interval (1 ms) and the synapses (none), and the result folder's
     * config.yaml records the weights alike; a projection without synapses writes its rows' times and empty
     * statistics, and no plot.
     */
    @Test
    void theDefaultsAreShownAndAProjectionWithoutSynapsesHasEmptyStatistics(@TempDir Path dir) throws IOException {
        String yaml = PAIR.replace("{projection: pre->post, interval_ms: INTERVAL, synapses: [0]}",
                "{projection: pre->post}");
        Path config = dir.resolve("pair.yaml");
        Files.writeString(config, yaml);
        CliRunner.Result printed = CliRunner.run("simulate", config.toString(), "--print-config");
        assertEquals(0, printed.exitCode(), printed.err());
        assertTrue(printed.out().contains("  weights:\n  - projection: pre->post\n    interval_ms: 1.0\n"
                + "    synapses: []\n"), printed.out());
        Path first = folder(simulate(dir, yaml));
        CliRunner.Result again = CliRunner.run("simulate", first.resolve("config.yaml").toString(), "--out",
                dir.resolve("again").toString());
        assertEquals(Files.readAllLines(first.resolve("weights_pre_to_post.csv")),
                Files.readAllLines(folder(again).resolve("weights_pre_to_post.csv")));
        Path folder = folder(simulate(dir, yaml.replace("rule: {type: all_to_all}, weight: 0.5",
                "rule: {type: fixed_probability, p: 0}, weight: 0.5")));
        List<String[]> samples = rows(folder.resolve("weights_pre_to_post.csv"));
        assertEquals(41, samples.size());
        assertEquals("1.000000000,,,,", String.join(",", samples.get(1)));
        assertFalse(Files.exists(folder.resolve("plots/weights_pre_to_post.png")));
        assertTrue(Files.readString(folder.resolve("summary.md")).contains("- weights_pre_to_post.csv\n"));
    }

    /**
     * The example config: from w_max, the competition between the 1,000 synapses lowers their mean and
     * spreads them; its plot is drawn and listed in summary.md.
     */
    @Test
    void theExampleConfigShowsTheWeightsSpreadFromTheirBound(@TempDir Path dir) throws IOException {
        CliRunner.Result r = CliRunner.run("simulate", "configs/stdp-weights.yaml", "--duration-ms", "3000", "--out",
                dir.toString());
        Path folder = folder(r);
        List<String[]> samples = rows(folder.resolve("weights_inputs_to_neuron.csv"));
        assertEquals(31, samples.size(), "every 100 ms from 0 to 3 s");
        String[] first = samples.get(0);
        String[] last = samples.get(samples.size() - 1);
        assertEquals(0.15, Double.parseDouble(first[1]), 1e-7);
        assertEquals("0.0", first[2]);
        assertTrue(Double.parseDouble(last[1]) < 0.14 && Double.parseDouble(last[2]) > 0.01,
                "mean fell and spread grew: " + String.join(",", last));
        assertTrue(Files.exists(folder.resolve("plots/weights_inputs_to_neuron.svg")));
        assertTrue(Files.readString(folder.resolve("summary.md")).contains(
                "- plots/weights_inputs_to_neuron (.png, .svg, .pdf)\n"));
    }
}
