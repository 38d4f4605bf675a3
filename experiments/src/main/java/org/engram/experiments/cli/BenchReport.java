package org.engram.experiments.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.engram.experiments.data.DataClasses;
import org.engram.experiments.data.DataLocator;
import org.engram.experiments.data.Dataset;
import org.engram.experiments.data.IdxReader;
import org.engram.experiments.data.LocatedData;
import org.engram.experiments.run.Platform;
import org.engram.simulator.ParameterException;
import org.engram.simulator.model.ThresholdScreening;
import picocli.CommandLine.Option;

/** What the {@code engram bench} subcommands share: the data option and the JSON report line. */
final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchReport() {
    }

    /** The {@code --data} and {@code --classes} options of the benchmarks that read Fashion-MNIST. */
    static final class DataOption {
        @Option(names = "--data", paramLabel = "DIR", description = "MNIST-format folder (default: $ENGRAM_DATA, "
                + "/usr/share/datasets/fashion-mnist, else the bundled subset).")
        Path data;

        @Option(names = "--classes", paramLabel = "N", defaultValue = "10", description = "Classes of the data, as "
                + "data.classes of a run config: every label in [0, N), N one past the largest training label "
                + "(default ${DEFAULT-VALUE}).")
        int classes;

        /**
         * Locates and reads the training and test sets, checked as {@code engram run} checks them: labels
         * within {@code --classes}, which is the data's count, no test class that no training sample is
         * of, and test images of the training images' size.
         *
         * @param command the command, e.g. {@code "bench train"}, for messages
         * @return the data read
         */
        Read read(String command) {
            OptionChecks.between(command, "--classes", classes, 2, IdxReader.MAX_CLASSES);
            LocatedData located = new DataLocator().locate(data, "--data");
            Dataset train = located.train(classes);
            Dataset test = DataClasses.testBeside(located, classes);
            test.requireImageSizeOf(train);
            DataClasses.require(classes, train, test, located, count -> new ParameterException(command,
                    "--classes", DataClasses.expected(train, located), classes, "give --classes " + count));
            return new Read(located, train, test);
        }
    }

    /**
     * Data a benchmark read.
     *
     * @param located where it was found
     * @param train   the training set
     * @param test    the test set
     */
    record Read(LocatedData located, Dataset train, Dataset test) {
        /** {@return where the data was found, for the report: {@code --data: DIR} for a folder given so} */
        String origin() {
            return located.source() + ": " + located.location();
        }
    }

    /**
     * Prints a report as one JSON object on one line: scripts read the last line of standard output.
     * The JVM's options follow the fields, {@code jvm_options} as the JVM was started and its
     * {@code object_alignment_bytes} (null where the JVM does not tell it), on which the loops' speed
     * depends ({@link AlignmentNotice}), and {@code vector_api}, whether the LIF kernels screen a large
     * network's potentials for the threshold a vector at a time ({@link ThresholdScreening});
     * then the build that measured it, {@code engram_version} and {@code engram_commit} as in
     * {@code summary.json}'s provenance, so figures of two builds are told apart.
     *
     * @param out    standard output
     * @param report the fields, in order
     */
    static void printJson(PrintWriter out, Map<String, Object> report) {
        Map<String, Object> withBuild = new LinkedHashMap<>(report);
        withBuild.put("jvm_options", ManagementFactory.getRuntimeMXBean().getInputArguments());
        OptionalInt alignment = AlignmentNotice.objectAlignmentBytes();
        withBuild.put("object_alignment_bytes", alignment.isPresent() ? alignment.getAsInt() : null);
        withBuild.put("vector_api", ThresholdScreening.available());
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
