package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.engram.experiments.launch.HeapAdvice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulation whose recordings fill about half the heap makes its summary and plots after its run: they read
 * the recordings in place. They copied them (the rates' bins, 12 bytes a spike three times over) and the run,
 * finished, ended in the bare out-of-memory message, its folder deleted. Where the heap has too little room left
 * even so, the folder keeps what is written and the command says what is missing. Each case runs in a JVM of a
 * small heap, with one garbage collector named, as how much of the heap one array can take depends on it.
 */
class ResultsBesideRecordingsTest {
    /** One silent neuron whose rate is recorded in bins of one step, 0.1 ms: a bin per step. */
    private static String silentRates(String name, int bins) {
        return """
                name: %s
                duration_ms: %d
                dt_ms: 0.1
                populations:
                  - name: a
                    size: 1
                    model: lif_delta
                record:
                  rate_bin_ms: 0.1
                """.formatted(name, bins / 10);
    }

    /**
     * 4,000,000 bins of 8 bytes, 32 MB of a 64 MB heap: the pre-run check lets bins up to the heap's size in (the
     * serial collector takes some 5,400,000 here), and a copy of them no longer fit.
     */
    @Test
    void ratesOfHalfTheHeapAreWrittenAndDrawn(@TempDir Path dir) throws Exception {
        int bins = 4_000_000;
        Path config = Files.writeString(dir.resolve("rates.yaml"), silentRates("rates", bins));
        Path results = dir.resolve("results");
        Child run = Child.simulate(dir, List.of("-Xmx64m", "-XX:+UseSerialGC"), config, results);
        assertEquals(0, run.exitCode(), run.output());
        Path folder = onlyRun(results.resolve("rates"));
        // A header and a row per bin, the last starting a bin before the end.
        assertEquals(bins + 1, lines(folder.resolve("rates_a.csv")));
        assertEquals("399999.900000000,0.000000", lastLine(folder.resolve("rates_a.csv")));
        assertTrue(Files.size(folder.resolve("plots/rate_a.png")) > 0);
        assertTrue(Files.readString(folder.resolve("summary.md")).contains("- plots/raster_a and plots/rate_a"));
    }

    /**
     * Two populations of 100 neurons at 243.9 Hz for 40 s, 975,600 spikes each: recorders of 1,048,576 spikes,
     * 12.6 MB each, as large as the run's heap lets them grow (the next size, 25 MB, was refused within the run).
     * The statistics, counted in place, agree with the spike files; a copy of the train no longer fit.
     */
    @Test
    void spikesAsManyAsTheRunKeepsAreSummedAndDrawn(@TempDir Path dir) throws Exception {
        StringBuilder yaml = new StringBuilder("name: spikes\nduration_ms: 40000\npopulations:\n");
        for (String name : List.of("p", "q")) {
            yaml.append("""
                      - name: %s
                        size: 100
                        model: lif_delta
                        params: {tau_m: 10, c_m: 250, e_l: -70, v_th: -55, v_reset: -70, t_ref: 2, i_e: 2000}
                    """.formatted(name));
        }
        yaml.append("record:\n  rate_bin_ms: 100\n");
        Path config = Files.writeString(dir.resolve("spikes.yaml"), yaml.toString());
        Path results = dir.resolve("results");
        Child run = Child.simulate(dir, List.of("-Xmx64m", "-XX:+UseSerialGC"), config, results);
        assertEquals(0, run.exitCode(), run.output());
        Path folder = onlyRun(results.resolve("spikes"));
        String summary = Files.readString(folder.resolve("summary.md"));
        for (String name : List.of("p", "q")) {
            long spikes = lines(folder.resolve("spikes_" + name + ".csv")) - 1;
            assertTrue(spikes > 900_000, name + ": " + spikes + " spikes");
            Matcher row = Pattern.compile("\\| " + name + " \\| 100 \\| (\\d+) \\|").matcher(summary);
            assertTrue(row.find(), summary);
            assertEquals(spikes, Long.parseLong(row.group(1)), "the summary's count of " + name + "'s spikes");
            assertTrue(Files.size(folder.resolve("plots/raster_" + name + ".svg")) > 0);
        }
    }

    /**
     * 2,500,000 bins, 20 MB of a 32 MB heap: the run and its files are made, its plots find no room. The folder
     * keeps its config, recordings and summary, every file whole, and the command says what is missing and why.
     */
    @Test
    void recordingsAreKeptWhenThePlotsFindNoRoom(@TempDir Path dir) throws Exception {
        int bins = 2_500_000;
        Path config = Files.writeString(dir.resolve("full.yaml"), silentRates("full", bins));
        Path results = dir.resolve("results");
        Child run = Child.simulate(dir, List.of("-Xmx32m", "-XX:+UseG1GC"), config, results);
        assertEquals(2, run.exitCode(), run.output());
        Path folder = onlyRun(results.resolve("full"));
        assertTrue(run.output().matches("(?s)engram: error: \\Q" + folder + "\\E: the simulation ran to its end and"
                + " its folder keeps config.yaml, spikes_a.csv, rates_a.csv, summary.md, summary.json, but the plots"
                + " could not be made: the Java heap \\(\\d+ MB in all\\) ran out beside the run's recordings; record"
                + " less \\(fewer neurons or populations, a wider rate_bin_ms, a later record.from_ms\\), or \\Q"
                + HeapAdvice.MORE_HEAP + "\\E\\s*"), run.output());
        // Nothing else: no plot, no file of a write under way, no lock.
        try (Stream<Path> files = Files.walk(folder)) {
            assertEquals(Set.of("config.yaml", "spikes_a.csv", "rates_a.csv", "summary.md", "summary.json"),
                    files.filter(Files::isRegularFile).map(f -> folder.relativize(f).toString())
                            .collect(Collectors.toSet()));
        }
        assertEquals(bins + 1, lines(folder.resolve("rates_a.csv")));
        assertEquals("249999.900000000,0.000000", lastLine(folder.resolve("rates_a.csv")));
        assertTrue(Files.readString(folder.resolve("summary.md")).strip().endsWith("Not drawn: the plots; the Java"
                + " heap (" + heapMb(run.output()) + " MB in all) ran out beside the run's recordings."),
                Files.readString(folder.resolve("summary.md")));
    }

    /** The heap's size in MB as the message gives it. */
    private static String heapMb(String message) {
        Matcher m = Pattern.compile("the Java heap \\((\\d+) MB in all\\)").matcher(message);
        assertTrue(m.find(), message);
        return m.group(1);
    }

    /** The one committed run folder of an experiment. */
    private static Path onlyRun(Path experiment) throws IOException {
        try (Stream<Path> runs = Files.list(experiment)) {
            List<Path> all = runs.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    private static String lastLine(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.reduce((a, b) -> b).orElse("");
        }
    }

    /**
     * What {@code engram simulate} printed in a JVM of its own, standard output and error together, and its exit
     * code.
     */
    private record Child(int exitCode, String output) {
        static Child simulate(Path dir, List<String> jvmOptions, Path config, Path results) throws Exception {
            Path log = dir.resolve("log.txt");
            Process p = CliRunner.start(jvmOptions, log, "simulate", config.toString(), "--out", results.toString());
            int code = p.waitFor();
            return new Child(code, Files.readString(log));
        }
    }
}
