package org.engram.experiments.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.engram.experiments.data.Dataset;
import org.engram.experiments.run.ThreadNotice;
import org.engram.learning.unsupervised.DiehlCookBenchmark;
import org.engram.simulator.Plural;
import org.engram.simulator.engine.EngineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram bench stdp}: the unsupervised Diehl and Cook (2015) network on Fashion-MNIST. */
@Command(name = "stdp", mixinStandardHelpOptions = true,
        description = "Train the unsupervised Diehl & Cook (2015) STDP network on Fashion-MNIST, label its neurons "
                + "and classify test images by their votes.",
        footer = {"", "Examples:",
                "  engram bench stdp --neurons 100 --train 2000 --json",
                "  engram bench stdp --neurons 400 --train 15000 --test 2000"})
final class StdpBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchReport.DataOption data = new BenchReport.DataOption();

    @Option(names = "--neurons", paramLabel = "N", defaultValue = "100",
            description = "Excitatory neurons (default ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--train", paramLabel = "N", defaultValue = "1000",
            description = "Training images (default ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--label", paramLabel = "N", defaultValue = "1000",
            description = "Training images used to label the neurons (default ${DEFAULT-VALUE}).")
    int label;

    @Option(names = "--test", paramLabel = "N", defaultValue = "1000",
            description = "Test images (default ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Worker threads (default ${DEFAULT-VALUE}). The"
            + " network advances in slices of one step, which the engine shares between threads only from 5,000"
            + " neurons (inputs included); smaller networks run on one thread.")
    int threads;

    @Option(names = "--seed", paramLabel = "S", converter = SeedConverter.class, defaultValue = "1",
            description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the report as one JSON object on the last line.")
    boolean json;

    @Override
    public Integer call() {
        OptionChecks.atLeast("bench stdp", "--neurons", neurons, 1);
        OptionChecks.atLeast("bench stdp", "--train", train, 1);
        OptionChecks.atLeast("bench stdp", "--label", label, 1);
        OptionChecks.atLeast("bench stdp", "--test", test, 1);
        // As the simulation benchmarks check it, before the note on threads beyond the processors.
        OptionChecks.between("bench stdp", "--threads", threads, 1, EngineOptions.MAX_THREADS);
        ThreadNotice.print(spec.commandLine().getErr(), "engram bench stdp", "--threads", threads);
        // limit keeps all of a set smaller than asked for.
        BenchReport.Read read = data.read("bench stdp");
        Dataset allTrain = read.train();
        Dataset allTest = read.test();
        PrintWriter err = spec.commandLine().getErr();
        OptionChecks.noteFewer(err, "bench stdp", "--train", train, allTrain.size(), "training images");
        OptionChecks.noteFewer(err, "bench stdp", "--label", label, allTrain.size(), "training images");
        OptionChecks.noteFewer(err, "bench stdp", "--test", test, allTest.size(), "test images");
        Dataset trainSet = allTrain.limit(Math.max(train, label));
        Dataset testSet = allTest.limit(test);
        DiehlCookBenchmark.Result r = DiehlCookBenchmark.run(trainSet.featureRows(), trainSet.labels(),
                testSet.featureRows(), testSet.labels(), data.classes,
                DiehlCookBenchmark.Options.defaults(neurons, Math.min(train, trainSet.size()),
                        Math.min(label, trainSet.size()), testSet.size(), threads, seed));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("neurons", r.neurons());
        report.put("train_samples", r.trainSamples());
        report.put("label_samples", r.labelSamples());
        report.put("test_samples", r.testSamples());
        report.put("train_seconds", r.trainSeconds());
        report.put("seconds_per_sample", r.secondsPerSample());
        report.put("eval_seconds_per_sample", r.evalSecondsPerSample());
        report.put("test_accuracy", r.testAccuracy());
        report.put("labelled_neurons", r.labelledNeurons());
        report.put("repeated_presentations", r.boosts());
        report.put("threads", r.threads());
        report.put("seed", r.seed());
        report.put("data", read.origin());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Diehl & Cook network, %d excitatory neurons, %s%n",
                r.neurons(), Plural.count(r.threads(), "thread"));
        out.printf(Locale.ROOT, "  trained on %d images in %.1f s (%.1f ms per image); labelled on %d%n",
                r.trainSamples(), r.trainSeconds(), 1000 * r.secondsPerSample(), r.labelSamples());
        out.printf(Locale.ROOT, "  test accuracy %.2f%% on %d images (%.1f ms per image)%n", 100 * r.testAccuracy(),
                r.testSamples(), 1000 * r.evalSecondsPerSample());
        if (json) {
            BenchReport.printJson(out, report);
        }
        out.flush();
        return 0;
    }
}
