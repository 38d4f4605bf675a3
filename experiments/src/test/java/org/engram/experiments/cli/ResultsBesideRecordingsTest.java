package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
    /**
     * Simulates one silent neuron whose rate is recorded in bins of one step, 0.1 ms (a bin per step), and checks
     * the exit code and that its rate file holds every bin.
     */
    private static Child silentRates(Path dir, List<String> jvmOptions, int bins, int exitCode) throws Exception {
        Child run = Child.simulate(dir, jvmOptions, """
                name: rates
                duration_ms: %d
                dt_ms: 0.1
                populations:
                  - name: a
                    size: 1
                    model: lif_delta
                record:
                  rate_bin_ms: 0.1
                """.formatted(bins / 10));
        assertEquals(exitCode, run.exitCode(), run.output());
        // A header and a row of 0 Hz per bin, the last starting a bin before the end.
        Path rates = run.folder().resolve("rates_a.csv");
        assertEquals(bins + 1, lines(rates));
        assertEquals(String.format(Locale.ROOT, "%.9f,0.0", (bins - 1) / 10.0), lastLine(rates));
        return run;
    }

    /**
     * 4,000,000 bins of 8 bytes, 32 MB of a 64 MB heap: the pre-run check lets bins up to the heap's size in (the
     * serial collector takes some 5,400,000 here), and a copy of them no longer fit.
     */
    @Test
    void ratesOfHalfTheHeapAreWrittenAndDrawn(@TempDir Path dir) throws Exception {
        Path folder = silentRates(dir, List.of("-Xmx64m", "-XX:+UseSerialGC"), 4_000_000, 0).folder();
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
        Child run = Child.simulate(dir, List.of("-Xmx64m", "-XX:+UseSerialGC"), yaml.toString());
        assertEquals(0, run.exitCode(), run.output());
        Path folder = run.folder();
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
        Child run = silentRates(dir, List.of("-Xmx32m", "-XX:+UseG1GC"), 2_500_000, 2);
        Path folder = run.folder();
        assertTrue(run.output().matches("(?s)engram: error: \\Q" + folder + "\\E: the simulation ran to its end and"
                + " its folder keeps config.yaml, spikes_a.csv, rates_a.csv, summary.md, summary.json, but the plots"
                + " could not be made: the Java heap \\(\\d+ MB in all\\) ran out beside the run's recordings; record"
                + " less \\(fewer neurons or populations, a wider rate_bin_ms, a later record.from_ms\\), or \\Q"
                + HeapAdvice.MORE_HEAP + "\\E\\s*"), run.output());
        // Nothing else: no plot, no file of a write under way, no lock.
        assertEquals(Set.of("config.yaml", "spikes_a.csv", "rates_a.csv", "summary.md", "summary.json"),
                filesIn(folder));
        String why = "the Java heap (" + heapMb(run.output()) + " MB in all) ran out beside the run's recordings";
        assertTrue(Files.readString(folder.resolve("summary.md")).strip().endsWith("Not drawn: the plots; " + why
                + "."), Files.readString(folder.resolve("summary.md")));
        // A script reads the same from summary.json: each file not made, and why.
        List<String> missing = new ArrayList<>();
        for (String plot : List.of("raster_a", "rate_a")) {
            for (String extension : List.of("png", "svg", "pdf")) {
                missing.add("plots/" + plot + "." + extension + ": " + why);
            }
        }
        assertEquals(missing, missingOf(folder));
    }

    /**
     * The heap running out while a CSV file is written (provoked: no heap size does it reliably, the writes taking
     * a few kilobytes) loses that file alone. Its part written goes with its temporary name; the files written
     * before and after it stay, each the same as a complete run of the config writes it; the summary and plots are
     * made; summary.md and summary.json say which file is missing and why; and the command exits with 2, naming
     * what the folder keeps and what it lacks.
     */
    @Test
    void aCsvFileTheHeapCannotWriteIsLeftOutAndTheRestKept(@TempDir Path dir) throws Exception {
        Path complete = Path.of(simulate(dir, "complete").lastLine());
        assertEquals(List.of(), missingOf(complete), "a complete run's summary.json has missing, empty");
        CliRunner.Result r = simulate(dir, "rates", "--heap-runs-out-writing", "rates_a.csv");
        assertEquals(2, r.exitCode(), r.err());
        Path folder = folderOf(r);
        String why = "the Java heap (" + heapMb() + " MB in all) ran out beside the run's recordings";
        assertEquals("engram: error: " + folder + ": the simulation ran to its end and its folder keeps config.yaml,"
                + " spikes_a.csv, spikes_b.csv, rates_b.csv, plots/raster_a and plots/rate_a (.png, .svg, .pdf),"
                + " plots/raster_b and plots/rate_b (.png, .svg, .pdf), summary.md, summary.json, but rates_a.csv"
                + " could not be made: " + why + "; record less (fewer neurons or populations, a wider rate_bin_ms, a"
                + " later record.from_ms), or " + HeapAdvice.MORE_HEAP, r.err().strip());
        Set<String> recordings = Set.of("config.yaml", "spikes_a.csv", "spikes_b.csv", "rates_b.csv");
        Set<String> kept = new HashSet<>(recordings);
        kept.addAll(Set.of("summary.md", "summary.json"));
        for (String plot : List.of("raster_a", "rate_a", "raster_b", "rate_b")) {
            kept.addAll(Set.of("plots/" + plot + ".png", "plots/" + plot + ".svg", "plots/" + plot + ".pdf"));
        }
        assertEquals(kept, filesIn(folder));
        for (String file : recordings) {
            assertEquals(Files.readString(complete.resolve(file)), Files.readString(folder.resolve(file)), file);
        }
        String summary = Files.readString(folder.resolve("summary.md"));
        assertTrue(summary.strip().endsWith("\n- rates_b.csv\n- plots/raster_a and plots/rate_a (.png, .svg, .pdf)\n"
                + "- plots/raster_b and plots/rate_b (.png, .svg, .pdf)\n- summary.md\n- summary.json\n\n"
                + "Not written: rates_a.csv; " + why + "."), summary);
        assertEquals(List.of("rates_a.csv: " + why), missingOf(folder));
    }

    /**
     * The heap running out while summary.md is written (provoked, as above) keeps the recordings and plots, each
     * whole and the same as a complete run's, and no summary: neither summary.md, of which no part is left, nor
     * summary.json, which comes after it. The command exits with 2 and says the summary is missing.
     */
    @Test
    void aSummaryTheHeapCannotWriteLeavesTheRecordingsAndPlots(@TempDir Path dir) throws Exception {
        Path complete = Path.of(simulate(dir, "complete").lastLine());
        CliRunner.Result r = simulate(dir, "summary", "--heap-runs-out-writing", "summary.md");
        assertEquals(2, r.exitCode(), r.err());
        Path folder = folderOf(r);
        assertEquals("engram: error: " + folder + ": the simulation ran to its end and its folder keeps config.yaml,"
                + " spikes_a.csv, spikes_b.csv, rates_a.csv, rates_b.csv, plots/raster_a and plots/rate_a (.png, .svg,"
                + " .pdf), plots/raster_b and plots/rate_b (.png, .svg, .pdf), but its summary could not be made: the"
                + " Java heap (" + heapMb() + " MB in all) ran out beside the run's recordings; record less (fewer"
                + " neurons or populations, a wider rate_bin_ms, a later record.from_ms), or "
                + HeapAdvice.MORE_HEAP, r.err().strip());
        Set<String> recordings = Set.of("config.yaml", "spikes_a.csv", "spikes_b.csv", "rates_a.csv", "rates_b.csv");
        Set<String> kept = new HashSet<>(recordings);
        for (String plot : List.of("raster_a", "rate_a", "raster_b", "rate_b")) {
            kept.addAll(Set.of("plots/" + plot + ".png", "plots/" + plot + ".svg", "plots/" + plot + ".pdf"));
        }
        assertEquals(kept, filesIn(folder));
        for (String file : recordings) {
            assertEquals(Files.readString(complete.resolve(file)), Files.readString(folder.resolve(file)), file);
        }
    }

    /** Two populations of five neurons, one driven to fire and one silent, for 50 ms, in this process. */
    private static CliRunner.Result simulate(Path dir, String name, String... options) throws IOException {
        Path config = Files.writeString(dir.resolve(name + ".yaml"), """
                name: two
                duration_ms: 50
                populations:
                  - name: a
                    size: 5
                    model: lif_delta
                    params: {tau_m: 10, c_m: 250, e_l: -70, v_th: -55, v_reset: -70, t_ref: 2, i_e: 2000}
                  - name: b
                    size: 5
                    model: lif_delta
                record:
                  rate_bin_ms: 5
                """);
        List<String> args = new ArrayList<>(List.of("simulate", config.toString(), "--out",
                dir.resolve("results-" + name).toString()));
        args.addAll(List.of(options));
        return CliRunner.run(args.toArray(String[]::new));
    }

    /** {@return the one run folder a simulation made under its results root, {@code results-<name>/two/}} */
    private static Path folderOf(CliRunner.Result r) throws IOException {
        Matcher m = Pattern.compile("engram: error: (\\S+): the simulation").matcher(r.err());
        assertTrue(m.find(), r.err());
        return Path.of(m.group(1));
    }

    /** {@return every file under a folder, by its path in it, hidden ones too} */
    private static Set<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(f -> folder.relativize(f).toString().replace('\\', '/'))
                    .collect(Collectors.toSet());
        }
    }

    /** {@return summary.json's missing entries, each as its file and reason} */
    private static List<String> missingOf(Path folder) throws IOException {
        JsonNode missing = new ObjectMapper().readTree(folder.resolve("summary.json").toFile()).get("missing");
        assertTrue(missing != null && missing.isArray(), "summary.json has a list missing");
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : missing) {
            entries.add(entry.get("file").asText() + ": " + entry.get("reason").asText());
        }
        return entries;
    }

    /** {@return this process's heap in MB, as the messages give it} */
    private static String heapMb() {
        return String.format(Locale.ROOT, "%.0f", Runtime.getRuntime().maxMemory() / 1e6);
    }

    /** The heap's size in MB as the message gives it. */
    private static String heapMb(String message) {
        Matcher m = Pattern.compile("the Java heap \\((\\d+) MB in all\\)").matcher(message);
        assertTrue(m.find(), message);
        return m.group(1);
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
     * What {@code engram simulate} printed in a JVM of its own, standard output and error together, its exit code
     * and its results root.
     */
    private record Child(int exitCode, String output, Path results) {
        /** Simulates a config, {@code dir/config.yaml}, into {@code dir/results}. */
        static Child simulate(Path dir, List<String> jvmOptions, String yaml) throws Exception {
            Path config = Files.writeString(dir.resolve("config.yaml"), yaml);
            Path log = dir.resolve("log.txt");
            Path results = dir.resolve("results");
            int code = CliRunner.start(jvmOptions, log, "simulate", config.toString(), "--out", results.toString())
                    .waitFor();
            return new Child(code, Files.readString(log), results);
        }

        /** {@return the one committed run folder, of the one experiment, under the results root} */
        Path folder() throws IOException {
            try (Stream<Path> experiments = Files.list(results); Stream<Path> runs = Files.list(experiments
                    .findFirst().orElseThrow())) {
                List<Path> all = runs.toList();
                assertEquals(1, all.size(), all.toString());
                return all.get(0);
            }
        }
    }
}
