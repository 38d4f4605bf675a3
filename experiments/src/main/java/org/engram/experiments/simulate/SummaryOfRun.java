package org.engram.experiments.simulate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.engram.experiments.run.Platform;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.SpikeStatistics;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Projection;

/**
 * The summary of a run that ended, made in two steps around the plots: the numbers measured from its recordings
 * and network first, then, with what could not be made known, the whole summary.
 *
 * @param prepared    the config checked and its network built
 * @param recorded    the run's recordings
 * @param populations each recorded population's spike statistics
 * @param learned     each plastic projection's weights before and after
 * @param shortTerm   each projection with short-term plasticity
 * @param weights     each recorded projection's weight samples
 */
record SummaryOfRun(PreparedSimulation prepared, Recordings recorded,
                    List<SimulationSummary.PopulationSummary> populations,
                    List<SimulationSummary.PlasticitySummary> learned,
                    List<SimulationSummary.ShortTermSummary> shortTerm,
                    List<SimulationSummary.WeightRecording> weights) {

    /** {@return the numbers of a run that ended, measured from its recordings and network} */
    static SummaryOfRun measure(PreparedSimulation prepared, Recordings recorded) {
        SimulationConfig c = prepared.config();
        List<NetworkFromConfig.AttachedRule> plasticity = prepared.plasticity();
        List<SimulationSummary.PopulationSummary> populations = new ArrayList<>();
        for (SpikeRecorder r : recorded.spikes()) {
            populations.add(SimulationSummary.PopulationSummary.of(r.population().name(),
                    SpikeStatistics.of(r, c.record().fromMs(), c.durationMs())));
        }
        List<SimulationSummary.PlasticitySummary> learned = new ArrayList<>();
        for (int k = 0; k < plasticity.size(); k++) {
            Projection projection = plasticity.get(k).rule().projection();
            learned.add(new SimulationSummary.PlasticitySummary(projection.name(), plasticity.get(k).type(),
                    projection.synapseCount(), recorded.meanWeightsBefore().get(k),
                    Recordings.meanWeight(projection)));
        }
        List<SimulationSummary.ShortTermSummary> shortTerm = new ArrayList<>();
        for (Projection projection : prepared.network().projections()) {
            if (projection.shortTerm() != null) {
                shortTerm.add(SimulationSummary.ShortTermSummary.of(projection));
            }
        }
        List<SimulationSummary.WeightRecording> weights = new ArrayList<>();
        for (int k = 0; k < recorded.weights().size(); k++) {
            weights.add(SimulationSummary.WeightRecording.of(recorded.weights().get(k),
                    c.record().weights().get(k).intervalMs()));
        }
        return new SummaryOfRun(prepared, recorded, populations, learned, shortTerm, weights);
    }

    /**
     * The whole summary.
     *
     * @param ran         the run of the engine
     * @param started     when the simulation started
     * @param yaml        the resolved config
     * @param commandLine the arguments of {@code engram simulate}
     * @param missing     the results that could not be made
     * @return the summary, for {@code summary.json} and {@code summary.md}
     */
    SimulationSummary complete(EngineRun ran, Instant started, String yaml, List<String> commandLine,
                               List<SimulationSummary.MissingResult> missing) {
        SimulationConfig c = prepared.config();
        Network network = prepared.network();
        return new SimulationSummary(c.name(), network.neuronCount(), network.synapseCount(),
                network.bytesPerSynapse(), c.durationMs(), c.dtMs(), c.mode().name().toLowerCase(Locale.ROOT),
                c.threads(), ran.parallel(), c.seed(), ran.setupSeconds(), ran.loopSeconds(), ran.spikeCount(),
                ran.events(), ran.loopSeconds() > 0 ? ran.events() / ran.loopSeconds() : 0.0, ran.spikeHash(),
                c.record().fromMs(), recorded.sampledNeurons(c.record().spikeNeurons()), populations, learned,
                shortTerm, weights, SimulationSummary.SimulationProvenance.of(Platform.current(), started.toString(),
                yaml, commandLine), missing);
    }
}
