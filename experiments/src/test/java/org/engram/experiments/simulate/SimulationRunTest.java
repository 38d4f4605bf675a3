package org.engram.experiments.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.engram.experiments.config.ConfigException;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SimulationRun} called directly on a network whose spikes are known by hand: two spike sources and one
 * neuron that each of their spikes, arriving 1 ms later with a weight of 30 mV over a threshold of 20 mV, makes
 * fire at once. Source neuron 0 fires at 0.5 ms, neuron 1 at 2.5 ms; so {@code post} fires at 1.5 and 3.5 ms.
 */
class SimulationRunTest {
    private static final String TINY = String.join("\n",
            "name: tiny",
            "duration_ms: 4",
            "seed: 5",
            "populations:",
            "  - {name: src, size: 2, model: spike_times, params: {times_ms: [[0.5], [2.5]]}}",
            "  - {name: post, size: 1, model: lif_delta, params: {tau_m: 20, e_l: 0, v_th: 20, v_reset: 0,"
                    + " t_ref: 0.5}}",
            "projections:",
            "  - {source: src, target: post, rule: {type: all_to_all}, weight: 30, delay_ms: 1.0}",
            "record:",
            "  rate_bin_ms: 2",
            "");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path config(Path dir, String yaml) throws IOException {
        return Files.writeString(Files.createDirectories(dir).resolve("tiny.yaml"), yaml);
    }

    private static SimulationRun.Result run(Path dir, String yaml, SimulationRun.Overrides overrides)
            throws IOException {
        return SimulationRun.execute(config(dir, yaml), dir.resolve("results"), overrides, List.of("simulate"),
                new PrintWriter(new StringWriter()));
    }

    /** Simulates {@link #TINY} with the heap running out while {@code file} is written. */
    private static void runOutOfHeapWriting(Path dir, String file) throws IOException {
        SimulationRun.execute(config(dir, TINY), dir.resolve("results"), SimulationRun.Overrides.NONE, List.of(),
                new PrintWriter(new StringWriter()), new SimulationRun.TestHooks(file));
    }

    private static JsonNode summary(Path folder) throws IOException {
        return JSON.readTree(folder.resolve("summary.json").toFile());
    }

    /** Every file of a folder, by its path in it, sorted. */
    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    /** The folders under the results root: none when a simulation was refused or failed. */
    private static List<Path> runFolders(Path dir) throws IOException {
        Path root = dir.resolve("results").resolve("tiny");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(root)) {
            return all.toList();
        }
    }

    /**
     * The spikes are the sources' times and post's at their arrivals; the rate of a bin of 2 ms is its spikes
     * over the neurons and the bin (1 spike / 2 neurons / 2 ms = 250 Hz); the summary counts them.
     */
    @Test
    void writesTheSpikesRatesAndSummaryWorkedOutByHand(@TempDir Path dir) throws IOException {
        SimulationRun.Result result = run(dir, TINY, SimulationRun.Overrides.NONE);
        Path folder = result.folder();
        assertEquals(dir.resolve("results").resolve("tiny"), folder.getParent());
        assertEquals(List.of("time_ms,neuron", "0.500000000,0", "2.500000000,1"),
                Files.readAllLines(folder.resolve("spikes_src.csv")));
        assertEquals(List.of("time_ms,neuron", "1.500000000,0", "3.500000000,0"),
                Files.readAllLines(folder.resolve("spikes_post.csv")));
        assertEquals(List.of("bin_start_ms,rate_hz", "0.000000000,250.0", "2.000000000,250.0"),
                Files.readAllLines(folder.resolve("rates_src.csv")));
        assertEquals(List.of("bin_start_ms,rate_hz", "0.000000000,500.0", "2.000000000,500.0"),
                Files.readAllLines(folder.resolve("rates_post.csv")));
        List<String> plots = Stream.of("raster_post", "raster_src", "rate_post", "rate_src")
                .flatMap(p -> Stream.of(".pdf", ".png", ".svg").map(e -> "plots/" + p + e)).toList();
        List<String> expected = new ArrayList<>(List.of("config.yaml", "rates_post.csv", "rates_src.csv",
                "spikes_post.csv", "spikes_src.csv", "summary.json", "summary.md"));
        expected.addAll(plots);
        assertEquals(expected.stream().sorted().toList(), files(folder));
        JsonNode s = summary(folder);
        assertEquals(3, s.get("neurons").asInt());
        assertEquals(2, s.get("synapses").asInt());
        assertEquals(4, s.get("spikes").asLong());
        assertEquals(4.0, s.get("duration_ms").asDouble());
        assertEquals(5, s.get("seed").asLong());
        assertEquals(0.0, s.get("recorded_from_ms").asDouble());
        assertTrue(s.get("recorded_neurons").isNull(), "every neuron recorded: " + s.get("recorded_neurons"));
        assertEquals(0, s.get("missing").size());
        // 2 spikes of 2 neurons in 4 ms: 250 Hz; 2 of 1: 500 Hz.
        assertEquals(250.0, s.get("populations").get(0).get("mean_rate_hz").asDouble(), 1e-9);
        assertEquals(500.0, s.get("populations").get(1).get("mean_rate_hz").asDouble(), 1e-9);
        assertEquals(Files.readString(folder.resolve("summary.md")), result.summary());
    }

    /**
     * The command line's duration, seed and threads stand over the file's, and a {@code --set} over its key: a run
     * of 3 ms in bins of 1 ms ends before post's second spike (3.5 ms).
     */
    @Test
    void theOverridesStandOverTheFile(@TempDir Path dir) throws IOException {
        Path folder = run(dir, TINY, new SimulationRun.Overrides(1, 77L, 3.0, null,
                List.of("record.rate_bin_ms=1"))).folder();
        assertEquals(List.of("time_ms,neuron", "1.500000000,0"), Files.readAllLines(folder.resolve("spikes_post.csv")));
        assertEquals(List.of("bin_start_ms,rate_hz", "0.000000000,0.0", "1.000000000,1000.0",
                "2.000000000,0.0"), Files.readAllLines(folder.resolve("rates_post.csv")));
        JsonNode s = summary(folder);
        assertEquals(3.0, s.get("duration_ms").asDouble());
        assertEquals(77, s.get("seed").asLong());
        assertEquals(1, s.get("threads").asInt());
        assertEquals(3, s.get("spikes").asLong(), "src's two and post's one");
        String yaml = Files.readString(folder.resolve("config.yaml"));
        assertTrue(yaml.contains("duration_ms: 3.0") && yaml.contains("seed: 77") && yaml.contains("rate_bin_ms: 1"),
                yaml);
    }

    /**
     * From {@code record.from_ms} = 2 only the spikes at 2.5 and 3.5 ms are recorded, in one bin from 2 ms, and
     * the summary's rates are over the 2 ms recorded; its spike count is still the whole run's. Of src only
     * neuron 0 is recorded ({@code spike_neurons: 1}), which fires before 2 ms.
     */
    @Test
    void recordsFromItsStartAndTheFirstNeuronsOnly(@TempDir Path dir) throws IOException {
        Path folder = run(dir, TINY.replace("rate_bin_ms: 2", "rate_bin_ms: 2\n  from_ms: 2\n  spike_neurons: 1"),
                SimulationRun.Overrides.NONE).folder();
        assertEquals(List.of("time_ms,neuron"), Files.readAllLines(folder.resolve("spikes_src.csv")));
        assertEquals(List.of("time_ms,neuron", "3.500000000,0"), Files.readAllLines(folder.resolve("spikes_post.csv")));
        assertEquals(List.of("bin_start_ms,rate_hz", "2.000000000,500.0"),
                Files.readAllLines(folder.resolve("rates_post.csv")));
        JsonNode s = summary(folder);
        assertEquals(4, s.get("spikes").asLong());
        assertEquals(2.0, s.get("recorded_from_ms").asDouble());
        assertEquals(1, s.get("recorded_neurons").asInt());
        assertEquals(1, s.get("populations").get(0).get("neurons").asInt());
        assertEquals(0, s.get("populations").get(0).get("spikes").asInt());
        // One spike of one neuron in the 2 ms recorded: 500 Hz.
        assertEquals(500.0, s.get("populations").get(1).get("mean_rate_hz").asDouble(), 1e-9);
    }

    /** Recording as many neurons as a population has, or more, records every one: no sample is reported. */
    @Test
    void spikeNeuronsOfEveryNeuronIsNoSample(@TempDir Path dir) throws IOException {
        Path folder = run(dir, TINY.replace("rate_bin_ms: 2", "rate_bin_ms: 2\n  spike_neurons: 2"),
                SimulationRun.Overrides.NONE).folder();
        assertEquals(3, Files.readAllLines(folder.resolve("spikes_src.csv")).size());
        assertTrue(summary(folder).get("recorded_neurons").isNull());
    }

    /**
     * A CSV file the heap has no room for is left out whole, the files after it written, and the folder kept with
     * a summary that names it: the run's end is an {@link UnmadeResults}.
     */
    @Test
    void aCsvFileTheHeapCannotWriteIsLeftOutAndNamed(@TempDir Path dir) throws IOException {
        UnmadeResults e = assertThrows(UnmadeResults.class, () -> runOutOfHeapWriting(dir, "rates_src.csv"));
        List<Path> folders = runFolders(dir);
        assertEquals(1, folders.size(), folders.toString());
        Path folder = folders.get(0);
        List<String> files = files(folder);
        assertFalse(files.contains("rates_src.csv"), files.toString());
        assertTrue(files.containsAll(List.of("rates_post.csv", "spikes_src.csv", "summary.md", "summary.json",
                "plots/rate_src.png")), files.toString());
        assertEquals(18, files.size(), "no part of rates_src.csv left beside the 18 other files: " + files);
        JsonNode missing = summary(folder).get("missing");
        assertEquals(1, missing.size());
        assertEquals("rates_src.csv", missing.get(0).get("file").asText());
        assertTrue(Files.readString(folder.resolve("summary.md")).contains("Not written: rates_src.csv; "));
        assertTrue(e.getMessage().startsWith(folder + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(", but rates_src.csv could not be made"), e.getMessage());
    }

    /**
     * A summary the heap has no room for leaves the recordings and plots, and neither summary file: a summary.md
     * whose summary.json could not follow would list summary.json, which is not there, and say nothing is missing.
     */
    @ParameterizedTest
    @ValueSource(strings = {"summary.md", "summary.json"})
    void aSummaryTheHeapCannotWriteLeavesTheRecordingsAndPlots(String file, @TempDir Path dir) throws IOException {
        UnmadeResults e = assertThrows(UnmadeResults.class, () -> runOutOfHeapWriting(dir, file));
        List<String> files = files(runFolders(dir).get(0));
        assertFalse(files.contains("summary.md") || files.contains("summary.json"), files.toString());
        assertEquals(17, files.size(), "config, 4 CSV files and 12 plots: " + files);
        assertTrue(e.getMessage().contains(", but its summary could not be made"), e.getMessage());
    }

    /** A refused config names its file, line, key, what was expected and what was found, and leaves no folder. */
    @Test
    void aDurationOfZeroIsRefusedAtItsLine(@TempDir Path dir) throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> run(dir, TINY.replace("duration_ms: 4", "duration_ms: 0"), SimulationRun.Overrides.NONE));
        assertTrue(e.getMessage().contains("tiny.yaml:2:")
                && e.getMessage().contains("duration_ms: expected a number > 0 (ms), found 0"), e.getMessage());
        assertEquals(1, e.problems().size(), "a duration of no steps is not refused again: " + e.getMessage());
        assertEquals(List.of(), runFolders(dir));
    }

    /** A name that would make folders of the result folder's path is refused, as is one of a population. */
    @Test
    void namesThatWouldMakeFoldersAreRefused(@TempDir Path dir) throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> run(dir, TINY.replace("name: tiny", "name: a/b")
                .replace("name: post", "name: ../post").replace("target: post", "target: ../post"),
                SimulationRun.Overrides.NONE));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("name: expected") && e.getMessage().contains("a/b"), e.getMessage());
        assertTrue(e.getMessage().contains("populations[1].name: expected"), e.getMessage());
    }

    /** Two populations whose names differ only in case would share their files on some disks. */
    @Test
    void populationNamesThatDifferOnlyInCaseAreRefused(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> run(dir, TINY.replace("name: post", "name: Src")
                .replace("target: post", "target: Src"), SimulationRun.Overrides.NONE));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("populations[1].name: expected a name that differs from populations[0]'s"
                + " ('src') in more than case"), e.getMessage());
    }

    /** A duration that is no whole number of steps names the {@code --set} that gave the step. */
    @Test
    void aDurationOffTheStepOfASetNamesTheSet(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> run(dir, TINY,
                new SimulationRun.Overrides(null, null, null, null, List.of("dt_ms=0.3"))));
        assertTrue(e.getMessage().contains("duration_ms") && e.getMessage().contains("dt_ms is the one --set dt_ms=0.3"
                + " gave"), e.getMessage());
        assertFalse(e.getMessage().contains("null"), "a problem without a hint has the note alone: " + e.getMessage());
    }

    /** Threads the file gives are checked with the file; those of the command line with their option. */
    @Test
    void noThreadsAreRefusedWhereTheyWereGiven(@TempDir Path dir) {
        ConfigException file = assertThrows(ConfigException.class,
                () -> run(dir, TINY.replace("seed: 5", "seed: 5\nthreads: 0"), SimulationRun.Overrides.NONE));
        assertTrue(file.getMessage().contains("tiny.yaml:4:") && file.getMessage().contains("threads: expected"),
                file.getMessage());
        ParameterException option = assertThrows(ParameterException.class,
                () -> run(dir, TINY, new SimulationRun.Overrides(0, null, null, null, List.of())));
        assertTrue(option.getMessage().contains("--threads"), option.getMessage());
    }

    /**
     * A plastic projection's weights are sampled at 0, every {@code interval_ms} and at the end; the summary's
     * mean weight before the run is the initial 30 mV, and after it the last sample's mean and the mean of the
     * weights that {@code synapses_src_to_post.csv} holds.
     */
    @Test
    void aPlasticProjectionsWeightsAreSampledAndSummed(@TempDir Path dir) throws IOException {
        String yaml = TINY.replace("delay_ms: 1.0}", "delay_ms: 1.0,\n     plasticity: {type: pair_stdp, a_plus: 1,"
                + " a_minus: 1, tau_plus: 20, tau_minus: 20, w_max: 40}}")
                + "  synapses: [src->post]\n  weights: [{projection: src->post, interval_ms: 1.5}]\n";
        Path folder = run(dir, yaml, SimulationRun.Overrides.NONE).folder();
        List<String[]> samples = Files.readAllLines(folder.resolve("weights_src_to_post.csv")).stream().skip(1)
                .map(l -> l.split(",")).toList();
        assertEquals(List.of("0.000000000", "1.500000000", "3.000000000", "4.000000000"),
                samples.stream().map(r -> r[0]).toList());
        assertEquals(30.0, Double.parseDouble(samples.get(0)[1]));
        double after = Files.readAllLines(folder.resolve("synapses_src_to_post.csv")).stream().skip(1)
                .mapToDouble(l -> Double.parseDouble(l.split(",")[2])).average().orElseThrow();
        assertTrue(after != 30.0, "the pairings changed the weights: " + after);
        JsonNode learned = summary(folder).get("plasticity").get(0);
        assertEquals(30.0, learned.get("mean_weight_before").asDouble());
        assertEquals(after, learned.get("mean_weight_after").asDouble(), 1e-6);
        assertEquals(Float.parseFloat(samples.get(3)[1]), learned.get("mean_weight_after").asDouble(), 1e-6);
        assertTrue(Files.exists(folder.resolve("plots/weights_src_to_post.svg")));
    }

    /**
     * The config {@code --print-config} shows is the resolved one, every parameter filled in, with the command
     * line's values, and nothing is written.
     */
    @Test
    void theResolvedConfigHasTheDefaultsAndOverridesAndWritesNothing(@TempDir Path dir) throws IOException {
        String yaml = SimulationRun.resolvedConfig(config(dir, TINY), new SimulationRun.Overrides(null, 9L, 2.0, null,
                List.of()), new PrintWriter(new StringWriter()));
        assertTrue(yaml.contains("duration_ms: 2.0") && yaml.contains("seed: 9") && yaml.contains("dt_ms: 0.1"), yaml);
        assertFalse(Files.exists(dir.resolve("results")));
        ConfigException e = assertThrows(ConfigException.class, () -> SimulationRun.resolvedConfig(config(dir,
                TINY.replace("duration_ms: 4", "duration_ms: -1")), SimulationRun.Overrides.NONE,
                new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("tiny.yaml:2:"), e.getMessage());
    }

    /**
     * The summary's events per second are its synaptic events over its loop time (4 spikes of src and post: the
     * 2 of src reach post, through 1 synapse each), a time within the test's own; the spike hash is of the spikes,
     * so a spike moved by a step changes it.
     */
    @Test
    void theSummarysRateOfEventsAndSpikeHashAreOfTheRun(@TempDir Path dir) throws IOException {
        long before = System.nanoTime();
        JsonNode s = summary(run(dir, TINY, SimulationRun.Overrides.NONE).folder());
        double elapsedSeconds = (System.nanoTime() - before) / 1e9;
        assertEquals(2, s.get("synaptic_events").asLong());
        double loop = s.get("loop_seconds").asDouble();
        double setup = s.get("setup_seconds").asDouble();
        assertTrue(loop > 0 && loop + setup <= elapsedSeconds, loop + " + " + setup + " s of " + elapsedSeconds);
        assertEquals(2 / loop, s.get("events_per_second").asDouble(), 1e-9 * (2 / loop));
        JsonNode moved = summary(run(dir.resolve("moved"), TINY.replace("[2.5]", "[2.6]"),
                SimulationRun.Overrides.NONE).folder());
        assertFalse(s.get("spike_hash").asText().equals(moved.get("spike_hash").asText()), s.get("spike_hash")
                .asText());
    }

    /**
     * Standard error says when more threads are asked for than there are processors, and which spike times
     * lie after the end of the run (src's at 9 ms of a 4 ms run).
     */
    @Test
    void theNotesOfThreadsAndOfTimesAfterTheEndGoToStandardError(@TempDir Path dir) throws IOException {
        int threads = Runtime.getRuntime().availableProcessors() + 1;
        StringWriter err = new StringWriter();
        SimulationRun.execute(config(dir, TINY.replace("[2.5]", "[2.5, 9]")), dir.resolve("results"),
                new SimulationRun.Overrides(threads, null, null, null, List.of()), List.of(), new PrintWriter(err));
        assertTrue(err.toString().contains("engram simulate: note: --threads " + threads + " on "), err.toString());
        assertTrue(err.toString().contains("1 spike time of population 'src' lies after the end of the run (4 ms)"),
                err.toString());
        StringWriter fileErr = new StringWriter();
        SimulationRun.execute(config(dir, TINY.replace("seed: 5", "seed: 5\nthreads: " + threads)),
                dir.resolve("results"), SimulationRun.Overrides.NONE, List.of(), new PrintWriter(fileErr));
        assertTrue(fileErr.toString().contains("engram simulate: note: threads " + threads + " on "),
                fileErr.toString());
    }

    /** An entry naming a population the config lacks is refused, and so is a record entry that does. */
    @Test
    void entriesNamingNoPopulationAreRefused(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> run(dir, TINY.replace("target: post",
                "target: nope") + "  spikes: [none]\n", SimulationRun.Overrides.NONE));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("projections[0].target: expected one of the populations [src, post], found"
                + " nope") && e.getMessage().contains("record.spikes[0]: expected one of the populations [src, post],"
                + " found none"), e.getMessage());
    }

    /**
     * With one name written for two populations, that is the one problem reported: an entry naming a population
     * the config lacks names, most likely, the one whose name was written twice.
     */
    @Test
    void aSharedNameIsTheOneProblemOfItsPopulations(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> run(dir, TINY.replace("name: post",
                "name: src"), SimulationRun.Overrides.NONE));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("src"), e.getMessage());
    }

    /** A recording that starts after a duration the command line set says that the duration is the option's. */
    @Test
    void aRecordingPastTheDurationOfTheOptionNamesTheOption(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> run(dir, TINY.replace("rate_bin_ms: 2",
                "rate_bin_ms: 1\n  from_ms: 3"), new SimulationRun.Overrides(null, null, 2.0, null, List.of())));
        assertTrue(e.getMessage().contains("the duration is the one --duration-ms set"), e.getMessage());
    }

    /**
     * A state recording samples post's potential every ms up to the end: 0 mV at each sample, since post is reset
     * to 0 after each input and before it (no leak from e_l = 0); a recorded projection without synapses has a
     * weight file but no figure, whose statistics it lacks.
     */
    @Test
    void writesTheStateAndLeavesOutTheFigureOfNoSynapses(@TempDir Path dir) throws IOException {
        String yaml = TINY.replace("projections:\n", "projections:\n  - {name: none, source: src, target: post, rule:"
                + " {type: explicit, sources: [], targets: []}, weight: 1, delay_ms: 1.0,\n     plasticity: {type:"
                + " pair_stdp, a_plus: 1, a_minus: 1, tau_plus: 20, tau_minus: 20, w_max: 40}}\n")
                + "  state: [{population: post, variable: v, interval_ms: 1}]\n"
                + "  weights: [{projection: none, interval_ms: 2}]\n";
        Path folder = run(dir, yaml, SimulationRun.Overrides.NONE).folder();
        assertEquals(List.of("time_ms,neuron,v", "1.000000000,0,0.0", "2.000000000,0,0.0", "3.000000000,0,0.0",
                "4.000000000,0,0.0"), Files.readAllLines(folder.resolve("state_post_v.csv")));
        assertTrue(Files.exists(folder.resolve("weights_none.csv")));
        assertFalse(files(folder).stream().anyMatch(f -> f.startsWith("plots/weights")), files(folder).toString());
    }

    /** A duration the command line set is blamed on its option, with its value as the option wrote it. */
    @Test
    void aDurationOfTheOptionIsBlamedOnTheOption(@TempDir Path dir) {
        ConfigException written = assertThrows(ConfigException.class,
                () -> run(dir, TINY, new SimulationRun.Overrides(null, null, -2.0, "-2e0", List.of())));
        assertTrue(written.getMessage().contains("--duration-ms: duration_ms: expected a number > 0 (ms), found -2e0"),
                written.getMessage());
        ConfigException shown = assertThrows(ConfigException.class,
                () -> run(dir, TINY, new SimulationRun.Overrides(null, null, -2.0, null, List.of())));
        assertTrue(shown.getMessage().contains("--duration-ms: duration_ms: expected a number > 0 (ms), found -2.0"),
                shown.getMessage());
    }

    /** An infinite duration is told to be finite and above 0: it was told "a finite number >= 0", 0 refused. */
    @Test
    void anInfiniteDurationIsToldToBeFiniteAndAboveZero(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> run(dir, TINY,
                new SimulationRun.Overrides(null, null, Double.POSITIVE_INFINITY, "1e400", List.of())));
        assertTrue(e.getMessage().contains("--duration-ms: duration_ms: expected a finite number > 0 (ms), found"
                + " 1e400"), e.getMessage());
    }
}
