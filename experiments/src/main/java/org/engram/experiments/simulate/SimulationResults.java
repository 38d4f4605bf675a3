package org.engram.experiments.simulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.engram.experiments.run.JsonFiles;
import org.engram.experiments.run.RunFolder;
import org.engram.simulator.EngramException;

/**
 * Writes the results of a run that ended into its folder and commits it: the recordings, then the summary
 * ({@code summary.md}, {@code summary.json}) and the plots. Where the heap, holding the recordings, has no room
 * for some of them, the folder is committed with the others, whole, and what is missing is said
 * ({@link UnmadeResults}).
 */
final class SimulationResults {
    private SimulationResults() {
    }

    /**
     * Writes the results and commits the folder.
     *
     * @param prepared    the config checked and its network built
     * @param recorded    the run's recordings
     * @param ran         the run of the engine, its folder holding its config
     * @param started     when the simulation started
     * @param yaml        the resolved config
     * @param commandLine the arguments of {@code engram simulate}, for the provenance in {@code summary.json}
     * @param hooks       the failures to provoke, {@link SimulationRun.TestHooks#NONE} outside the tests
     * @return the result
     * @throws UnmadeResults when the folder is committed without some of its results
     */
    static SimulationRun.Result write(PreparedSimulation prepared, Recordings recorded, EngineRun ran,
                                      Instant started, String yaml, List<String> commandLine,
                                      SimulationRun.TestHooks hooks) {
        SimulationConfig c = prepared.config();
        RunFolder folder = ran.folder();
        // The recordings first, exact and complete: what comes after them (the summary's numbers, the plots) needs
        // heap beside them, and a run whose recordings leave too little keeps them (UnmadeResults).
        List<String> files = new ArrayList<>(List.of("config.yaml"));
        // The recordings the heap found no room to write: the others are kept all the same.
        List<String> unwritten = new ArrayList<>();
        try {
            RecordingFiles.write(folder, prepared.network(), c, recorded, hooks, files, unwritten);
        } catch (RuntimeException | Error e) {
            folder.discardAfter(e);
            throw e;
        }
        int recordingFiles = files.size();
        String summary;
        ResultPlots.Undrawn undrawn = null;
        Path done;
        try {
            SummaryOfRun measured = SummaryOfRun.measure(prepared, recorded);
            undrawn = ResultPlots.draw(folder, c, prepared.network().grid(), recorded, files);
            String why = UnmadeResults.why();
            List<SimulationSummary.MissingResult> missing = new ArrayList<>();
            for (String file : unwritten) {
                missing.add(new SimulationSummary.MissingResult(file, why));
            }
            for (String base : undrawn == null ? List.<String>of() : undrawn.bases()) {
                for (String extension : List.of(".png", ".svg", ".pdf")) {
                    missing.add(new SimulationSummary.MissingResult(base + extension, why));
                }
            }
            SimulationSummary json = measured.complete(ran, started, yaml, commandLine, missing);
            List<String> listed = new ArrayList<>(files);
            listed.addAll(List.of("summary.md", "summary.json"));
            summary = json.markdown(listed) + (unwritten.isEmpty() ? ""
                    : "\nNot written: " + String.join(", ", unwritten) + "; " + why + ".\n")
                    + (undrawn == null ? "" : "\nNot drawn: " + undrawn.inWords() + "; " + why + ".\n");
            byte[] markdown = summary.getBytes(StandardCharsets.UTF_8);
            folder.write("summary.md", hooks.content("summary.md", out -> out.write(markdown)));
            byte[] jsonText = JsonFiles.write(json).getBytes(StandardCharsets.UTF_8);
            folder.write("summary.json", hooks.content("summary.json", out -> out.write(jsonText)));
            files = listed;
            done = folder.commit();
        } catch (OutOfMemoryError e) {
            // What needed the heap beside the recordings is gone with the stack: the folder can be committed.
            List<String> unmade = new ArrayList<>(unwritten);
            unmade.add(files.size() == recordingFiles ? "its summary and plots" : "its summary");
            if (undrawn != null && files.size() > recordingFiles) {
                unmade.add(undrawn.inWords());
            }
            throw keep(withoutSummary(folder, e), files, unmade, e);
        } catch (RuntimeException | Error e) {
            folder.discardAfter(e);
            throw e;
        }
        if (!unwritten.isEmpty() || undrawn != null) {
            List<String> unmade = new ArrayList<>(unwritten);
            if (undrawn != null) {
                unmade.add(undrawn.inWords());
            }
            throw new UnmadeResults(done, files, unmade);
        }
        return new SimulationRun.Result(done, summary);
    }

    /**
     * Removes the summary files written before the heap ran out: a {@code summary.md} without its
     * {@code summary.json} would list it and say that nothing is missing. The summary is there whole, or not at all.
     */
    private static RunFolder withoutSummary(RunFolder folder, OutOfMemoryError e) {
        try {
            Files.deleteIfExists(folder.directory().resolve("summary.md"));
            Files.deleteIfExists(folder.directory().resolve("summary.json"));
            return folder;
        } catch (IOException notDeleted) {
            UncheckedIOException failure = new UncheckedIOException(notDeleted);
            failure.addSuppressed(e);
            throw folder.discardAfter(failure);
        }
    }

    /**
     * Commits the folder of a run whose recordings are written but whose other results could not be made, so
     * that the recordings stay, and says what is missing; a failure to commit joins the heap's.
     */
    private static EngramException keep(RunFolder folder, List<String> kept, List<String> unmade,
                                        OutOfMemoryError e) {
        try {
            return new UnmadeResults(folder.commit(), List.copyOf(kept), unmade);
        } catch (RuntimeException notCommitted) {
            notCommitted.addSuppressed(e);
            throw folder.discardAfter(notCommitted);
        }
    }
}
