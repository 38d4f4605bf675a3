package org.engram.experiments.simulate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.engram.experiments.run.AbandonedSimulations;
import org.engram.experiments.run.RunFolder;
import org.engram.experiments.run.SetupStop;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.StatesPastTheHeap;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.monitor.RatesPastTheHeap;
import org.engram.simulator.monitor.SpikeTrainDigest;
import org.engram.simulator.monitor.SpikesPastTheHeap;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;

/**
 * A run of the engine with its recorders that ended, its folder holding its config.
 *
 * @param folder       the run's folder, not yet committed
 * @param setupSeconds the time from building the network to the start of the loop
 * @param loopSeconds  the simulation loop's time
 * @param events       the synaptic events delivered
 * @param spikeCount   the spikes of every population
 * @param parallel     whether the engine ran on more than one thread
 * @param spikeHash    the digest of every spike of the run
 */
record EngineRun(RunFolder folder, double setupSeconds, double loopSeconds, long events, long spikeCount,
                 boolean parallel, String spikeHash) {

    /**
     * Makes the run's folder, adds the recorders to an engine and runs it to the config's end.
     *
     * @param prepared    the config checked and its network built
     * @param recordings  the lists to fill with the recordings
     * @param resultsRoot the results root folder
     * @param started     when the simulation started, naming the folder
     * @param yaml        the resolved config, written to the folder's {@code config.yaml}
     * @param setup       the signal hook of the setup, closed once the folder exists
     * @param err         where notices go
     * @return the run that ended
     */
    static EngineRun run(PreparedSimulation prepared, Recordings recordings, Path resultsRoot, Instant started,
                         String yaml, SetupStop setup, PrintWriter err) {
        SimulationConfig c = prepared.config();
        Network network = prepared.network();
        TimeGrid grid = network.grid();
        List<WeightSampler> weights = recordings.weights();
        try (Engine engine = prepared.openEngine()) {
            List<String> recorded = c.record().spikes() == null
                    ? network.populations().stream().map(Population::name).toList() : c.record().spikes();
            // What record asks for was checked with the config (RecordChecks).
            for (SimulationConfig.StateSpec s : c.record().state()) {
                Population<?, ?> p = network.population(s.population());
                recordings.states().add(engine.recordState(p, s.variable(), s.neuronsOf(p.size()),
                        s.intervalMsOr(grid.dtMs())));
            }
            SpikeTrainDigest digest = SpikeTrainDigest.deferred(network.grid().dtMs());
            engine.addObserver(digest);
            for (NetworkFromConfig.AttachedRule attached : prepared.plasticity()) {
                recordings.meanWeightsBefore().add(Recordings.meanWeight(attached.rule().projection()));
                engine.addListener(attached.rule());
            }
            AbandonedSimulations.remove(resultsRoot, c.name(), err);
            // The folder before the simulation, so an unusable --out fails before the work is done.
            // A simulation cannot be resumed: a stopped one leaves no folder.
            RunFolder folder = RunFolder.createNewDisposable(resultsRoot, c.name(), started, yaml);
            setup.close();
            long t1;
            try {
                // Locked, then marked by its config as a simulation's: if the process is killed (SIGKILL),
                // the next simulation or run of this name finds the mark without the lock and removes it.
                folder.lock(err);
                folder.writeString("config.yaml", yaml);
                RecordRoom.require(c, network, prepared.configFile(), prepared.overrides().sets(),
                        folder.directory(), err);
                EndOfRunNotes.print(network, c.durationMs(), err);
                t1 = System.nanoTime();
                int endStep = grid.positiveSteps("simulation", "duration_ms", c.durationMs());
                int fromStep = grid.wholeSteps("record", "from_ms", c.record().fromMs());
                for (SimulationConfig.WeightSpec w : c.record().weights()) {
                    Projection projection = network.projection(w.projection());
                    weights.add(new WeightSampler(projection, ListedSynapses.of(w, projection, c.seed()),
                            grid.positiveSteps("record", "interval_ms", w.intervalMs()), endStep));
                }
                runInPieces(engine, fromStep, endStep, weights, () -> {
                    // Spike recorders and rate monitors record from when they are added.
                    for (String name : recorded) {
                        Population<?, ?> p = network.population(name);
                        recordings.spikes().add(engine.recordSpikes(p,
                                firstNeurons(p.size(), c.record().spikeNeurons())));
                        recordings.rates().add(engine.recordRate(p, c.record().rateBinMs()));
                    }
                });
            } catch (SpikesPastTheHeap e) {
                throw folder.discardAfter(RecordChecks.spikesPastTheHeap(e, prepared.source(), c));
            } catch (RatesPastTheHeap e) {
                throw folder.discardAfter(RecordChecks.ratesPastTheHeap(e, prepared.source()));
            } catch (StatesPastTheHeap e) {
                throw folder.discardAfter(RecordChecks.statesPastTheHeap(e, prepared.source(), c));
            } catch (RuntimeException | Error e) {
                folder.discardAfter(e);
                throw e;
            }
            long t2 = System.nanoTime();
            return new EngineRun(folder, (t1 - prepared.startNanos()) / 1e9, (t2 - t1) / 1e9,
                    engine.synapticEvents(), engine.spikeCount(), engine.parallel(), digest.hex());
        }
    }

    /**
     * Runs an engine from step 0 to {@code endStep} in pieces that end where the recording of spikes and
     * rates starts ({@code fromStep}) and where a weight sample falls: the rules have then been handed every
     * spike up to the end of the piece, and the pieces give the spikes of one run.
     *
     * @param startRecording adds the spike recorders and rate monitors, at {@code fromStep}
     */
    private static void runInPieces(Engine engine, int fromStep, int endStep, List<WeightSampler> weights,
                                    Runnable startRecording) {
        int step = 0;
        while (true) {
            if (step == fromStep) {
                startRecording.run();
            }
            for (WeightSampler w : weights) {
                w.sampleIfDue(step);
            }
            if (step == endStep) {
                return;
            }
            int next = step < fromStep ? fromStep : endStep;
            for (WeightSampler w : weights) {
                next = Math.min(next, w.nextSampleAfter(step));
            }
            engine.run(engine.network().grid().timeMs(next - step));
            step = engine.step();
        }
    }

    /** The first {@code count} neurons of a population of {@code size}, or null (every one) when it has no more. */
    private static int[] firstNeurons(int size, Integer count) {
        return count == null || count >= size ? null : IntStream.range(0, count).toArray();
    }
}
