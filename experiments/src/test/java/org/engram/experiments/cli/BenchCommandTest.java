package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.engram.experiments.launch.HeapAdvice;
import org.engram.simulator.model.ThresholdScreening;
import org.engram.simulator.reference.BrunelNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The JSON reports of {@code engram bench} carry the fields scripts rely on, with consistent values. */
class BenchCommandTest {
    private static JsonNode lastJson(CliRunner.Result r) throws Exception {
        assertEquals(0, r.exitCode(), r.err());
        return new ObjectMapper().readTree(r.lastLine());
    }

    @Test
    void networkBenchReportsItsContractFields() throws Exception {
        CliRunner.Result r = CliRunner.run("bench", "brunel", "--neurons", "1250", "--duration-ms", "100",
                "--threads", "2", "--json");
        JsonNode j = lastJson(r);
        for (String key : List.of("network", "neurons", "synapses", "duration_ms", "threads", "mode", "setup_seconds",
                "loop_seconds", "spikes", "mean_rate_hz", "synaptic_events", "events_per_second", "bytes_per_synapse",
                "peak_heap_bytes", "spike_hash")) {
            assertTrue(j.has(key), "missing " + key + " in " + j);
        }
        assertEquals(1250, j.get("neurons").asInt());
        // Fixed in-degrees at scale 0.1: 1000 excitatory and 250 inhibitory neurons, each receiving
        // 100 + 25 synapses.
        assertEquals(1250L * 125, j.get("synapses").asLong());
        assertEquals(j.get("spikes").asDouble() / (1250 * 0.1), j.get("mean_rate_hz").asDouble(), 1e-9);
        assertEquals(64, j.get("spike_hash").asText().length());
        assertTrue(r.out().contains(String.format(Locale.ROOT, "  peak heap %.1f MB, spike hash %s%n",
                j.get("peak_heap_bytes").asLong() / 1e6, j.get("spike_hash").asText())), r.out());
        assertTrue(j.get("jvm_options").isArray(), j.toString());
        assertTrue(j.get("object_alignment_bytes").isInt(), j.toString());
        assertEquals(ThresholdScreening.available(), j.get("vector_api").asBoolean(), j.toString());
    }

    @Test
    void sameSeedSameSpikeHashForOneAndTwoThreads() throws Exception {
        JsonNode one = lastJson(CliRunner.run("bench", "cuba", "--neurons", "1000", "--duration-ms", "200", "--json"));
        JsonNode two = lastJson(CliRunner.run("bench", "cuba", "--neurons", "1000", "--duration-ms", "200",
                "--threads", "2", "--json"));
        assertEquals(one.get("spike_hash"), two.get("spike_hash"));
        assertEquals(one.get("synaptic_events"), two.get("synaptic_events"));
    }

    /**
     * What {@code --record} adds is counted by hand: CUBA at 400 neurons has populations of 320 and 80, so 20 ms
     * (200 steps) give 2 x 20 rate bins of 1 ms and (100 + 80) x 200 potentials, and the spike recorders hold
     * every spike. Recording changes no spike, and a warm-up's monitors count in the warm-up alone.
     */
    @Test
    void recordingChangesNoSpikeAndHoldsWhatTheRunGives() throws Exception {
        String[] network = {"bench", "cuba", "--neurons", "400", "--duration-ms", "20", "--json"};
        JsonNode plain = lastJson(CliRunner.run(network));
        assertEquals("[]", plain.get("record").toString());
        assertEquals(0, plain.get("recorded_spikes").asLong() + plain.get("recorded_rate_bins").asLong()
                + plain.get("recorded_state_values").asLong());
        for (String warmUp : List.of("0", "10")) {
            List<String> args = new ArrayList<>(List.of(network));
            args.addAll(List.of("--record", "STATE,spikes,rate", "--warmup-ms", warmUp));
            CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
            JsonNode j = lastJson(r);
            assertEquals(plain.get("spike_hash"), j.get("spike_hash"));
            assertTrue(j.get("spikes").asLong() > 0, j.toString());
            assertEquals(j.get("spikes").asLong(), j.get("recorded_spikes").asLong());
            assertEquals(40, j.get("recorded_rate_bins").asLong());
            assertEquals(180 * 200, j.get("recorded_state_values").asLong());
            assertEquals("[\"spikes\",\"rate\",\"state\"]", j.get("record").toString());
            assertTrue(r.out().contains("  recorded: " + j.get("spikes").asLong()
                    + " spikes, 40 rate bins, 36000 state values" + System.lineSeparator()), r.out());
        }
        // The text names what was recorded alone: "0 spikes" would read as a network that never fired.
        List<String> rateOnly = new ArrayList<>(List.of(network));
        rateOnly.addAll(List.of("--record", "rate"));
        CliRunner.Result r = CliRunner.run(rateOnly.toArray(new String[0]));
        assertEquals(0, lastJson(r).get("recorded_spikes").asLong());
        assertTrue(r.out().contains("  recorded: 40 rate bins" + System.lineSeparator()), r.out());
    }

    /**
     * A recording the run cannot hold is refused by {@code --record}, with the recorder's account, before a step
     * is taken: CUBA at 80 neurons has 64 excitatory ones, whose potentials over 10^9 steps (10^8 ms) are more than
     * one array holds, and over 3 x 10^7 steps 1.92 x 10^9 values, 15.4 GB, more than the tests' heap of 4 GB.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "100000000|a recording that one Java array holds, found state for 100000000 ms; state recorder of 'exc':"
                + " interval: expected at most 2147483639 samples x neurons in one recorder",
        "3000000|a recording that the Java heap holds, found spikes,state for 3000000 ms; state recorder of 'exc':"})
    void aRecordingPastWhatTheRunHoldsIsRefusedByTheOption(String durationMs, String message) {
        CliRunner.Result r = CliRunner.run("bench", "cuba", "--neurons", "80", "--duration-ms", durationMs,
                "--record", durationMs.length() > 7 ? "state" : "state,spikes");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("bench cuba: --record: expected " + message), r.err());
        assertTrue(r.err().contains("record less or a shorter --duration-ms"), r.err());
    }

    /** CUBA's 5,000 neurons share their slices (theReportSaysWhetherTheThreadsWereUsed), so the threads matter. */
    @Test
    void moreThreadsThanProcessorsAreNotedOnStandardErrorOnly() throws Exception {
        int processors = Runtime.getRuntime().availableProcessors();
        CliRunner.Result many = CliRunner.run("bench", "cuba", "--neurons", "5000", "--duration-ms", "20",
                "--threads", String.valueOf(processors + 1), "--json");
        assertEquals(0, many.exitCode(), many.err());
        assertTrue(many.err().startsWith("engram bench cuba: note: --threads " + (processors + 1) + " on "
                + processors), many.err());
        JsonNode j = lastJson(many);
        assertEquals(processors + 1, j.get("threads").asInt());
        CliRunner.Result enough = CliRunner.run("bench", "cuba", "--neurons", "5000", "--duration-ms", "20",
                "--threads", String.valueOf(processors), "--json");
        // The test JVM's own object alignment may add the note of AlignmentNotice, tested below.
        assertFalse(enough.err().contains("--threads"), enough.err());
    }

    /**
     * The JVM's object alignment is reported as the JVM was started with it, and an alignment below a cache line,
     * at which the loops' speed changes from run to run, is noted on standard error; at 64 bytes there is no note.
     */
    @ParameterizedTest
    @ValueSource(ints = {16, 64})
    void theJvmsObjectAlignmentIsReportedAndOneBelowACacheLineNoted(int alignment, @TempDir Path dir)
            throws Exception {
        String option = "-XX:ObjectAlignmentInBytes=" + alignment;
        Process p = new ProcessBuilder(CliRunner.command(List.of(option), "bench", "cuba", "--neurons", "500",
                "--duration-ms", "10", "--json")).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bench did not finish");
        String err = Files.readString(dir.resolve("err.txt"));
        assertEquals(0, p.exitValue(), err);
        List<String> lines = Files.readAllLines(dir.resolve("out.txt"));
        JsonNode j = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals(alignment, j.get("object_alignment_bytes").asInt(), j.toString());
        List<String> options = new ArrayList<>();
        j.get("jvm_options").forEach(o -> options.add(o.asText()));
        assertTrue(options.contains(option), options.toString());
        if (alignment < 64) {
            assertEquals("engram bench cuba: note: the JVM aligns objects to 16 bytes, so the arrays a neuron pass"
                    + " streams lie at chance offsets within cache lines and the same run can take up to 75% longer in"
                    + " one process than in another; ./engram starts Java with -XX:ObjectAlignmentInBytes=64 (give"
                    + " it to java -jar too)\n", err);
        } else {
            assertEquals("", err);
        }
    }

    @Test
    void cobaGivesTheSameSpikesWhenTwoThreadsShareItsSlices() throws Exception {
        JsonNode one = lastJson(CliRunner.run("bench", "coba", "--neurons", "5000", "--duration-ms", "100", "--json"));
        JsonNode two = lastJson(CliRunner.run("bench", "coba", "--neurons", "5000", "--duration-ms", "100",
                "--threads", "2", "--json"));
        assertTrue(two.get("parallel").asBoolean(), two.toString());
        assertTrue(one.get("spikes").asLong() > 1000, one.toString());
        assertEquals(one.get("spike_hash"), two.get("spike_hash"));
        assertEquals("coba", one.get("network").asText());
    }

    @Test
    void cobaRefusesPreciseModeByItsOption() {
        CliRunner.Result r = CliRunner.run("bench", "coba", "--mode", "precise");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("bench coba: --mode: expected grid (lif_cond_exp has no precise mode"), r.err());
        assertTrue(r.err().contains("found precise"), r.err());
    }

    /** The shipped simulation configs {@code cuba.yaml} and {@code coba.yaml} are the bench's networks. */
    @ParameterizedTest
    @ValueSource(strings = {"cuba", "coba"})
    void theShippedConfigSimulatesTheBenchNetwork(String network, @TempDir Path dir) throws Exception {
        JsonNode bench = lastJson(CliRunner.run("bench", network, "--duration-ms", "50", "--json"));
        CliRunner.Result simulated = CliRunner.run("simulate", "configs/" + network + ".yaml",
                "--set", "duration_ms=50", "--out", dir.toString());
        assertEquals(0, simulated.exitCode(), simulated.err());
        String summary = Files.readString(Path.of(simulated.lastLine()).resolve("summary.md"));
        assertTrue(summary.contains("spike hash " + bench.get("spike_hash").asText()), summary);
    }

    /**
     * Slices are shared when neurons x slice steps reach 5,000 in grid mode and 20,000 in precise mode
     * (EngineOptions' defaults): Brunel's 1.5 ms delay makes slices of 15 steps, so 375 neurons
     * (5,625) share and 250 (3,750) do not; CUBA's 0.1 ms delay makes slices of one step, so 5,000
     * neurons share in grid mode but not in precise mode, and 4,000 do not.
     */
    @ParameterizedTest
    @CsvSource({"brunel, 375, 2, grid, true", "brunel, 250, 2, grid, false", "brunel, 2500, 1, grid, false",
            "cuba, 5000, 2, grid, true", "cuba, 4000, 2, grid, false", "cuba, 5000, 2, precise, false",
            "coba, 5000, 2, grid, true", "brunel, 1500, 2, precise, true", "brunel, 1250, 2, precise, false",
            "cuba, 1000, 1, grid, false"})
    void theReportSaysWhetherTheThreadsWereUsed(String network, int neurons, int threads, String mode,
                                                 boolean parallel) throws Exception {
        CliRunner.Result r = CliRunner.run("bench", network, "--neurons", String.valueOf(neurons),
                "--duration-ms", "20", "--threads", String.valueOf(threads), "--mode", mode, "--json");
        assertEquals(parallel, lastJson(r).get("parallel").asBoolean());
        assertEquals(threads > 1 && !parallel, r.out().contains("(run on one:"), r.out());
    }

    @Test
    void warmUpRunsACopySoTheTimedRunIsUnchanged() throws Exception {
        JsonNode cold = lastJson(CliRunner.run("bench", "cuba", "--neurons", "1000", "--duration-ms", "100", "--json"));
        JsonNode warm = lastJson(CliRunner.run("bench", "cuba", "--neurons", "1000", "--duration-ms", "100",
                "--warmup-ms", "50", "--json"));
        assertEquals(0.0, cold.get("warmup_ms").asDouble());
        assertEquals(50.0, warm.get("warmup_ms").asDouble());
        assertEquals(cold.get("spike_hash"), warm.get("spike_hash"));
        assertEquals(cold.get("synaptic_events"), warm.get("synaptic_events"));
    }

    /** The text report gives the durations as asked for: 10.5 ms was printed as 11, 0.4 ms as 0. */
    @Test
    void theTextReportGivesTheDurationsUnrounded() {
        CliRunner.Result r = CliRunner.run("bench", "cuba", "--duration-ms", "10.5", "--warmup-ms", "0.4");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  10.5 ms simulated: ") && r.out().contains("(after a 0.4 ms warm-up)"), r.out());
    }

    /** Out-of-range sizes are user errors naming the option (--batch 0 divided by zero). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "train --batch 0|--batch|found 0",
        "train --hidden 16,0|bench train: --hidden|expected an integer >= 1, found 0",
        "train --limit 0|bench train: --limit|expected an integer >= 1, found 0",
        "stdp --neurons 0|bench stdp: --neurons|expected an integer >= 1, found 0",
        "stdp --train 0|bench stdp: --train|expected an integer >= 1, found 0",
        "stdp --label 0|bench stdp: --label|expected an integer >= 1, found 0",
        "stdp --test 0|bench stdp: --test|expected an integer >= 1, found 0",
        // A list of sizes is read as run --seeds reads one: no item is dropped, none read in octal.
        "train --hidden 8,|--hidden' (N)|expected a layer size after every comma, found a trailing comma",
        "train --hidden 8,,16|--hidden' (N)|found nothing (an empty list, or an empty item between commas)",
        "train --hidden 010|--hidden' (N)|found '010'; numbers are decimal",
        "train --hidden 3000000000|--hidden' (N)|at most 2147483647 neurons, found 3000000000",
        "train --steps -1|--steps|found -1",
        // Past what the learning layer can hold: refused by the option, no longer by its own names.
        "train --hidden 100000000|bench train: --hidden|found 784 x 100000000; the layered network's hidden[0]",
        "train --steps 100000000|bench train: --steps|found 100000000; the encoder's steps",
        "train --threads 100000|bench train: --threads|expected an integer in [1, 1024], found 100000",
        // Each side of --classes' range [2, 256]: the data's 10 classes refuse 256 by the data, not the range.
        "train --classes 1|bench train: --classes|expected an integer in [2, 256], found 1",
        "stdp --classes 257|bench stdp: --classes|expected an integer in [2, 256], found 257",
        "stdp --classes 256|bench stdp: --classes|found 256; give --classes 10",
        "stdp --threads 0|--threads|found 0",
        "cuba --threads 0|--threads|found 0",
        "brunel --threads 5000|--threads|found 5000",
        "cuba --duration-ms 0|--duration-ms|found 0",
        "cuba --dt -0.1|--dt|found -0.1",
        // A step the network's delay or refractory period is no multiple of is the option's fault.
        "brunel --dt 0.2 --neurons 1250 --duration-ms 10|--dt|found 0.2; projection 'exc->exc': delay is 1.5 ms",
        "cuba --dt 0.3 --duration-ms 30|--dt|found 0.3; lif_exp: t_ref is 5.0 ms",
        "cuba --neurons 79|--neurons|found 79",
        "cuba --duration-ms 10.05|--duration-ms|found 10.05",
        // The default duration, which the step given does not divide, or into too many or too few steps, is
        // not the one to blame: the step is. Given, the duration is.
        "cuba --dt 0.15|--dt|divides --duration-ms (default 1000 ms) into whole steps, from one to 2147483647,"
                + " found 0.15",
        "cuba --dt 0.0000001|--dt|into whole steps, from one to 2147483647, found 0.0000001",
        "cuba --dt 1e20|--dt|into whole steps, from one to 2147483647, found 1e20",
        "cuba --dt 0.0000001 --duration-ms 1000|--duration-ms|expected at most 2147483647 time steps",
        // Past the engine's last step, the int range less the longest delay, which only the network knows.
        "cuba --neurons 80 --duration-ms 214748364.7|--duration-ms|expected a total of at most 2147483646 steps",
        "cuba --neurons 80 --warmup-ms 214748364.7|--warmup-ms|expected a total of at most 2147483646 steps",
        // Seeds are read as a config and run --seeds read them: 010 is not taken as 10.
        "cuba --seed 010|--seed'|found '010'; numbers are decimal, without leading zeros: write 10 (decimal) or 8",
        "cuba --duration-ms 1e-12|--duration-ms|at least one (a multiple of dt = 0.1 ms), found 1e-12",
        "cuba --duration-ms 1e12|--duration-ms|found 1e12",
        "cuba --warmup-ms 0.05|--warmup-ms|found 0.05",
        "brunel --neurons -5|--neurons|found -5",
        "brunel --neurons 0|--neurons|expected an integer >= 25, found 0",
        "brunel --neurons 5|--neurons|found 5",
        "cuba --record rate,spikes,rate|--record|expected each of spikes, rate and state at most once, found rate"
                + " twice",
        "cuba --record spikes,voltage|--record' (WHAT)|expected spikes, rate or state, found 'voltage'",
        // A trailing comma or an empty item is refused, as run --seeds and train --hidden refuse them.
        "cuba --record spikes,|--record' (WHAT)|expected spikes, rate or state after every comma, found a trailing"
                + " comma",
        "cuba --record spikes,,rate|--record' (WHAT)|expected spikes, rate or state, found nothing"})
    void outOfRangeOptionsAreRefusedByName(String arguments, String option, String found) {
        List<String> args = new ArrayList<>(List.of("bench"));
        args.addAll(List.of(arguments.split(" ")));
        CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(option + ": expected") && r.err().contains(found), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    /** Every report is out when the command returns, also where standard output does not flush at a line's end. */
    @ParameterizedTest
    @ValueSource(strings = {"cuba --neurons 200 --duration-ms 5", "train --limit 32 --hidden 4 --steps 2",
        "stdp --neurons 4 --train 2 --label 2 --test 2"})
    void theReportIsOutWhenTheCommandReturns(String arguments) throws Exception {
        CommandLine cl = EngramCommand.commandLine();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cl.setOut(new PrintWriter(bytes));
        cl.setErr(new PrintWriter(new StringWriter()));
        List<String> args = new ArrayList<>(List.of("bench"));
        args.addAll(List.of(arguments.split(" ")));
        args.add("--json");
        int code = cl.execute(args.toArray(new String[0]));
        JsonNode j = lastJson(new CliRunner.Result(code, bytes.toString(StandardCharsets.UTF_8), ""));
        assertTrue(j.has("engram_version"), j.toString());
    }

    /** A bare '%' in a description is a format error picocli reports as a warning in the help. */
    @Test
    void helpTextsFormatCleanly() {
        for (String[] command : new String[][] {{"--help"}, {"bench", "--help"}, {"compare", "--help"}}) {
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            PrintStream saved = System.err;
            System.setErr(new PrintStream(stderr, true));
            CliRunner.Result r;
            try {
                r = CliRunner.run(command);
            } finally {
                System.setErr(saved);
            }
            String all = r.out() + r.err() + stderr;
            assertTrue(!all.contains("WARN") && !all.contains("Could not format"),
                    String.join(" ", command) + ": " + all);
        }
    }

    /** A command of subcommands without one is a usage error: a script that left it out must fail. */
    @Test
    void aMissingSubcommandIsAUsageError() {
        for (String[] command : new String[][] {{}, {"bench"}}) {
            CliRunner.Result r = CliRunner.run(command);
            assertEquals(2, r.exitCode(), r.err());
            assertEquals("", r.out());
            assertTrue(r.err().contains("Usage: engram"), r.err());
            String commands = command.length == 0 ? "run, plot, compare, simulate, bench, list, help"
                    : "cuba, coba, brunel, train, stdp";
            assertTrue(r.err().contains("engram: error: missing a command: one of " + commands), r.err());
        }
        assertEquals(0, CliRunner.run("--help").exitCode(), "help asked for is no error");
    }

    /** The smallest Brunel size the refusal and the help name is the smallest that runs. */
    @Test
    void brunelsStatedSmallestSizeIsTheRealOne() {
        CliRunner.Result refused = CliRunner.run("bench", "brunel", "--neurons", "1", "--duration-ms", "1");
        assertEquals(2, refused.exitCode(), refused.err());
        Matcher bound = Pattern.compile("--neurons: expected an integer >= ([0-9]+), found 1").matcher(refused.err());
        assertTrue(bound.find(), refused.err());
        int smallest = Integer.parseInt(bound.group(1));
        assertEquals((int) Math.ceil(BrunelNetwork.SMALLEST_SCALE * 12500), smallest, "the network's own bound");
        for (int n : new int[] {smallest - 1, smallest}) {
            CliRunner.Result r = CliRunner.run("bench", "brunel", "--neurons", String.valueOf(n), "--duration-ms", "1");
            assertEquals(n == smallest ? 0 : 2, r.exitCode(), "--neurons " + n + ": " + r.err());
        }
        String help = CliRunner.run("bench", "brunel", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("Network size N >= " + smallest + " (default 12500)"), help);
    }

    /** A network too large for the heap: a message with the heap's limit and how to raise it, no stack trace. */
    @Test
    void aProjectionPastTheHeapIsNamed(@TempDir Path dir) throws Exception {
        // 400,000 neurons at 80 synapses each: 20 million excitatory synapses take 328 MB while drawn,
        // far beyond 64 MB (their state, 16 MB, fits). It ran out of memory without saying where.
        String text = benchInHeap("-Xmx64m", "400000", dir, 2);
        // The option that made it is named first: the reference network's only size is --neurons.
        assertTrue(text.contains("engram: error: bench cuba: --neurons: expected a network that fits the Java heap, "
                + "found 400000; projection 'exc->exc': rule: expected synapses that fit the Java heap")
                && text.contains("found 20479936 synapses (328 MB)")
                && text.contains(", or " + HeapAdvice.MORE_HEAP), text);
        assertFalse(text.contains("\tat "), "no stack trace: " + text);
    }

    /**
     * A projection past the longest array is the size's fault too: its message had advised splitting
     * the projection, which a user of bench cannot do. Refused before anything is drawn.
     */
    @Test
    void aProjectionPastTheLongestArrayIsNamedByTheSize() {
        CliRunner.Result r = CliRunner.run("bench", "brunel", "--neurons", "200000", "--duration-ms", "1");
        assertEquals(2, r.exitCode(), r.err());
        // 160,000 excitatory neurons of in-degree 1000 x 16 = 16,000 each: 2.56e9 synapses in exc->exc.
        assertTrue(r.err().startsWith("engram: error: bench brunel: --neurons: expected a network whose projections "
                + "each fit the longest Java array, found 200000; projection 'exc->exc': at most 2147483639 synapses "
                + "in one projection (the longest array), found 2560000000 from fixed_in_degree(k=16000")
                && r.err().endsWith("choose fewer neurons\n") && !r.err().contains("split"), r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    /** A population whose state does not fit the heap is named (it was blamed on --dt). */
    @Test
    void aPopulationPastTheHeapIsNamed(@TempDir Path dir) throws Exception {
        // 1.6 million excitatory neurons: their state's arrays alone exceed 32 MB.
        String text = benchInHeap("-Xmx32m", "2000000", dir, 2);
        assertTrue(text.contains("--neurons: expected a network that fits the Java heap, found 2000000; "
                + "population 'exc': size: expected a population whose state fits the Java heap")
                && !text.contains("--dt"), text);
    }

    /**
     * Input buffers past the heap grow with the delays in steps: --dt is named beside --neurons, not
     * the reference network's delays, which a user of bench cannot shorten.
     */
    @Test
    void inputBuffersPastTheHeapNameTheStep(@TempDir Path dir) throws Exception {
        // Brunel's 1.5 ms delay at dt = 0.0002 ms: 7,500 steps of 16 bytes for 1,000 neurons, 120 MB past 64 MB.
        String text = benchInHeap("-Xmx64m", dir, 2, "brunel", "--neurons", "1250", "--dt", "0.0002");
        assertTrue(text.contains("bench brunel: --neurons and --dt: expected a network that fits the Java heap, found "
                + "1250 neurons at dt = 0.0002 ms; population 'exc': input buffers:") && text.contains("a longer step")
                && !text.contains("shorten the delays"), text);
    }

    /**
     * Row starts past the heap grow with the threads: --threads is named, with the count given, not the
     * network's size, which fits.
     */
    @Test
    void rowStartsPastTheHeapNameTheThreads(@TempDir Path dir) throws Exception {
        // COBA's 8,000 neurons share their work; 6,400 excitatory sources x 1,024 threads x 4 bytes is 26 MB for
        // the row starts of 'exc->exc' alone, past a 24 MB heap whatever else it holds, while the network fits.
        String text = benchInHeap("-Xmx24m", dir, 2, "coba", "--neurons", "8000", "--threads", "1024",
                "--duration-ms", "1");
        assertTrue(text.contains("engram: error: bench coba: --threads: expected row starts that fit the Java heap (")
                && text.contains("found 1024; 1024 threads for projection 'exc->exc' from 6400 neurons (26 MB); use"
                + " fewer threads") && !text.contains("--neurons"), text);
    }

    /** Runs {@code bench cuba --neurons N} in a JVM of its own with a heap limit; its output. */
    private static String benchInHeap(String heap, String neurons, Path dir, int exitCode) throws Exception {
        return benchInHeap(heap, dir, exitCode, "cuba", "--neurons", neurons);
    }

    /** Runs {@code bench ARGS} in a JVM of its own with a heap limit; its output. */
    private static String benchInHeap(String heap, Path dir, int exitCode, String... args) throws Exception {
        Path log = dir.resolve("log.txt");
        List<String> command = new ArrayList<>(List.of("bench"));
        command.addAll(List.of(args));
        Process p = CliRunner.start(List.of(heap), log, command.toArray(new String[0]));
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the process must end");
        String text = Files.readString(log);
        assertEquals(exitCode, p.exitValue(), text);
        return text;
    }

    @Test
    void negativeWarmUpIsRefusedByName() {
        CliRunner.Result r = CliRunner.run("bench", "cuba", "--neurons", "1000", "--warmup-ms", "-5");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--warmup-ms") && r.err().contains("-5"), r.err());
    }

    @Test
    void trainBenchReportsItsContractFields() throws Exception {
        CliRunner.Result r = CliRunner.run("bench", "train", "--limit", "300", "--hidden", "32", "--steps", "8",
                "--batch", "32", "--json");
        JsonNode j = lastJson(r);
        for (String key : List.of("inputs", "hidden", "classes", "steps", "batch", "epochs", "threads", "train_samples",
                "train_seconds",
                "samples_per_second", "inference_samples_per_second", "test_accuracy", "weights_hash")) {
            assertTrue(j.has(key), "missing " + key + " in " + j);
        }
        assertEquals(300, j.get("train_samples").asInt());
        assertEquals(32, j.get("hidden").get(0).asInt());
        assertEquals(784, j.get("inputs").asInt());
        assertEquals(10, j.get("classes").asInt());
        assertTrue(j.get("test_accuracy").asDouble() > 0.3, "a 300-sample network beats chance (10%): " + j);
    }

    @Test
    void stdpBenchReportsAccuracyAndTimePerSample() throws Exception {
        JsonNode j = lastJson(CliRunner.run("bench", "stdp", "--neurons", "10", "--train", "30", "--label", "30",
                "--test", "30", "--json"));
        for (String key : List.of("neurons", "train_samples", "label_samples", "test_samples", "train_seconds",
                "seconds_per_sample", "test_accuracy")) {
            assertTrue(j.has(key), "missing " + key + " in " + j);
        }
        assertEquals(10, j.get("neurons").asInt());
        assertEquals(30, j.get("test_samples").asInt());
        double accuracy = j.get("test_accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy is a fraction: " + accuracy);
    }

    @Test
    void badOptionIsAUsageError() {
        CliRunner.Result r = CliRunner.run("bench", "cuba", "--mode", "exact");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("grid or precise"), r.err());
    }

    /**
     * The note that threads past the processors take turns on them comes with a run that shares its slices,
     * not with one that runs on one thread whatever --threads says (CUBA's 1,000 neurons), where it suggested
     * that fewer threads would be faster.
     */
    @Test
    void theNoteOnThreadsPastTheProcessorsComesOnlyWithARunThatSharesItsSlices() {
        String threads = String.valueOf(Runtime.getRuntime().availableProcessors() + 1);
        CliRunner.Result alone = CliRunner.run("bench", "cuba", "--neurons", "1000", "--duration-ms", "10",
                "--threads", threads);
        assertEquals(0, alone.exitCode(), alone.err());
        assertFalse(alone.err().contains("take turns"), alone.err());
        CliRunner.Result shared = CliRunner.run("bench", "brunel", "--neurons", "375", "--duration-ms", "10",
                "--threads", threads);
        assertEquals(0, shared.exitCode(), shared.err());
        assertTrue(shared.err().contains("engram bench brunel: note: --threads " + threads + " on "), shared.err());
    }

    /**
     * Every benchmark refuses the same --threads values, by the option and before anything else is said:
     * train and stdp had noted "threads beyond the processors take turns" for 5000 and then failed, stdp
     * naming its learner's key ("diehl_cook: threads") rather than the option.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cuba", "coba", "brunel", "train", "stdp"})
    void everyBenchRefusesTheSameThreadCountsByTheOption(String bench) {
        for (String threads : new String[] {"0", "1025"}) {
            CliRunner.Result r = CliRunner.run("bench", bench, "--threads", threads);
            assertEquals(2, r.exitCode(), r.err());
            // EngineOptions.MAX_THREADS, the limit of the engine and the trainer alike, is 1024.
            assertEquals("engram: error: bench " + bench + ": --threads: expected an integer in [1, 1024], found "
                    + threads + "\n", r.err());
        }
    }

    /**
     * The encoding and readout that bench train reports read back as its options: the report said
     * {@code direct} and {@code spike_count}, which --encoding and --readout refused, so a script could
     * not repeat a measurement from its JSON.
     */
    @Test
    void trainReportsEncodingAndReadoutItsOptionsReadBack() throws Exception {
        String[] common = {"bench", "train", "--limit", "64", "--hidden", "8", "--steps", "4", "--batch", "32",
                "--seed", "7", "--json"};
        JsonNode first = lastJson(CliRunner.run(concat(common, "--encoding", "current", "--readout", "count")));
        JsonNode again = lastJson(CliRunner.run(concat(common, "--encoding", first.get("encoding").asText(),
                "--readout", first.get("readout").asText())));
        assertEquals(first.get("weights_hash"), again.get("weights_hash"), again.toString());
        assertEquals(first.get("encoding"), again.get("encoding"));
        assertEquals(first.get("readout"), again.get("readout"));
        // A config's names for them read too.
        JsonNode config = lastJson(CliRunner.run(concat(common, "--encoding", "direct_current",
                "--readout", "spike_count")));
        assertEquals(first.get("weights_hash"), config.get("weights_hash"), config.toString());
    }

    /**
     * Every benchmark's JSON names the seed it ran with and the build, as {@code --version} gives it:
     * only stdp's had named its seed, and none the build, so figures could not be repeated or told apart.
     */
    @Test
    void everyBenchReportNamesItsSeedAndBuild() throws Exception {
        String version = CliRunner.run("--version").out().lines().findFirst().orElseThrow();
        List<String[]> benches = List.of(
                new String[] {"bench", "cuba", "--neurons", "200", "--duration-ms", "5", "--seed", "5", "--json"},
                new String[] {"bench", "coba", "--neurons", "200", "--duration-ms", "5", "--seed", "5", "--json"},
                new String[] {"bench", "brunel", "--neurons", "100", "--duration-ms", "5", "--seed", "5", "--json"},
                new String[] {"bench", "train", "--limit", "32", "--hidden", "4", "--steps", "2", "--seed", "5",
                        "--json"},
                new String[] {"bench", "stdp", "--neurons", "4", "--train", "2", "--label", "2", "--test", "2",
                        "--seed", "5", "--json"});
        for (String[] bench : benches) {
            JsonNode j = lastJson(CliRunner.run(bench));
            assertEquals(5, j.get("seed").asLong(), bench[1] + ": " + j);
            String commit = j.get("engram_commit").isNull() ? "" : " (commit " + j.get("engram_commit").asText() + ")";
            assertEquals(version, "engram " + j.get("engram_version").asText() + commit, bench[1] + ": " + j);
        }
    }

    /**
     * A batch larger than the samples is one batch of them all: a batch of 2^31 - 1 wrapped the count of batches to
     * 0, refused as "learning rate schedule: total: expected an integer >= 1" (from a fuzz audit).
     */
    @Test
    void aBatchOfAnySizeLargerThanTheSamplesIsOneBatch() throws Exception {
        String[] common = {"bench", "train", "--limit", "16", "--hidden", "4", "--steps", "2", "--json", "--batch"};
        JsonNode largest = lastJson(CliRunner.run(concat(common, String.valueOf(Integer.MAX_VALUE))));
        JsonNode exact = lastJson(CliRunner.run(concat(common, "16")));
        assertEquals(16, largest.get("train_samples").asInt(), largest.toString());
        assertEquals(exact.get("weights_hash"), largest.get("weights_hash"), "one batch of the 16 samples either way");
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }
}
