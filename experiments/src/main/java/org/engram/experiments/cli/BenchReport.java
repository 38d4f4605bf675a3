package org.engram.experiments.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.engram.experiments.data.DataLocator;
import org.engram.experiments.data.LocatedData;
import org.engram.experiments.run.Platform;
import picocli.CommandLine.Option;

/** What the {@code engram bench} subcommands share: the data option and the JSON report line. */
final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchReport() {
    }

    /** The {@code --data} option of the benchmarks that read Fashion-MNIST. */
    static final class DataOption {
        @Option(names = "--data", paramLabel = "DIR", description = "MNIST-format folder (default: $ENGRAM_DATA, "
                + "/usr/share/datasets/fashion-mnist, else the bundled subset).")
        Path data;

        /** @return the located training and test sets */
        LocatedData locate() {
            return new DataLocator().locate(data, "--data");
        }
    }

    /**
     * Prints a report as one JSON object on one line: scripts read the last line of standard output.
     * The build that measured it follows the fields, {@code engram_version} and {@code engram_commit}
     * as in {@code summary.json}'s provenance, so figures of two builds are told apart.
     *
     * @param out    standard output
     * @param report the fields, in order
     */
    static void printJson(PrintWriter out, Map<String, Object> report) {
        Map<String, Object> withBuild = new LinkedHashMap<>(report);
        Platform platform = Platform.current();
        withBuild.put("engram_version", platform.engramVersion());
        withBuild.put("engram_commit", platform.engramCommit());
        try {
            out.println(JSON.writeValueAsString(withBuild));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write report", e);
        }
    }
}
