package org.engram.experiments.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.engram.experiments.config.ConfigLayers;
import org.engram.experiments.metrics.MetricFormat;
import org.engram.experiments.run.Platform;
import org.engram.simulator.Plural;
import org.engram.simulator.monitor.SpikeStatistics;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.TsodyksMarkram;

/**
 * {@code summary.json} of a simulation folder: what {@code summary.md} says, for scripts that
 * collect a sweep of simulations. Keys shared with {@code engram bench --json} mean the same.
 *
 * @param name            the config's name
 * @param neurons         neurons in the network
 * @param synapses        synapses in the network
 * @param bytesPerSynapse memory of the synapses per synapse
 * @param durationMs      simulated time in ms
 * @param dtMs            the time step in ms
 * @param mode            {@code grid} or {@code precise}
 * @param threads         worker threads asked for
 * @param parallel        whether more than one thread advanced the network
 * @param seed            the seed
 * @param setupSeconds    building the network
 * @param loopSeconds     simulating only
 * @param spikes          spikes of every population, recorded or not
 * @param synapticEvents  spike arrivals at synapses
 * @param eventsPerSecond synaptic events per second of loop time
 * @param spikeHash       digest of the spike train of every population (as {@code engram bench})
 * @param recordedFromMs  when the recording of spikes and rates began (ms), 0 for the whole run
 * @param recordedNeurons how many neurons of each population had their spikes recorded (the first
 *                        ones, {@code record.spike_neurons}; all of a smaller population), or null
 *                        when every neuron of every recorded population was
 * @param populations     each population whose spikes were recorded, from {@code recordedFromMs} on
 * @param plasticity      each plastic projection's rule and mean weight before and after the run
 * @param shortTerm       each projection with short-term plasticity: its model and state at the end
 * @param weights         each weight recording ({@code record.weights}): its file, samples and synapses
 * @param provenance      how the simulation was made
 * @param missing         each file of the folder that could not be made, and why: empty for a complete folder
 */
public record SimulationSummary(String name, long neurons, long synapses, double bytesPerSynapse, double durationMs,
                                double dtMs, String mode, int threads, boolean parallel, long seed,
                                double setupSeconds, double loopSeconds, long spikes, long synapticEvents,
                                double eventsPerSecond, String spikeHash, double recordedFromMs,
                                Integer recordedNeurons, List<PopulationSummary> populations,
                                List<PlasticitySummary> plasticity, List<ShortTermSummary> shortTerm,
                                List<WeightRecording> weights, SimulationProvenance provenance,
                                List<MissingResult> missing) {
    /**
     * Copies the lists.
     *
     * @param name            the config's name
     * @param neurons         neurons in the network
     * @param synapses        synapses in the network
     * @param bytesPerSynapse memory of the synapses per synapse
     * @param durationMs      simulated time in ms
     * @param dtMs            the time step in ms
     * @param mode            {@code grid} or {@code precise}
     * @param threads         worker threads asked for
     * @param parallel        whether more than one thread advanced the network
     * @param seed            the seed
     * @param setupSeconds    building the network
     * @param loopSeconds     simulating only
     * @param spikes          spikes of every population, recorded or not
     * @param synapticEvents  spike arrivals at synapses
     * @param eventsPerSecond synaptic events per second of loop time
     * @param spikeHash       digest of the spike train of every population (as {@code engram bench})
     * @param recordedFromMs  when the recording of spikes and rates began (ms), 0 for the whole run
     * @param recordedNeurons how many neurons of each population had their spikes recorded (the first
     *                        ones, {@code record.spike_neurons}; all of a smaller population), or null
     *                        when every neuron of every recorded population was
     * @param populations     each population whose spikes were recorded, from {@code recordedFromMs} on
     * @param plasticity      each plastic projection's rule and mean weight before and after the run
     * @param shortTerm       each projection with short-term plasticity: its model and state at the end
     * @param weights         each weight recording ({@code record.weights}): its file, samples and synapses
     * @param provenance      how the simulation was made
     * @param missing         each file of the folder that could not be made, and why: empty for a complete folder
     */
    public SimulationSummary {
        missing = List.copyOf(missing);
        populations = List.copyOf(populations);
        plasticity = List.copyOf(plasticity);
        shortTerm = List.copyOf(shortTerm);
        weights = List.copyOf(weights);
    }

    /**
     * A file of the result folder that the simulation could not make.
     *
     * @param file   its path in the folder, e.g. {@code rates_a.csv} or {@code plots/rate_a.png}
     * @param reason why it is missing, e.g. the heap that ran out beside the run's recordings
     */
    public record MissingResult(String file, String reason) {
    }

    /**
     * A recording of a plastic projection's weights over the run ({@code record.weights}).
     *
     * @param projection      the projection's name
     * @param file            the CSV file of the samples, e.g. {@code weights_exc_to_inh.csv}
     * @param intervalMs      the sampling interval (ms; the last may be shorter, ending at the run's end)
     * @param samples         the samples taken: the file's data rows
     * @param synapses        the synapses whose own weights the file's {@code w_<index>} columns hold, in order
     * @param firstMeanWeight the mean weight at the first sample (time 0), or {@code null} without synapses
     * @param lastMeanWeight  the mean weight at the last sample (the end), or {@code null} without synapses
     */
    public record WeightRecording(String projection, String file, double intervalMs, int samples,
                                  List<ListedSynapse> synapses, Double firstMeanWeight, Double lastMeanWeight) {
        /**
         * Copies the list.
         *
         * @param projection      the projection's name
         * @param file            the CSV file of the samples, e.g. {@code weights_exc_to_inh.csv}
         * @param intervalMs      the sampling interval (ms; the last may be shorter, ending at the run's end)
         * @param samples         the samples taken: the file's data rows
         * @param synapses        the synapses whose own weights the file's {@code w_<index>} columns hold, in order
         * @param firstMeanWeight the mean weight at the first sample (time 0), or {@code null} without synapses
         * @param lastMeanWeight  the mean weight at the last sample (the end), or {@code null} without synapses
         */
        public WeightRecording {
            synapses = List.copyOf(synapses);
        }

        /**
         * {@return the summary of a recording}
         *
         * @param sampler    the samples, all taken
         * @param intervalMs the sampling interval (ms)
         */
        static WeightRecording of(WeightSampler sampler, double intervalMs) {
            Projection p = sampler.projection();
            List<ListedSynapse> listed = new ArrayList<>();
            for (int k : sampler.synapses()) {
                listed.add(new ListedSynapse(k, ListedSynapses.sourceOf(p, k), p.target(k)));
            }
            boolean none = p.synapseCount() == 0;
            int last = sampler.count() - 1;
            return new WeightRecording(p.name(), ResultFileNames.weightsFile(p.name()), intervalMs, sampler.count(),
                    listed, none ? null : sampler.mean(0), none ? null : sampler.mean(last));
        }
    }

    /**
     * A synapse whose own weight a recording writes.
     *
     * @param index  its index: the column {@code w_<index>}, and the data row (from 0) of
     *               {@code synapses_<projection>.csv}
     * @param source its source neuron
     * @param target its target neuron
     */
    public record ListedSynapse(int index, int source, int target) {
    }

    /**
     * A projection with short-term plasticity at the end of the run: how depressed or facilitated the
     * synapses of the sources that spiked were left, each source's state just after its last spike.
     *
     * @param projection        the projection's name
     * @param model             the model and its parameters, as {@code TsodyksMarkram.describe()} gives them
     * @param u                 the model's {@code U}, as a number for scripts
     * @param tauRecMs          its recovery time constant (ms)
     * @param tauFacMs          its facilitation time constant (ms; 0 for none)
     * @param sources           the source neurons
     * @param sourcesThatSpiked those that spiked (in this run or an earlier engine's on the network)
     * @param meanUtilisation   mean {@code u} just after their last spike, or {@code null} if none spiked
     * @param meanResourcesLeft mean {@code x} just after their last release, or {@code null} if none spiked
     */
    public record ShortTermSummary(String projection, String model, double u, double tauRecMs, double tauFacMs,
                                   int sources, int sourcesThatSpiked, Double meanUtilisation,
                                   Double meanResourcesLeft) {
        /**
         * {@return the summary of a projection's short-term state}
         *
         * @param projection a projection with short-term plasticity
         */
        static ShortTermSummary of(Projection projection) {
            TsodyksMarkram.State state = projection.shortTermState();
            int sources = projection.source().size();
            int spiked = 0;
            double u = 0;
            double x = 0;
            for (int s = 0; s < sources; s++) {
                if (state.lastSpikeMs(s) > Double.NEGATIVE_INFINITY) {
                    spiked++;
                    u += state.utilisation(s);
                    x += state.resourcesLeft(s);
                }
            }
            TsodyksMarkram model = projection.shortTerm();
            return new ShortTermSummary(projection.name(), model.describe(), model.u(), model.tauRec(), model.tauFac(),
                    sources, spiked, spiked == 0 ? null : u / spiked, spiked == 0 ? null : x / spiked);
        }
    }

    /**
     * A plastic projection: its rule and how its weights moved.
     *
     * @param projection       the projection's name
     * @param rule             the plasticity rule's config name, e.g. {@code pair_stdp}
     * @param synapses         its synapses
     * @param meanWeightBefore mean weight when the run began, or {@code null} without synapses
     * @param meanWeightAfter  mean weight when it ended, or {@code null} without synapses
     */
    public record PlasticitySummary(String projection, String rule, long synapses, Double meanWeightBefore,
                                    Double meanWeightAfter) {
    }

    /**
     * One recorded population, over the part of the run that was recorded.
     *
     * @param name       population name
     * @param neurons    how many of its neurons were recorded (its size, unless
     *                   {@code record.spike_neurons} chose fewer)
     * @param spikes     its spikes
     * @param meanRateHz spikes per neuron per second
     * @param meanCv     mean coefficient of variation of the inter-spike intervals over the neurons
     *                   with at least two intervals, or {@code null} when none has
     * @param cvNeurons  how many neurons the mean CV is over
     */
    public record PopulationSummary(String name, int neurons, long spikes, double meanRateHz, Double meanCv,
                                    int cvNeurons) {
        /**
         * @param name  population name
         * @param stats its statistics over the run
         * @return the summary
         */
        static PopulationSummary of(String name, SpikeStatistics stats) {
            return new PopulationSummary(name, stats.neurons(), stats.spikes(), stats.meanRateHz(),
                    Double.isNaN(stats.meanCv()) ? null : stats.meanCv(), stats.cvNeurons());
        }
    }

    /**
     * How a simulation was made: software and machine, when, the resolved config's hash and the
     * command line.
     *
     * @param engramVersion Engram's version (jar manifest), or {@code development build}
     * @param engramCommit  the commit Engram was built from, {@code -dirty} with uncommitted changes;
     *                      null when built without git
     * @param javaVersion   Java runtime version
     * @param javaVm        Java virtual machine name and vendor
     * @param os            operating system name and version
     * @param arch          CPU architecture
     * @param processors    processors available to the JVM
     * @param startTime     when the simulation started (ISO-8601 UTC)
     * @param configSha256  SHA-256 of the folder's {@code config.yaml}
     * @param commandLine   the arguments of {@code engram simulate}
     */
    public record SimulationProvenance(String engramVersion, String engramCommit, String javaVersion,
                                       String javaVm, String os, String arch, int processors, String startTime,
                                       String configSha256, List<String> commandLine) {
        /**
         * Copies the list.
         *
         * @param engramVersion Engram's version (jar manifest), or {@code development build}
         * @param engramCommit  the commit Engram was built from, {@code -dirty} with uncommitted changes;
         *                      null when built without git
         * @param javaVersion   Java runtime version
         * @param javaVm        Java virtual machine name and vendor
         * @param os            operating system name and version
         * @param arch          CPU architecture
         * @param processors    processors available to the JVM
         * @param startTime     when the simulation started (ISO-8601 UTC)
         * @param configSha256  SHA-256 of the folder's {@code config.yaml}
         * @param commandLine   the arguments of {@code engram simulate}
         */
        public SimulationProvenance {
            commandLine = List.copyOf(commandLine);
        }

        /**
         * @param platform    the platform
         * @param startTime   when the simulation started
         * @param configYaml  the resolved config as written
         * @param commandLine the arguments
         * @return the provenance
         */
        static SimulationProvenance of(Platform platform, String startTime, String configYaml,
                                       List<String> commandLine) {
            return new SimulationProvenance(platform.engramVersion(), platform.engramCommit(),
                    platform.javaVersion(), platform.javaVm(), platform.os(), platform.arch(), platform.processors(),
                    startTime, ConfigLayers.sha256(configYaml), commandLine);
        }
    }

    /**
     * The text of {@code summary.md}: these figures, a table of the recorded populations, and the
     * folder's files at its end.
     *
     * @param files the files of the result folder, as listed
     * @return the Markdown text
     */
    public String markdown(List<String> files) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Simulation ").append(name()).append("\n\n");
        sb.append("- ").append(Plural.count(neurons(), "neuron")).append(", ").append(synapses() == 0
                ? "no synapses\n" : String.format(Locale.ROOT, "%s (%.2f bytes per synapse)\n",
                Plural.count(synapses(), "synapse"), bytesPerSynapse()));
        sb.append(String.format(Locale.ROOT, "- %s ms simulated at dt = %s ms, %s mode, %s%s, seed %d\n",
                MetricFormat.asWritten(durationMs()), MetricFormat.asWritten(dtMs()), mode(),
                Plural.count(threads(), "thread"),
                threads() > 1 && !parallel() ? " (run on one: slices of the minimum delay too small to share)" : "",
                seed()));
        sb.append(String.format(Locale.ROOT,
                "- setup %.3f s, simulation loop %.3f s, %d synaptic events (%.3g per second)\n",
                setupSeconds(), loopSeconds(), synapticEvents(), eventsPerSecond()));
        sb.append("- spike hash ").append(spikeHash()).append("\n");
        for (SimulationSummary.PlasticitySummary p : plasticity()) {
            sb.append(p.meanWeightBefore() == null
                    ? String.format(Locale.ROOT, "- projection %s (%s): no synapses\n", p.projection(), p.rule())
                    : String.format(Locale.ROOT, "- projection %s (%s, %s): mean weight %.6g before the run,"
                            + " %.6g after\n", p.projection(), p.rule(), Plural.count(p.synapses(), "synapse"),
                            p.meanWeightBefore(), p.meanWeightAfter()));
        }
        for (WeightRecording w : weights()) {
            sb.append(String.format(Locale.ROOT, "- weights of %s every %s ms: %s in %s, %s listed",
                    w.projection(), MetricFormat.asWritten(w.intervalMs()), Plural.count(w.samples(), "sample"),
                    w.file(),
                    Plural.count(w.synapses().size(), "synapse")));
            sb.append(w.firstMeanWeight() == null ? "\n" : String.format(Locale.ROOT, "; mean weight %.6g at the first"
                    + " sample, %.6g at the last\n", w.firstMeanWeight(), w.lastMeanWeight()));
        }
        for (SimulationSummary.ShortTermSummary t : shortTerm()) {
            sb.append(String.format(Locale.ROOT, "- projection %s (%s): %d of %s spiked", t.projection(),
                    t.model(), t.sourcesThatSpiked(), Plural.count(t.sources(), "source")));
            sb.append(t.sourcesThatSpiked() == 0 ? "\n" : String.format(Locale.ROOT, "; after their last spike mean"
                    + " u %.6g, mean resources left x %.6g\n", t.meanUtilisation(), t.meanResourcesLeft()));
        }
        sb.append("\n");
        if (populations().isEmpty()) {
            sb.append("No population's spikes were recorded (record.spikes is empty).\n");
            appendFiles(sb, files);
            return sb.toString();
        }
        // Per neuron, as the rate files and plots give it, not the population's summed rate.
        sb.append("| population | neurons | spikes | rate per neuron (Hz) | mean CV of ISI | neurons in the CV |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (SimulationSummary.PopulationSummary p : populations()) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %s | %d |\n", p.name(), p.neurons(),
                    p.spikes(), p.meanRateHz(), p.meanCv() == null ? "-" : String.format(Locale.ROOT, "%.2f",
                            p.meanCv()), p.cvNeurons()));
        }
        String window = recordedFromMs() > 0 ? "from " + MetricFormat.asWritten(recordedFromMs())
                + " ms (record.from_ms) to the end of the run" : "over the whole run";
        sb.append("\nThe CV is each neuron's sample standard deviation of its inter-spike intervals over their mean,"
                + " averaged over the neurons with at least two intervals; spikes, rates and CVs are ").append(window)
                .append(recordedNeurons() == null ? "" : ", of the first " + Plural.count(recordedNeurons(), "neuron")
                        + " of each population, all of a smaller one (record.spike_neurons; the rates_<population>.csv "
                        + "files count every neuron)").append(".\n");
        appendFiles(sb, files);
        return sb.toString();
    }

    private static void appendFiles(StringBuilder sb, List<String> files) {
        sb.append("\nFiles (their columns and units: results/README.md in the Engram repository):\n\n");
        for (String f : files) {
            sb.append("- ").append(f).append('\n');
        }
    }
}
