package org.engram.experiments.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.engram.experiments.data.Dataset;
import org.engram.experiments.run.ThreadNotice;
import org.engram.learning.layered.Readout;
import org.engram.learning.train.TrainBenchmark;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Plural;
import org.engram.simulator.engine.EngineOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram bench train}: trains a layered LIF network on Fashion-MNIST and reports speed and accuracy. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a layered LIF network by surrogate-gradient BPTT on Fashion-MNIST (or any MNIST-format "
                + "folder) and evaluate it on the test set.",
        footer = {"", "Examples:",
                "  engram bench train --threads 2 --json",
                "  engram bench train --hidden 800 --epochs 5",
                "  engram bench train --data /path/to/mnist --limit 10000"})
final class TrainBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchReport.DataOption data = new BenchReport.DataOption();

    @Option(names = "--hidden", split = ",(?!$)", splitSynopsisLabel = ",", paramLabel = "N",
            converter = LayerSizeConverter.class, defaultValue = "256",
            description = "Hidden layer sizes, separated by commas (default ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "20",
            description = "Time steps per sample T (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128",
            description = "Mini-batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "1",
            description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--encoding", paramLabel = "KIND", defaultValue = "rate", converter = EncodingConverter.class,
            description = "rate, latency or current (default ${DEFAULT-VALUE}); the report's direct and a "
                    + "config's direct_current also read as current.")
    TrainBenchmark.Encoding encoding;

    @Option(names = "--readout", paramLabel = "KIND", defaultValue = "membrane", converter = ReadoutConverter.class,
            description = "count or membrane (default ${DEFAULT-VALUE}); spike_count and mean_membrane, as "
                    + "the report names them, also read.")
    Readout readout;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Worker threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", paramLabel = "S", converter = SeedConverter.class, defaultValue = "42",
            description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--limit", paramLabel = "N",
            description = "Train on the first N training samples only (default: all).")
    Integer limit;

    @Option(names = "--json", description = "Print the report as one JSON object on the last line.")
    boolean json;

    @Override
    public Integer call() {
        for (int size : hidden) {
            OptionChecks.atLeast("bench train", "--hidden", size, 1);
        }
        OptionChecks.atLeast("bench train", "--steps", steps, 1);
        OptionChecks.atLeast("bench train", "--batch", batch, 1);
        OptionChecks.atLeast("bench train", "--epochs", epochs, 1);
        // As the simulation benchmarks check it, before the note on threads beyond the processors.
        OptionChecks.between("bench train", "--threads", threads, 1, EngineOptions.MAX_THREADS);
        ThreadNotice.print(spec.commandLine().getErr(), "engram bench train", "--threads", threads);
        if (limit != null) {
            OptionChecks.atLeast("bench train", "--limit", limit, 1);
        }
        BenchReport.Read read = data.read("bench train");
        Dataset all = read.train();
        if (limit != null) {
            OptionChecks.noteFewer(spec.commandLine().getErr(), "bench train", "--limit", limit, all.size(),
                    "training images");
        }
        Dataset train = limit == null ? all : all.limit(limit);
        Dataset test = read.test();
        TrainBenchmark.Options d = TrainBenchmark.Options.defaults();
        TrainBenchmark.Options options = new TrainBenchmark.Options(hidden, steps, batch, epochs, encoding, readout,
                threads, seed, d.learningRate(), d.tauMs(), d.slope(), d.blockSize());
        TrainBenchmark.Result r;
        try {
            r = TrainBenchmark.run(train.featureRows(), train.labels(), test.featureRows(), test.labels(), data.classes,
                    options);
        } catch (ParameterException e) {
            String option = optionOf(e);
            if (option == null) {
                throw e;
            }
            throw new ParameterException("bench train", option, e.expected(), e.found(), "the "
                    + e.source() + "'s " + e.location());
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("inputs", r.inputs());
        report.put("hidden", r.hidden());
        report.put("classes", r.classes());
        report.put("steps", r.steps());
        report.put("batch", r.batch());
        report.put("epochs", r.epochs());
        report.put("threads", r.threads());
        report.put("seed", seed);
        report.put("train_samples", r.trainSamples());
        report.put("train_seconds", r.trainSeconds());
        report.put("samples_per_second", r.samplesPerSecond());
        report.put("inference_samples_per_second", r.inferenceSamplesPerSecond());
        report.put("test_accuracy", r.testAccuracy());
        report.put("weights_hash", r.weightsHash());
        report.put("encoding", encoding.name().toLowerCase(Locale.ROOT));
        report.put("readout", readout.name().toLowerCase(Locale.ROOT));
        report.put("data", read.origin());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d-%s-%d LIF, T=%d, batch %d, %s, %s coding, %s readout, %s%n",
                r.inputs(), joined(r.hidden()), r.classes(), r.steps(), r.batch(), Plural.count(r.epochs(),
                "epoch"), report.get("encoding"), report.get("readout"), Plural.count(r.threads(), "thread"));
        out.printf(Locale.ROOT, "  trained on %d samples in %.1f s: %.0f samples/s; inference %.0f samples/s%n",
                r.trainSamples(), r.trainSeconds(), r.samplesPerSecond(), r.inferenceSamplesPerSecond());
        out.printf(Locale.ROOT, "  test accuracy %.2f%% on %d samples (%s); weights hash %s%n", 100 * r.testAccuracy(),
                test.size(), report.get("data"), r.weightsHash());
        if (json) {
            BenchReport.printJson(out, report);
        }
        out.flush();
        return 0;
    }

    /** The option behind a refusal of the learning layer (a size past one array, too many threads), or null. */
    private static String optionOf(ParameterException e) {
        String at = e.location() == null ? "" : e.location();
        return switch (e.source()) {
            case "layered network" -> at.startsWith("hidden") ? "--hidden" : null;
            case "encoder" -> at.equals("steps") ? "--steps" : null;
            case "trainer" -> at.equals("threads") ? "--threads" : at.equals("batch") ? "--batch" : null;
            default -> null;
        };
    }

    private static String joined(List<Integer> sizes) {
        return String.join("-", sizes.stream().map(String::valueOf).toList());
    }

    /** Reads rate, latency or current. */
    static final class EncodingConverter implements CommandLine.ITypeConverter<TrainBenchmark.Encoding> {
        @Override
        public TrainBenchmark.Encoding convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "rate" -> TrainBenchmark.Encoding.RATE;
                case "latency" -> TrainBenchmark.Encoding.LATENCY;
                // direct, as the report names it, and direct_current, as a config's encoder.kind does
                case "current", "direct", "direct_current" -> TrainBenchmark.Encoding.DIRECT;
                default -> throw EmptyValue.notOneOf(value, "rate, latency or current (also direct or direct_current)");
            };
        }
    }

    /** Reads count or membrane. */
    static final class ReadoutConverter implements CommandLine.ITypeConverter<Readout> {
        @Override
        public Readout convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                // spike_count and mean_membrane: the names the report prints, and a config's network.readout
                case "count", "spike_count" -> Readout.SPIKE_COUNT;
                case "membrane", "mean_membrane" -> Readout.MEAN_MEMBRANE;
                default -> throw EmptyValue.notOneOf(value, "count or membrane (also spike_count or mean_membrane)");
            };
        }
    }
}
