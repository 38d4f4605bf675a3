package org.engram.simulator.engine;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import org.engram.simulator.event.SpikeListener;
import org.engram.simulator.input.ConstantCurrents;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.NoiseCurrent;
import org.engram.simulator.input.PoissonInput;
import org.engram.simulator.input.SinusoidalCurrent;
import org.engram.simulator.model.IntegrateAndFireState;
import org.engram.simulator.model.ListedInput;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.monitor.RateMonitor;
import org.engram.simulator.monitor.SpikeRecorder;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;

/**
 * Runs a {@link Network}: advances time in slices of the minimum delay, updates partitions of
 * neurons in parallel inside a slice, and exchanges spikes once per slice.
 *
 * <p>Within a slice every neuron is independent (no spike can reach a target sooner than the
 * minimum delay), so each worker advances its own contiguous range of every population through
 * all steps of the slice without synchronising. At the slice edge the workers' spikes are merged
 * into canonical order (step, then network-wide neuron index); at the start of the next slice each
 * worker adds them into the ring buffers of the targets it owns, in that order. Every sum is
 * therefore formed in the same order whatever the thread count, and the results depend on the
 * seed alone. A network whose slices hold too little work to share (see
 * {@link EngineOptions#minParallelNeuronSteps()}) runs on the calling thread as one share, as with
 * one thread.
 *
 * <p>An engine is driven by one thread at a time: a second concurrent {@link #run}, or a
 * {@link #close} during a run, is refused. Worker threads are daemons and end with {@link #close},
 * or, for an engine dropped unclosed, once the engine has been garbage collected (its network is
 * then spent: another engine on it is refused).
 *
 * <pre>{@code
 * try (Engine engine = new Engine(network, EngineOptions.grid(2))) {
 *     SpikeRecorder spikes = engine.recordSpikes(network.population("exc"));
 *     engine.run(1000.0);
 *     System.out.println(spikes.count() + " spikes");
 * }
 * }</pre>
 *
 * <p>Grid mode: a spike emitted while a neuron is advanced through step {@code s} has time
 * {@code (s + 1) dt}; with delay {@code d} steps it reaches its targets at time
 * {@code (s + 1 + d) dt}, at the end of their step {@code s + d}. Precise mode (linear models
 * only): neurons are propagated exactly from event to event, spikes keep their exact times and
 * arrive exactly {@code d dt} later. State samples and the state read between runs show every
 * neuron at a common time without splitting its propagation, so recording, or running in several
 * {@link #run} calls, does not change the spike train; a recordable variable changed between runs
 * takes effect at the current time.
 */
public final class Engine implements AutoCloseable {
    /** Numbers engines for their worker threads' names, which tell apart engines run side by side. */
    private static final AtomicInteger ENGINES_MADE = new AtomicInteger();
    /**
     * Neurons advanced together through one step in grid mode: a block's state and input rows
     * (about 45 bytes per LIF neuron, 180 KB) stay in a core's second-level cache between the
     * kernel's passes and the clearing of the rows (measured: CUBA with 64,000 neurons 25% faster
     * than whole ranges; 512 to 8,192 perform alike). A population whose input is listed goes in blocks of
     * {@link InputLists#BLOCK} instead.
     */
    static final int BLOCK = 4096;

    private final Network network;
    private final EngineOptions options;
    private final TimeGrid grid;
    private final boolean precise;
    private final int workers;
    private final int sliceSteps;
    private final PopulationRuntime[] runtimes;
    private final PoissonDrive[][] poissonByPopulation;
    private final CurrentDrive[][] currentsByPopulation;
    private final NoiseDrive[][] noiseByPopulation;
    private final SpikeExchange exchange;
    private final SpikeDelivery delivery;
    private final ShortTermRelease shortTermRelease;
    private final ExactAdvance exactAdvance;
    /** Stops the workers of engines dropped without {@link #close}; one daemon thread for all. */
    private static final Cleaner WORKER_CLEANER = Cleaner.create();

    private final WorkerPool pool;
    private final Cleaner.Cleanable poolCleanup;
    private final boolean parallel;
    private final WorkerPool.Task sliceTask = this::advanceSlice;
    private final List<SpikeListener> listeners = new ArrayList<>();
    private final List<SpikeListener> observers = new ArrayList<>();
    private final List<RateMonitor> rateMonitors = new ArrayList<>();
    private final List<List<StateSampler>> stateRecorders = new ArrayList<>();

    /** Volatile, as are the spikes' count, so that another thread may watch a run's progress. */
    private volatile int step;
    private int sliceFrom;
    private int sliceTo;
    private boolean deliveryPending;
    private volatile long spikeCount;
    /** Guards {@link #closed} and {@link #running}: a run and a close must not overlap. */
    private final Object lifecycle = new Object();
    private boolean closed;
    private boolean running;
    /** The thread driving the run in progress, the only one that may add to the engine during it. */
    private Thread driver;
    /** Why a run stopped mid-slice, leaving the state inconsistent; null while the engine is sound. */
    private Throwable failure;

    /**
     * Prepares a network for simulation: binds kernels, allocates ring buffers and starts the
     * worker threads. The engine starts at time 0 from the network's current state and holds the
     * network until it is closed (see {@link Network} for when a later engine may continue).
     *
     * @param network the network
     * @param options threads and mode
     * @throws ParameterException    if the network or options are null, a model gives no kernel, the
     *                               mode does not take an input, or a population's input buffers do not
     *                               fit the heap
     * @throws IllegalStateException if another open engine holds the network, or a precise-mode or
     *                               failed run left its state unfit to continue
     * @throws RuntimeException      what a model's kernel throws while it is prepared or, in precise
     *                               mode, takes over a grid-mode engine's state; the network is then
     *                               free of this engine (after a failed take-over, for no engine)
     */
    public Engine(Network network, EngineOptions options) {
        if (network == null || options == null) {
            throw new ParameterException("engine", network == null ? "network" : "options", network == null
                    ? "a network (NetworkBuilder.build())"
                    : "options (EngineOptions.grid(threads) or precise(threads))", null);
        }
        this.network = network;
        this.options = options;
        this.grid = network.grid();
        this.precise = options.mode() == Mode.PRECISE;
        this.sliceSteps = network.minDelaySteps();
        List<Population<?, ?>> pops = network.populations();
        if (precise) {
            // Before it converts them (continueFromGrid); then before every run, as a grid engine does.
            requireValidStates(pops);
        }
        List<List<PoissonDrive>> drives = new ArrayList<>();
        List<List<CurrentDrive>> currents = new ArrayList<>();
        List<List<NoiseDrive>> noises = new ArrayList<>();
        for (int p = 0; p < pops.size(); p++) {
            drives.add(new ArrayList<>());
            currents.add(new ArrayList<>());
            noises.add(new ArrayList<>());
        }
        List<PoissonInput> inputs = network.poissonInputs();
        for (int k = 0; k < inputs.size(); k++) {
            PoissonDrive d = new PoissonDrive(inputs.get(k), k, network.seed(), grid, options.mode());
            drives.get(d.target).add(d);
        }
        for (CurrentSource c : network.currentSources()) {
            CurrentDrive d = new CurrentDrive(c, grid);
            currents.get(d.target).add(d);
        }
        for (ConstantCurrents c : network.constantCurrents()) {
            CurrentDrive d = new CurrentDrive(c);
            currents.get(d.target).add(d);
        }
        for (SinusoidalCurrent c : network.sinusoidalCurrents()) {
            CurrentDrive d = new CurrentDrive(c, grid);
            currents.get(d.target).add(d);
        }
        List<NoiseCurrent> noiseCurrents = network.noiseCurrents();
        for (int k = 0; k < noiseCurrents.size(); k++) {
            NoiseDrive d = new NoiseDrive(noiseCurrents.get(k), k, network.seed());
            noises.get(d.target).add(d);
        }
        poissonByPopulation = new PoissonDrive[pops.size()][];
        currentsByPopulation = new CurrentDrive[pops.size()][];
        noiseByPopulation = new NoiseDrive[pops.size()][];
        boolean[] currentDriven = new boolean[pops.size()];
        for (int p = 0; p < pops.size(); p++) {
            poissonByPopulation[p] = drives.get(p).toArray(new PoissonDrive[0]);
            currentsByPopulation[p] = currents.get(p).toArray(new CurrentDrive[0]);
            noiseByPopulation[p] = noises.get(p).toArray(new NoiseDrive[0]);
            currentDriven[p] = currentsByPopulation[p].length > 0 || noiseByPopulation[p].length > 0;
        }
        // Waking another thread costs microseconds, as much as advancing a few thousand neurons by
        // a step; below the threshold the network runs on this thread.
        double[] costs = stepCosts(pops);   // checked whatever the threads
        int[] sizes = new int[pops.size()];
        double work = 0;   // a slice's neuron-steps, each weighted by its model's cost
        for (int p = 0; p < sizes.length; p++) {
            sizes[p] = pops.get(p).size();
            work += (double) sizes[p] * sliceSteps * costs[p];
        }
        parallel = options.threads() > 1 && work >= options.minParallelNeuronSteps();
        // There it is one share: each further share would cost its own pass over the populations,
        // drives and spike buffers in every slice, for nothing.
        workers = parallel ? options.threads() : 1;
        // A population's buffers reach as far ahead as the synapses into it: one of spike sources needs one row.
        int[] slots = new int[pops.size()];
        int[] owners = PopulationRuntime.owners(sizes, costs, workers);
        double ownRowsExtraBytes = 0;
        for (int p = 0; p < pops.size(); p++) {
            slots[p] = network.maxDelayStepsInto(pops.get(p)) + 1;
            ownRowsExtraBytes += PopulationRuntime.ownRowsExtraBytes(
                    PopulationRuntime.chunkStarts(sizes[p], workers, owners[p]), slots[p], currentDriven[p]);
        }
        boolean ownRows = !precise && PopulationRuntime.ownRows(parallel, ownRowsExtraBytes,
                Runtime.getRuntime().maxMemory());
        runtimes = new PopulationRuntime[pops.size()];
        for (int p = 0; p < pops.size(); p++) {
            runtimes[p] = new PopulationRuntime(pops.get(p), owners[p], options.mode(), grid, workers, slots[p],
                    currentDriven[p], ownRows, poissonByPopulation[p].length == 0);
            if (precise && currentDriven[p]) {
                requireInjectedCurrent(runtimes[p]);
            }
            stateRecorders.add(new ArrayList<>());
        }
        if (!precise && busiestStepBytes(runtimes, workers) >= options.listedInputFromBytes()) {
            // Lists once every population's rows are made, within a sixteenth of the heap in all.
            double listBudget = Runtime.getRuntime().maxMemory() / 16.0;
            for (PopulationRuntime rt : runtimes) {
                listBudget -= rt.makeLists(listBudget);
            }
        }
        Route[][] outgoing = new Route[pops.size()][];
        for (int p = 0; p < pops.size(); p++) {
            final int source = p;
            outgoing[p] = network.projections().stream()
                    .filter(pr -> pr.source().index() == source && pr.synapseCount() > 0)
                    .map(pr -> new Route(pr, runtimes[pr.target().index()], workers))
                    .toArray(Route[]::new);
        }
        exchange = new SpikeExchange(workers, pops.size(), grid.dtMs());
        delivery = new SpikeDelivery(exchange, outgoing, workers, options.mode(), grid.dtMs());
        EventScratch[] scratch = new EventScratch[workers];
        for (int w = 0; w < workers; w++) {
            scratch[w] = new EventScratch();
        }
        exactAdvance = new ExactAdvance(grid.dtMs(), poissonByPopulation, currentsByPopulation, noiseByPopulation,
                scratch, stateRecorders);
        pool = new WorkerPool(workers, "engram-engine-" + ENGINES_MADE.incrementAndGet());
        long stepsBefore;
        try {
            stepsBefore = NetworkLedger.attach(network, this);
        } catch (IllegalStateException taken) {
            pool.close();
            throw taken;
        }
        // The short-term state holds the spike times of earlier engines on the network's clock.
        shortTermRelease = new ShortTermRelease(outgoing, grid.timeMs(stepsBefore));
        for (PoissonDrive[] ds : poissonByPopulation) {
            for (PoissonDrive d : ds) {
                d.continueAfter(stepsBefore);
            }
        }
        for (NoiseDrive[] ds : noiseByPopulation) {
            for (NoiseDrive d : ds) {
                d.continueAfter(stepsBefore);
            }
        }
        if (stepsBefore > 0 || precise) {
            try {
                if (stepsBefore > 0) {
                    for (Population<?, ?> p : pops) {
                        p.state().continueAfter(stepsBefore);
                    }
                }
                if (precise) {
                    for (PopulationRuntime rt : runtimes) {
                        // On a fresh network too, where code wrote steps of refractoriness: they hold as in grid mode.
                        if (stepsBefore > 0 || refractoryStepsWritten(rt.population.state())) {
                            continueFromGrid(rt.exactUpdate, grid.dtMs());
                        }
                    }
                }
            } catch (RuntimeException | Error refused) {
                // A model's own state or kernel may refuse, or fail after some populations took over: stop
                // the workers and release the network, which no engine may continue (its state is half
                // converted), rather than leave it to an engine the caller never got.
                pool.close();
                NetworkLedger.detach(network, this, (precise ? "a precise-mode" : "a grid-mode") + " engine failed"
                        + " to take over the state grid mode left (" + refused + ")", 0);
                throw refused;
            }
        }
        // The pool's threads hold no reference to this engine, so an unclosed one can be collected.
        poolCleanup = WORKER_CLEANER.register(this, pool::close);
    }

    /** Refuses current input into a population whose exact kernel takes no injected current. */
    private void requireInjectedCurrent(PopulationRuntime rt) {
        Population<?, ?> target = rt.population;
        String kind = network.currentSources().stream().anyMatch(c -> c.target() == target) ? "a current source"
                : network.constantCurrents().stream().anyMatch(c -> c.target() == target) ? "constant currents"
                : network.sinusoidalCurrents().stream().anyMatch(c -> c.target() == target) ? "a sinusoidal current"
                : "a noise current";
        EngineChecks.requireInjectedCurrent(rt.exactUpdate, target, kind);
    }

    /** {@return whether a state counts steps of refractoriness left for any neuron} */
    private static boolean refractoryStepsWritten(NeuronState state) {
        if (state instanceof IntegrateAndFireState s) {
            for (double steps : s.refractorySteps) {
                if (steps > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Lets a population's exact kernel take over the state grid-mode engines left (typed helper). */
    private static <S extends NeuronState> void continueFromGrid(BoundKernels.ExactUpdate<S> exact, double dtMs) {
        exact.kernel().continueFromGrid(exact.state(), dtMs);
    }

    /**
     * Records the spikes of a population from now on. Added during a run (from a listener), it
     * starts with the next slice: observers have already been shown the current slice's spikes,
     * up to the minimum delay after the listener's spike.
     *
     * @param population a population of this engine's network
     * @return the recorder
     * @throws ParameterException if the population is null or of another network
     * @throws IllegalStateException after {@link #close}, or from another thread than the one running the
     *                               engine, during a run
     */
    public SpikeRecorder recordSpikes(Population<?, ?> population) {
        return recordSpikes(population, null);
    }

    /**
     * Records the spikes of chosen neurons of a population from now on (a large network's raster
     * and statistics from a sample of it, at a fraction of the memory), as {@link #recordSpikes(Population)}
     * does for all.
     *
     * @param population a population of this engine's network
     * @param neurons    population-local indices, distinct and ascending, or {@code null} for every neuron
     * @return the recorder
     * @throws ParameterException if the population is null or of another network, or the list is
     *                            empty or has an index outside the population, repeated or out of order
     * @throws IllegalStateException after {@link #close}, or from another thread than the one running the
     *                               engine, during a run
     */
    public SpikeRecorder recordSpikes(Population<?, ?> population, int[] neurons) {
        synchronized (lifecycle) {
            requireDriverDuringRun("a spike recorder added");
            SpikeRecorder r = new SpikeRecorder(own(population), neurons);
            r.joining(network, joiningTimeMs());   // as addObserver's recorders: it learns the step its times count
            observers.add(r);
            return r;
        }
    }

    /**
     * Records the population rate from now on: its first bin starts at the current time or, added
     * during a run (from a listener), at the end of the current slice, from where it sees spikes.
     *
     * @param population a population of this engine's network
     * @param binMs      bin width in ms, a whole number of steps
     * @return the monitor
     * @throws ParameterException if the population is null or of another network, or the bin is not
     *                            a whole number of steps
     * @throws IllegalStateException after {@link #close}, or from another thread than the one running the
     *                               engine, during a run
     */
    public RateMonitor recordRate(Population<?, ?> population, double binMs) {
        EngineChecks.requireRateBin(grid, binMs);
        synchronized (lifecycle) {
            requireDriverDuringRun("a rate monitor added");
            RateMonitor r = new RateMonitor(own(population), binMs, joiningTimeMs());
            observers.add(r);
            rateMonitors.add(r);
            return r;
        }
    }

    /**
     * Samples a state variable of chosen neurons every {@code intervalMs}, at the end of the steps
     * whose end time is a multiple of the interval. Register before the first run, not from a
     * listener during it.
     *
     * @param population a population of this engine's network
     * @param variable   a recordable variable of its model, e.g. {@code "v"}
     * @param neurons    population-local neurons, ascending and distinct, or {@code null} for every
     *                   neuron, as {@link #recordSpikes(Population, int[])} takes it
     * @param intervalMs sampling interval in ms, a whole number of steps {@code >= 1}
     * @return the recorder
     * @throws ParameterException    if the population is null or of another network, the variable
     *                               not one its model records, a neuron out of range or out of
     *                               order, or the interval not a whole number of steps {@code >= 1}
     * @throws IllegalStateException once the first run has begun, or after {@link #close}
     */
    public StateRecorder recordState(Population<?, ?> population, String variable, int[] neurons,
                                     double intervalMs) {
        own(population);
        // Held through the addition, so a run cannot start between the check and it (nor miss it).
        synchronized (lifecycle) {
            // During the first slice the step is still 0, but the run reserved room for the recorders it had.
            if (step != 0 || running) {
                throw new IllegalStateException("register state recorders before the first run");
            }
            int steps = EngineChecks.stateIntervalSteps(grid, intervalMs);
            StateSampler r = new StateSampler(population, variable, neurons, steps, intervalMs);
            stateRecorders.get(population.index()).add(r);
            return r;
        }
    }

    /**
     * Adds a listener that may change plastic weights. Spikes come in time order (ties by
     * network-wide neuron index). Each spike is shown to every listener before it is delivered, so
     * the weights it delivers include the listener's changes; delivery then happens on the
     * listener thread. Added during a run (from a listener), it starts with the next slice.
     *
     * @param listener the listener
     * @throws ParameterException if the listener is null, or already added as a listener or an
     *                            observer (it would see each spike twice, and a rule apply each change twice),
     *                            or a monitor refused as {@link #addObserver} refuses it, or if the listener
     *                            refuses this engine's network or time ({@link SpikeListener#joining}), as a
     *                            plasticity rule of another network or one shown an earlier engine's spikes does
     * @throws IllegalStateException after {@link #close}, or from another thread than the one running
     *                            the engine, during a run
     */
    public void addListener(SpikeListener listener) {
        requireOpen();
        join("listener", listener);
        synchronized (lifecycle) {
            requireDriverDuringRun("a listener added");
            listeners.add(requireListener("listener", listener));
        }
    }

    /**
     * Adds an observer: it sees every spike in time order (ties by network-wide neuron index), and
     * {@link SpikeListener#afterSpikesAt} after the spikes of each instant, but must not change the
     * network. Added during a run (from a listener), it starts with the next slice, as
     * {@link #recordSpikes} does. A {@link RateMonitor} made by hand is, like one from
     * {@link #recordRate}, extended to the end of each run, so that a silent tail shows as zero rates.
     *
     * @param observer the observer
     * @throws ParameterException if the observer is null, or already added as a listener or an
     *                            observer (it would see each spike twice), or a {@link SpikeRecorder} or
     *                            {@link RateMonitor} made by hand for a population of another network
     *                            (it would record nothing) or, a rate monitor, with bins that are not a
     *                            whole number of steps, as {@link #recordRate} refuses them, or if the
     *                            observer refuses this engine's network or time ({@link SpikeListener#joining}),
     *                            as a monitor that watched an earlier engine does
     * @throws IllegalStateException after {@link #close}, or from another thread than the one running
     *                            the engine, during a run
     */
    public void addObserver(SpikeListener observer) {
        requireOpen();
        join("observer", observer);
        synchronized (lifecycle) {
            requireDriverDuringRun("an observer added");
            observers.add(requireListener("observer", observer));
            if (observer instanceof RateMonitor r) {
                rateMonitors.add(r);
            }
        }
    }

    /**
     * Removes a listener, e.g. a plasticity rule before testing the trained network on the same
     * engine. Between runs only.
     *
     * @param listener a listener added before
     * @return whether it had been added
     * @throws IllegalStateException during a run
     */
    public boolean removeListener(SpikeListener listener) {
        synchronized (lifecycle) {
            return removeFrom(listeners, listener);
        }
    }

    /**
     * Removes an observer. Between runs only. A removed {@link RateMonitor} keeps the bins it has and
     * gets no more: later runs add no bins to it, which would read as silence it did not watch.
     *
     * @param observer an observer added before
     * @return whether it had been added
     * @throws IllegalStateException during a run
     */
    public boolean removeObserver(SpikeListener observer) {
        synchronized (lifecycle) {
            boolean removed = removeFrom(observers, observer);
            if (removed) {
                rateMonitors.removeIf(r -> r == observer);
            }
            return removed;
        }
    }

    /**
     * Removes a listener or observer between runs. Called holding {@link #lifecycle} through the
     * removal, so a run cannot start between the check and it: the run's thread would walk the list
     * as it changed.
     */
    private boolean removeFrom(List<SpikeListener> from, SpikeListener listener) {
        if (running) {
            // The slice edge walks these lists; a removal there would skip or repeat a call.
            throw new IllegalStateException("listeners and observers are removed between runs, not during one");
        }
        // By identity, as they were added: of two equal ones (records, say) the one given goes.
        return from.removeIf(l -> l == listener);
    }

    /** Checks state that code may have written between runs (see {@link NeuronState#requireValid}). */
    private static void requireValidStates(List<Population<?, ?>> populations) {
        for (Population<?, ?> p : populations) {
            p.state().requireValid(p.name());
        }
    }

    /** Refuses a closed engine: it has no workers left, and a monitor added to it would see nothing. */
    private void requireOpen() {
        synchronized (lifecycle) {
            if (closed) {
                String spent = whyNoOtherEngine();
                throw new IllegalStateException(spent == null ? "engine is closed; build a new Engine on the network,"
                        + " which starts from the state this one left" : "engine is closed, and " + spent
                        + ": build the network again for a new engine (the same seed builds the same network)");
            }
        }
    }

    /**
     * Refuses null now (at the first spike it would stop the run mid-slice and spoil the network's
     * state), one added before, and a monitor made by hand that this engine's spikes cannot reach.
     */
    /**
     * Lets a listener refuse this engine's network or clock ({@link SpikeListener#joining}) before it is
     * added; called outside the lifecycle lock, as it is the listener's own code.
     */
    private void join(String role, SpikeListener listener) {
        if (listener == null) {
            throw new ParameterException("engine", role, "a SpikeListener", null);
        }
        listener.joining(network, joiningTimeMs());
    }

    /**
     * The time from which a listener or monitor added now sees spikes: the engine's time or, during a
     * run (from a listener, at a slice edge), the end of the current slice, whose spikes were shown
     * before the listener ran.
     */
    private double joiningTimeMs() {
        return running ? grid.timeMs(sliceTo) : timeMs();
    }

    /** Refuses a listener added before, and a hand-made monitor another network's engine would feed. */
    private SpikeListener requireListener(String role, SpikeListener listener) {
        if (holds(listeners, listener) || holds(observers, listener)) {
            throw new ParameterException("engine", role, "a SpikeListener not yet added to this engine (as a listener "
                    + "or an observer: it would see each spike twice)", listener);
        }
        // A monitor made by hand watches its population by identity: one of another network (the same
        // network built again, say) would record nothing, without a word.
        if (listener instanceof SpikeRecorder r) {
            own(r.population());
        } else if (listener instanceof RateMonitor r) {
            own(r.population());
            EngineChecks.requireRateBin(grid, r.binMs());
        }
        return listener;
    }

    /** Whether the list holds this very object (equal ones, such as records, may each be added). */
    private static boolean holds(List<SpikeListener> list, SpikeListener listener) {
        for (SpikeListener l : list) {
            if (l == listener) {
                return true;
            }
        }
        return false;
    }

    /**
     * Advances the simulation by {@code durationMs}; may be called repeatedly to continue. If a
     * run fails (a listener or a model throws), the slice it was in is left half done, so every
     * later run, and any later engine on the same network, is refused.
     *
     * @param durationMs the duration in ms, a whole number of steps
     * @throws ParameterException if the duration is not finite, negative or not a whole number of steps,
     *                            or would end the run past the int range of steps less the maximum
     *                            delay; or if a population's state or a projection's weight holds a
     *                            value that is not finite before the run, or a listener or observer
     *                            refuses what was written between runs ({@link SpikeListener#beforeRun}),
     *                            each before the run starts
     * @throws EngramException    if the run, complete with its spikes and samples, left one (NaN or
     *                            an infinity) in a population's state (the next run is refused
     *                            until it is mended), or a kernel broke its contract (a spike of a
     *                            neuron or step it was not given, or out of order)
     * @throws KernelFailed       if a population's model code threw, naming the population, model,
     *                            neurons and time span, with what it threw as the cause
     * @throws ListenerFailed     if a listener or observer threw (other than an {@code EngramException},
     *                            which passes as it is), naming it and the spike, with what it threw as
     *                            the cause; or threw from {@link SpikeListener#beforeRun}, before the run
     *                            started
     * @throws IllegalStateException after {@link #close}, during a run (from a listener, the refusal
     *                            fails the run with a {@code ListenerFailed}), or after a failed run
     * @throws RunInterrupted     if the thread was interrupted: the run ends at the first slice edge
     *                            after the interrupt (at once, if the status was set before it began),
     *                            as a run that long would have, and the engine can go on from there
     */
    public void run(double durationMs) {
        synchronized (lifecycle) {
            requireOpen();
            if (running) {
                throw new IllegalStateException("a run of this engine is in progress; one thread at a time drives "
                        + "an engine");
            }
            running = true;
            driver = Thread.currentThread();
        }
        try {
            advance(durationMs);
        } finally {
            synchronized (lifecycle) {
                running = false;
                driver = null;
            }
        }
    }

    /**
     * Refuses a change from another thread than the one driving a run in progress: the driving
     * thread walks the engine's lists of listeners and monitors at each slice edge, and a listener
     * on it may add to them there; another thread's addition would race with that walk. Called
     * holding {@link #lifecycle} through the addition, so a run cannot start between the two.
     */
    private void requireDriverDuringRun(String what) {
        if (running && driver != Thread.currentThread()) {
            throw new IllegalStateException(what + " from thread '" + Thread.currentThread().getName()
                    + "' while thread '" + driver.getName() + "' runs the engine: add it between runs, or from"
                    + " a listener during the run");
        }
    }

    private void advance(double durationMs) {
        if (failure != null) {
            throw new IllegalStateException("a run of this engine failed mid-slice, in the slice from "
                    + TimeGrid.shownMs(timeMs()) + " ms (step " + step + ") (" + failure + "); its state is"
                    + " inconsistent, build the network and an engine again", failure);
        }
        // A spike of the last step arrives up to the maximum delay later; that step must fit an int.
        long lastStep = (long) Integer.MAX_VALUE - network.maxDelaySteps();
        // Checked before the duration is made whole steps, whose own limit, the int range, is not this one.
        if (Double.isFinite(durationMs) && durationMs / grid.dtMs() > lastStep - step + 0.5) {
            throw new ParameterException("engine", "duration", "a total of at most " + lastStep
                    + " steps (int range less the maximum delay)", durationMs + " ms after " + step + " steps");
        }
        int steps = grid.wholeSteps("engine", "duration", durationMs);
        requireValidStates(network.populations());
        requireFinite();
        requireValidWeights();
        final int requestedEnd = step + steps;
        if (steps > 0 && Thread.currentThread().isInterrupted()) {
            throw new RunInterrupted(timeMs(), grid.timeMs(requestedEnd));
        }
        int end = requestedEnd;
        double fromMs = timeMs();
        for (List<StateSampler> rs : stateRecorders) {
            for (StateSampler r : rs) {
                r.reserve(end / r.intervalSteps());
            }
        }
        for (RateMonitor r : rateMonitors) {
            r.reserveTo(grid.timeMs(end));
        }
        if (precise) {
            for (PopulationRuntime rt : runtimes) {
                rt.shown.resume(rt.neuronTimeMs, rt.horizonMs, timeMs());
            }
        }
        try {
            if (precise && step == 0 && steps > 0) {
                fireAtTimeZero();
            }
            while (step < end) {
                sliceFrom = step;
                sliceTo = Math.min(end, step + sliceSteps);
                exchange.clearBuffers();
                pool.run(sliceTask);   // a pool of one runs it on this thread
                sliceEdge();
                step = sliceTo;
                if (step < end && Thread.currentThread().isInterrupted()) {
                    end = step;   // ends here, as a run this long would have
                }
            }
            if (precise) {
                // Inside the try: a kernel failing here leaves neurons half shown.
                for (PopulationRuntime rt : runtimes) {
                    try {
                        rt.shown.show(rt.exactUpdate, rt.neuronTimeMs, timeMs());
                    } catch (EngramException reported) {
                        throw reported;
                    } catch (Exception e) {
                        throw advanceFailed(rt, 0, rt.size, timeMs(), timeMs(), e);
                    }
                }
            }
        } catch (Throwable e) {
            // Any throwable, checked ones thrown past the compiler (Kotlin, Lombok) included.
            failure = e;
            throw e;
        }
        for (List<StateSampler> rs : stateRecorders) {
            for (StateSampler r : rs) {
                r.complete(step / r.intervalSteps());
            }
        }
        for (RateMonitor r : rateMonitors) {
            r.extendTo(timeMs());
        }
        requireFiniteMade(fromMs);
        if (end != requestedEnd) {
            throw new RunInterrupted(timeMs(), grid.timeMs(requestedEnd));
        }
    }

    /** Refuses a state value that is not finite before a run: written between runs, or left by a run that said so. */
    private void requireFinite() {
        for (Population<?, ?> p : network.populations()) {
            NeuronState.NonFinite bad = p.state().firstNonFinite();
            if (bad != null) {
                throw new ParameterException("population '" + p.name() + "'", bad.place(), "a finite value ("
                        + bad.unit() + ")", bad.value());
            }
        }
    }

    /**
     * Refuses plastic (or per-synapse) weights written since the last run that are not finite
     * ({@link Projection#requireValidWeights}), then lets each listener and observer refuse
     * what it holds ({@link SpikeListener#beforeRun}: a plasticity rule, weights outside its bounds).
     * Before the run starts, so a refusal leaves the engine and the network as they were.
     */
    private void requireValidWeights() {
        for (Projection p : network.projections()) {
            p.requireValidWeights();
        }
        double t = timeMs();
        // By index over the lists as they are: one added here (running) is checked at the next run.
        for (int l = 0, n = listeners.size(); l < n; l++) {
            askBeforeRun("listener", listeners.get(l), t);
        }
        for (int o = 0, n = observers.size(); o < n; o++) {
            askBeforeRun("observer", observers.get(o), t);
        }
    }

    /** Calls {@link SpikeListener#beforeRun}, naming the listener if it throws other than a refusal. */
    private static void askBeforeRun(String role, SpikeListener to, double t) {
        try {
            to.beforeRun(t);
        } catch (EngramException reported) {
            throw reported;
        } catch (Exception e) {
            throw ListenerFailed.beforeRun(role, to, t, e);
        }
    }

    /**
     * Reports a value that is not finite that a run made, once it is complete: the run's spikes and
     * samples are kept, and the next run is refused until the state is mended. Checked per run
     * rather than per step, so it costs one pass over the state.
     */
    private void requireFiniteMade(double fromMs) {
        for (Population<?, ?> p : network.populations()) {
            NeuronState.NonFinite bad = p.state().firstNonFinite();
            if (bad != null) {
                throw new EngramException("population '" + p.name() + "' (model '" + p.model().name() + "')",
                        bad.place(), "a finite value (" + bad.unit() + ")", bad.value() + " after the run from "
                                + TimeGrid.shownMs(fromMs) + " to " + TimeGrid.shownMs(timeMs()) + " ms, which made it",
                        "its kernel computed NaN from its state, its parameters or its input: look for an infinite "
                                + "or NaN weight into the population (a listener may have written one into a plastic "
                                + "projection), a current source, a parameter so large or small that a factor computed "
                                + "from it overflows (a sinusoid's frequency, a capacitance near 0), or a division by "
                                + "zero in the kernel");
            }
        }
    }

    /**
     * Precise mode, before the first step: emits the spikes at exactly time 0 (a spike source's
     * time 0, a neuron starting at threshold) as spikes of a step -1 that ends there, as a spike at
     * {@code k dt} belongs to step {@code k - 1}. Their inputs then arrive at the end of a step like
     * every other spike's on the grid, in the sample taken then and together with the inputs that
     * arrive at that moment; emitted in step 0 they arrived at a step's start, after that sample.
     * One search per neuron, once: every worker's share is done on the calling thread.
     */
    private void fireAtTimeZero() {
        sliceFrom = -1;
        sliceTo = 0;
        exchange.clearBuffers();
        for (int w = 0; w < workers; w++) {
            SpikeBuffer out = exchange.buffers[w];
            out.currentStep = -1;
            for (int p = 0; p < runtimes.length; p++) {
                PopulationRuntime rt = runtimes[p];
                exchange.beginSegment(w, p);
                out.expect(rt.population, rt.chunkLo[w], rt.chunkHi[w], -1, 0, true);
                try {
                    ExactAdvance.fireAtTimeZero(rt, rt.exactUpdate, rt.chunkLo[w], rt.chunkHi[w], out);
                } catch (EngramException reported) {
                    throw reported;
                } catch (Exception e) {
                    throw advanceFailed(rt, rt.chunkLo[w], rt.chunkHi[w], 0, 0, e);
                }
                exchange.endSegment(w, p);
            }
        }
        sliceEdge();
    }

    /** What advancing neurons {@code [lo, hi)} of a population threw, named by where and when. */
    private static KernelFailed advanceFailed(PopulationRuntime rt, int lo, int hi, double fromMs, double toMs,
                                              Exception e) {
        Population<?, ?> p = rt.population;
        return new KernelFailed("population '" + p.name() + "' (model '" + p.model().name() + "'), neurons [" + lo
                + ", " + hi + "), from " + TimeGrid.shownMs(fromMs) + " to " + TimeGrid.shownMs(toMs) + " ms: " + e,
                p.model(), e);
    }

    /** Work of one worker in one slice: deliver the last slice's spikes, then advance. */
    private void advanceSlice(int w) {
        if (deliveryPending) {
            deliverAll(w);
        }
        SpikeBuffer out = exchange.buffers[w];
        for (int p = 0; p < runtimes.length; p++) {
            PopulationRuntime rt = runtimes[p];
            int lo = rt.chunkLo[w];
            int hi = rt.chunkHi[w];
            exchange.beginSegment(w, p);
            if (lo < hi) {
                try {
                    if (precise) {
                        out.expect(rt.population, lo, hi, sliceFrom, sliceTo, true);
                        exactAdvance.advance(rt, rt.exactUpdate, p, w, sliceFrom, sliceTo, lo, hi, out);
                    } else {
                        advanceGrid(rt, p, w, lo, hi, out);
                    }
                } catch (EngramException reported) {
                    throw reported;
                } catch (Exception e) {
                    // Checked exceptions too, which Kotlin or Lombok code throws past the compiler.
                    throw advanceFailed(rt, lo, hi, grid.timeMs(sliceFrom), grid.timeMs(sliceTo), e);
                }
            }
            exchange.endSegment(w, p);
        }
    }

    /**
     * Delivers the last slice's spikes into worker {@code w}'s rows. A method of its own, compiled on
     * its own: as a loop inside the slice's driver, it had the JIT compile the driver twice early in
     * a run (once entered inside the loop, once whole), each time with everything it calls.
     */
    private void deliverAll(int w) {
        for (int m = 0; m < exchange.count; m++) {
            delivery.deliver(w, m);
        }
    }

    private void advanceGrid(PopulationRuntime rt, int p, int w, int lo, int hi, SpikeBuffer out) {
        final List<StateSampler> recorders = stateRecorders.get(p);
        final WorkerInput in = rt.inputs[w];
        final InputLists lists = rt.lists == null ? null : rt.lists[w];
        // Step by step and block by block: a block's input rows and state stay in the core's cache
        // from the drives' writes through the kernel's passes to the clearing of the rows. With lists,
        // blocks end at multiples of InputLists.BLOCK, where the lists' blocks do; without, a range has
        // a block fewer at most, and each block costs the drives and the kernel a call.
        for (int s = sliceFrom; s < sliceTo; s++) {
            for (int a = lo; a < hi; ) {
                int b = Math.min(hi, lists == null ? a + BLOCK : (a / InputLists.BLOCK + 1) * InputLists.BLOCK);
                advanceBlock(rt, p, in, lists, a, b, s, out);
                a = b;
            }
            if (!recorders.isEmpty()) {
                sample(recorders, s + 1, lo, hi);
            }
        }
    }

    /**
     * Advances neurons {@code [a, b)} of population {@code p} through step {@code s}, with their
     * synaptic input listed where {@code lists} holds it. A method of its own, which the JIT compiles
     * once: as the body of {@link #advanceGrid}'s loops, it had the JIT compile that method four
     * times early in a run, entered at each of its loops and then whole, each time with the kernel
     * inlined.
     */
    private void advanceBlock(PopulationRuntime rt, int p, WorkerInput in, InputLists lists, int a, int b, int s,
                              SpikeBuffer out) {
        for (PoissonDrive d : poissonByPopulation[p]) {
            d.fillGrid(in, a, b, s);
        }
        if (in.current != null) {
            double[] row = in.current[in.view.row(s)];
            for (CurrentDrive c : currentsByPopulation[p]) {
                c.add(row, a, b, s);
            }
            for (NoiseDrive n : noiseByPopulation[p]) {
                n.add(row, a, b);
            }
        }
        out.expect(rt.population, a, b, s, s + 1, false);
        ListedInput listed = lists == null ? null : lists.take(in.view.row(s), a);
        if (listed != null) {
            rt.gridUpdate.updateListed(a, b, s, in.view, listed, out);
        } else {
            rt.gridUpdate.update(a, b, s, s + 1, in.view, out);
        }
        if (!rt.gridUpdate.clearsInput()) {   // one that does has cleared the rows as it read them
            in.clearRow(s, a, b);
        } else {
            assert in.requireCleared(rt.population, s, a, b);
        }
    }

    /** Records the samples due at step boundary {@code end} for neurons {@code [lo, hi)}. */
    private static void sample(List<StateSampler> recorders, int end, int lo, int hi) {
        // Called every step: index loops, no iterator per step.
        for (int k = 0; k < recorders.size(); k++) {
            StateSampler r = recorders.get(k);
            if (end % r.intervalSteps() == 0) {
                r.sample(end / r.intervalSteps() - 1, lo, hi);
            }
        }
    }

    /** Merges the slice's spikes, shows them to observers and listeners, and delivers if needed. */
    private void sliceEdge() {
        if (precise) {
            exchange.merge(sliceFrom, sliceTo - 1);
        } else {
            exchange.merge(sliceFrom + 1, sliceTo);
        }
        int count = exchange.count;
        spikeCount += count;
        if (precise) {
            // Spikes of one step have different times here; listeners and observers get them in
            // time order (the canonical order breaks ties), as grid mode gives them by construction.
            exchange.sortByTime();
        }
        shortTermRelease.release(exchange, precise);
        final int[] order = exchange.order;
        // Those added during the edge (by a listener) start with the next slice.
        final int observing = observers.size();
        final int listening = listeners.size();
        for (int k = 0; k < count && observing > 0; k++) {
            int m = precise ? order[k] : k;
            Population<?, ?> p = runtimes[exchange.population[m]].population;
            int neuron = exchange.neuron[m];
            double t = exchange.timeMs[m];
            for (int o = 0; o < observing; o++) {
                show("observer", observers.get(o), p, neuron, t);
            }
            if (lastAt(k, t)) {
                for (int o = 0; o < observing; o++) {
                    showInstant("observer", observers.get(o), t);
                }
            }
        }
        if (listening == 0) {
            deliveryPending = count > 0;
            return;
        }
        for (int k = 0; k < count; k++) {
            int m = precise ? order[k] : k;
            Population<?, ?> p = runtimes[exchange.population[m]].population;
            double t = exchange.timeMs[m];
            for (int l = 0; l < listening; l++) {
                show("listener", listeners.get(l), p, exchange.neuron[m], t);
            }
            for (int w = 0; w < workers; w++) {
                delivery.deliver(w, m);
            }
            if (lastAt(k, t)) {
                for (int l = 0; l < listening; l++) {
                    showInstant("listener", listeners.get(l), t);
                }
            }
        }
        deliveryPending = false;
    }

    /** Shows a spike to a listener or observer, naming it and the spike if it throws. */
    private static void show(String role, SpikeListener to, Population<?, ?> p, int neuron, double t) {
        try {
            to.onSpike(p, neuron, t);
        } catch (EngramException reported) {
            throw reported;
        } catch (Exception e) {
            // Checked exceptions too, which Kotlin or Lombok code throws past the compiler.
            throw ListenerFailed.of(role, to, "the spike of neuron " + neuron + " of population '" + p.name()
                    + "' at " + TimeGrid.shownMs(t) + " ms", e);
        }
    }

    /** Tells a listener or observer that an instant's spikes are done, naming it and the instant if it throws. */
    private static void showInstant(String role, SpikeListener to, double t) {
        try {
            to.afterSpikesAt(t);
        } catch (EngramException reported) {
            throw reported;
        } catch (Exception e) {
            throw ListenerFailed.of(role, to, "the end of the spikes at " + TimeGrid.shownMs(t) + " ms (afterSpikesAt)",
                    e);
        }
    }

    /**
     * Whether the {@code k}-th merged spike, at {@code t}, is the last of the slice at that instant: in
     * precise mode, times a few ulps apart are one instant ({@link TimeGrid#atOrBefore}), as they are
     * for a neuron's inputs (two routes to one moment, 0.7 + 0.1 and 0.8, land an ulp apart).
     */
    private boolean lastAt(int k, double t) {
        return k + 1 == exchange.count
                || !TimeGrid.atOrBefore(exchange.timeMs[precise ? exchange.order[k + 1] : k + 1], t);
    }

    /** Refuses null and a population of another network, which a recorder would watch in vain. */
    private Population<?, ?> own(Population<?, ?> p) {
        requireOpen();
        if (p == null || p.index() >= runtimes.length || runtimes[p.index()].population != p) {
            throw new ParameterException("engine", "population", "a population of this engine's network",
                    p == null ? "null" : "'" + p.name() + "' of another network");
        }
        return p;
    }

    /**
     * {@return the simulated time in ms: the step count times dt, as a {@code double} (after runs of
     * 0.1 and 0.2 ms at dt = 0.1 ms it reads 0.30000000000000004; {@link #step()} is exact)}
     * It may be read from any thread, as may {@link #step()} and {@link #spikeCount()}: during a
     * run, another thread sees the last slice edge the run passed.
     */
    public double timeMs() {
        return grid.timeMs(step);
    }

    /** {@return the number of steps simulated, from any thread (see {@link #timeMs()})} */
    public int step() {
        return step;
    }

    /**
     * {@return the number of spikes emitted so far, from any thread (see {@link #timeMs()}); during
     * a run it counts the spikes of a slice as the slice's edge begins, before {@link #step()} moves
     * past it, and after a failed run those of the slice that failed}
     */
    public long spikeCount() {
        return spikeCount;
    }

    /**
     * The synaptic events (spike arrivals at synapses) delivered so far. A spike is counted when it
     * is delivered: spikes of a run's last slice wait for the next run, unless a listener is
     * attached (spikes are then delivered at once), so runs of one network may differ by those.
     * Unlike {@link #step()}, it is summed from the workers' counts: read it from the thread that
     * drives runs (listeners and observers run on it) or between runs.
     *
     * @return the count
     */
    public long synapticEvents() {
        return delivery.events();
    }

    /** {@return what the engine keeps of population {@code p} during runs} */
    PopulationRuntime runtime(Population<?, ?> p) {
        return runtimes[p.index()];
    }

    /**
     * The bytes a grid step's pass moves through the worker with the most: its neurons of every population,
     * whose state and input rows share the core's cache, which listed input relieves ({@link
     * EngineOptions#listedInputFromBytes()}).
     */
    private static double busiestStepBytes(PopulationRuntime[] runtimes, int workers) {
        double busiest = 0;
        for (int w = 0; w < workers; w++) {
            double bytes = 0;
            for (PopulationRuntime rt : runtimes) {
                bytes += rt.stepBytes(w);
            }
            busiest = Math.max(busiest, bytes);
        }
        return busiest;
    }

    /** Each population's {@link NeuronModel#stepCost()}, checked. */
    private static double[] stepCosts(List<Population<?, ?>> populations) {
        double[] costs = new double[populations.size()];
        for (int k = 0; k < costs.length; k++) {
            Population<?, ?> p = populations.get(k);
            double cost = p.model().stepCost();
            if (!(cost >= 1 && cost < Double.POSITIVE_INFINITY)) {
                // Results never depend on it, but a model breaking its contract here may break others.
                throw new ParameterException("model '" + p.model().name() + "' of population '" + p.name() + "'",
                        "stepCost()", "a finite cost >= 1 (LIF neuron-steps)", cost);
            }
            costs[k] = cost;
        }
        return costs;
    }

    /** {@return the slice length: the minimum delay in steps} */
    public int sliceSteps() {
        return sliceSteps;
    }

    /**
     * Whether slices are shared among the worker threads. With one thread, or when a slice holds
     * fewer neuron-steps than {@link EngineOptions#minParallelNeuronSteps()} (neurons times the
     * slice's steps, each weighted by its model's {@link NeuronModel#stepCost()}), every slice runs
     * on the calling thread, whatever the thread count.
     *
     * @return whether more than one thread advances the network
     */
    public boolean parallel() {
        return parallel;
    }

    /** {@return the network} */
    public Network network() {
        return network;
    }

    /** {@return the options} */
    public EngineOptions options() {
        return options;
    }

    /**
     * Stops the worker threads and releases the network; the engine cannot run afterwards.
     *
     * @throws IllegalStateException if a run is in progress (close after it returns)
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (running) {
                throw new IllegalStateException("the engine is running; close it after run returns");
            }
            if (closed) {
                return;
            }
            closed = true;
        }
        poolCleanup.clean();
        NetworkLedger.detach(network, this, whyNoOtherEngine(), step);
    }

    /** Why no later engine may continue the network from this one, or null when one may. */
    private String whyNoOtherEngine() {
        return failure != null ? "a run of an engine on this network failed mid-slice"
                : precise && step > 0 ? "a precise-mode engine ran this network, whose state holds times of "
                + "that engine's clock" : null;
    }
}
