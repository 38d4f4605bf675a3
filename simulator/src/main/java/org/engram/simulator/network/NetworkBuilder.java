package org.engram.simulator.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.math3.distribution.RealDistribution;
import org.engram.simulator.HeapLimitExceeded;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.input.ConstantCurrents;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.NoiseCurrent;
import org.engram.simulator.input.PoissonInput;
import org.engram.simulator.input.SinusoidalCurrent;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.NeuronState;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.connect.ConnectContext;
import org.engram.simulator.network.connect.Connectivity;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;

/**
 * Builds a {@link Network}: mutable while building, frozen by {@link #build()}.
 *
 * <pre>{@code
 * NetworkBuilder b = new NetworkBuilder(0.1).seed(42);
 * var exc = b.population("exc", 800, LifDelta.MODEL, LifDelta.MODEL.defaults());
 * b.connect("exc->exc", exc, exc, Rules.fixedProbability(0.1), Synapses.excitatory(0.5).delayMs(1.5));
 * b.poissonInput(exc, 8000, 0.5, Receptor.EXCITATORY);
 * Network net = b.build();
 * }</pre>
 * Populations and state are created at once (so initial values can be set); synapses are drawn
 * in {@link #build()}.
 *
 * <p>Every method refuses a bad argument (a taken name, a population of another builder, a rule
 * that does not fit, a weight or delay off its rule) with a {@link ParameterException} naming the
 * element, the value and the rule, and leaves the builder as it was, so a corrected call can
 * follow. After {@link #build()}, or a failed one, every method throws {@link IllegalStateException}.
 */
public final class NetworkBuilder {
    /** Populations and projections share one set of names. */
    private static final String NAME_RULE = "a name no other population or projection has";

    private final TimeGrid grid;
    private long seed = 1;
    private int neurons;
    private final List<Population<?, ?>> populations = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final List<PendingProjection> pending = new ArrayList<>();
    private final List<PoissonInput> poissonInputs = new ArrayList<>();
    private final List<CurrentSource> currentSources = new ArrayList<>();
    private final List<NoiseCurrent> noiseCurrents = new ArrayList<>();
    private final List<SinusoidalCurrent> sinusoidalCurrents = new ArrayList<>();
    private final List<PendingCurrents> constantCurrents = new ArrayList<>();
    private final List<PendingInitialiser> initialisers = new ArrayList<>();
    private boolean built;
    /** Why the build failed, or null: its populations are half initialised, so it cannot be retried. */
    private RuntimeException buildFailure;

    private record PendingProjection(String name, Population<?, ?> source, Population<?, ?> target,
                                     Connectivity rule, Synapses synapses) {
    }

    private record PendingInitialiser(Population<?, ?> population, String variable, RealDistribution draw) {
    }

    /** Constant currents given, or their neurons and the distribution their amplitudes are drawn from. */
    private record PendingCurrents(ConstantCurrents given, Population<?, ?> target, int[] neurons,
                                   RealDistribution draw) {
        /**
         * The currents, drawn if not given: the {@code k}-th chosen neuron {@code i} from the stream
         * {@code (seed, CONSTANT_CURRENTS, index << 32 | i)}, so each amplitude depends only on the
         * seed, the input's place among the constant currents and the neuron.
         */
        ConstantCurrents resolve(int index, long seed) {
            if (given != null) {
                return given;
            }
            double[] amplitudes = new double[ConstantCurrents.amplitudeCount(target, neurons)];
            for (int k = 0; k < amplitudes.length; k++) {
                int neuron = neurons == null ? k : neurons[k];
                draw.reseedRandomGenerator(RandomStreams.streamState(seed, Purpose.CONSTANT_CURRENTS,
                        ((long) index << 32) | neuron));
                amplitudes[k] = draw.sample();
            }
            return new ConstantCurrents(target, neurons, amplitudes);
        }
    }

    /**
     * Starts a network on a time grid.
     *
     * @param dtMs the time step in ms, {@code > 0}
     */
    public NetworkBuilder(double dtMs) {
        this.grid = new TimeGrid(dtMs);
    }

    /**
     * Sets the seed from which every random stream of the network (connectivity, weights, delays,
     * initial values, spike sources) is derived; a builder whose seed is not set uses 1.
     *
     * @param seed the seed
     * @return this builder
     * @throws IllegalStateException after {@link #build()}, which drew every stream with the seed before
     */
    public NetworkBuilder seed(long seed) {
        checkOpen();
        this.seed = seed;
        return this;
    }

    /**
     * Adds a population.
     *
     * @param name   a name no other population or projection has
     * @param size   number of neurons, {@code >= 1}
     * @param model  the neuron model
     * @param params its parameters
     * @param <P>    parameter record type
     * @param <S>    state type
     * @return the population, whose state may be changed before the run
     * @throws ParameterException    if the name is empty or taken, the size below 1, the model null, the
     *                               parameters null or not the model's record type, or the state past
     *                               the heap ({@link org.engram.simulator.HeapLimitExceeded})
     * @throws IllegalStateException after {@link #build()}
     */
    public <P extends Record, S extends NeuronState> Population<P, S> population(String name, int size,
                                                                                 NeuronModel<P, S> model, P params) {
        checkOpen();
        requireFreeName("populations", name);
        requireSize(name, size);
        if (model == null) {
            throw new ParameterException("population '" + name + "'", "model", "a neuron model (e.g. LifDelta.MODEL, "
                    + "or NeuronModels.byName(name))", null);
        }
        if (size > Integer.MAX_VALUE - neurons) {
            throw new ParameterException("population '" + name + "'", "size", "at most " + (Integer.MAX_VALUE - neurons)
                    + " more neurons (a network holds at most " + Integer.MAX_VALUE + " in all)", size);
        }
        int end = neurons + size;
        Population<P, S> p;
        try {
            p = new Population<>(populations.size(), name, neurons, size, model, params);
        } catch (OutOfMemoryError e) {
            // The state's arrays, allocated here, are all this call holds: nothing is left half made.
            throw new HeapLimitExceeded("population '" + name + "'", "size", String.format(Locale.ROOT,
                    "a population whose state fits the Java heap (at most %.0f MB)", Runtime.getRuntime().maxMemory()
                            / 1e6), size, "choose a smaller population, or " + HeapLimitExceeded.MORE_HEAP);
        }
        for (Population<?, ?> other : populations) {
            if (other.state() == p.state()) {
                // newState is a model's own code: two populations on one state would advance the same arrays twice.
                throw new ParameterException("model '" + model.name() + "'", "newState", "a new state for each "
                        + "population", "the state of population '" + other.name() + "' again for '" + name + "'");
            }
        }
        // Only a population that was made takes its name: a corrected second call must find it free.
        names.add(name);
        neurons = end;
        populations.add(p);
        return p;
    }

    /**
     * Checks a population's size as {@link #population} does, so that a config can report a bad
     * size together with its other problems.
     *
     * @param name the population's name, for the message
     * @param size number of neurons
     * @throws ParameterException if the size is below 1
     */
    public static void requireSize(String name, int size) {
        if (size < 1) {
            throw ParameterException.outOfRange("population '" + name + "'", "size", "an integer >= 1", size);
        }
    }

    /**
     * Adds a projection; its synapses are drawn in {@link #build()}.
     *
     * @param name     a name no other population or projection has
     * @param source   the presynaptic population
     * @param target   the postsynaptic population
     * @param rule     which synapses exist
     * @param synapses weights, delays, receptor
     * @return this builder
     * @throws ParameterException    if the name is taken, a population is not this builder's, or
     *                               {@link #requireDrawable} refuses the rule, weights or delays
     * @throws IllegalStateException after {@link #build()}
     */
    public NetworkBuilder connect(String name, Population<?, ?> source, Population<?, ?> target,
                                  Connectivity rule, Synapses synapses) {
        checkOpen();
        requireFreeName("projections", name);
        requireInputTaken("projection '" + name + "'", owned(target));
        Population<?, ?> from = owned(source);
        // Refused here, a null rule or synapses too: drawn at build(), a bad one would fail there and leave the
        // builder spent.
        requireDrawable(name, from.size(), target.size(), from == target, rule, synapses, grid);
        PendingProjection projection = new PendingProjection(name, from, target, rule, synapses);
        names.add(name);
        pending.add(projection);
        return this;
    }

    private static void requireRuleAndSynapses(String name, Connectivity rule, Synapses synapses) {
        if (rule == null) {
            throw new ParameterException("projection '" + name + "'", "rule", "a connectivity rule (e.g. "
                    + "Rules.fixedProbability(0.1))", null);
        }
        if (synapses == null) {
            throw new ParameterException("projection '" + name + "'", "synapses", "weights and delays (e.g. "
                    + "Synapses.excitatory(0.1).delayMs(1.5))", null);
        }
    }

    /**
     * Checks what {@link #build()} would find wrong with a projection before drawing it: the
     * rule's fit to the populations, the constant weight's sign and the constant delay on the
     * grid where the rule does not give its own, the weights and delays a rule gives (generated
     * once more for the check: an explicit list's, a matrix's), a weight distribution that cannot give the
     * receptor's sign, a weight or delay distribution beside a rule that gives its own values (which
     * would leave it unused), and a count of synapses (where the rule knows it before drawing) past one
     * array or the heap. {@link #connect} calls it, so that a mistake leaves the builder usable (found
     * at build, it spent it); a config calls it to report a projection's problems together with
     * those of populations it could not build.
     *
     * @param name           the projection's name, for messages
     * @param sourceSize     neurons of the source population
     * @param targetSize     neurons of the target population
     * @param samePopulation whether source and target are one population (autapses)
     * @param rule           the connectivity rule
     * @param synapses       weights, delays, receptor
     * @param grid           the time grid delays must be whole steps of, or {@code null} to leave the
     *                       delay unchecked (a config whose step has a problem of its own)
     * @throws ParameterException naming the projection and the value, as {@link #build()} would
     */
    public static void requireDrawable(String name, int sourceSize, int targetSize, boolean samePopulation,
                                       Connectivity rule, Synapses synapses, TimeGrid grid) {
        requireRuleAndSynapses(name, rule, synapses);
        String owner = "projection '" + name + "'";
        // The rules' checks and counts read sizes and switches alone: the index and seed of the context are not used.
        ConnectContext context = new ConnectContext(name, 0, sourceSize, targetSize, samePopulation, 0);
        rule.requireFits(context);
        requireSynapsesFit(rule, context, 0);
        // A distribution beside a rule that gives its own values would be dropped without a word.
        if (synapses.weightDraw() != null && rule.givesWeights()) {
            throw new ParameterException(owner, "weights", "no weight distribution, as " + rule.describe()
                    + " gives every synapse its weight", "a weight distribution");
        }
        if (synapses.delayDraw() != null && rule.givesDelays()) {
            throw new ParameterException(owner, "delays", "no delay distribution, as " + rule.describe()
                    + " gives every synapse its delay", "a delay distribution");
        }
        if (synapses.weightDraw() != null) {
            ProjectionAssembler.requireRightSignPossible(owner, synapses.receptor(), synapses.weightDraw());
        } else if (!rule.givesWeights()) {
            synapses.requireWeight(owner);
        }
        if (grid != null && synapses.delayDraw() == null && !rule.givesDelays()) {
            synapses.delaySteps(grid, owner);
        }
        if (grid != null && synapses.delayDraw() != null) {
            ProjectionAssembler.requireDelayPossible(owner, grid, synapses.delayDraw());
        }
        if (rule.givesWeights() || rule.givesDelays()) {
            ProjectionAssembler.requireGivenValuesFit(owner, rule, context, synapses.receptor(), grid);
        }
    }

    /**
     * Adds independent Poisson drive to every neuron of a population.
     *
     * @param target   the population
     * @param rateHz   rate of each neuron's train in Hz
     * @param weight   weight of each event, in the target model's weight unit (mV, pA or nS)
     * @param receptor the receptor
     * @return this builder
     * @throws ParameterException    if the population is not this builder's or takes no input, or a
     *                               value is out of its range
     * @throws IllegalStateException after {@link #build()}
     */
    public NetworkBuilder poissonInput(Population<?, ?> target, double rateHz, double weight, Receptor receptor) {
        checkOpen();
        requireInputTaken("poisson input", owned(target));
        return poissonInput(new PoissonInput(target, rateHz, weight, receptor));
    }

    /**
     * Adds independent Poisson drive to every neuron of a population or to chosen ones, at a rate
     * that may change over time ({@code new PoissonInput(exc, new double[] {0, 500}, new double[] {2000,
     * 8000}, 0.1, Receptor.EXCITATORY)}: 2 kHz per neuron, 8 kHz from 500 ms on; {@code new
     * PoissonInput(exc, new int[] {0, 1, 2}, 8000, 0.1, Receptor.EXCITATORY)}: neurons 0 to 2 alone).
     *
     * @param input the input; its change times must be whole time steps
     * @return this builder
     * @throws ParameterException    if the input is null, its population not this builder's or
     *                               taking no input, or a change time off the grid
     * @throws IllegalStateException after {@link #build()}
     */
    public NetworkBuilder poissonInput(PoissonInput input) {
        checkOpen();
        ParameterException.requireNonNull("network", "poisson input", input, "a poisson input (e.g. new "
                + "PoissonInput(population, 8000, 0.1, Receptor.EXCITATORY))");
        requireInputTaken("poisson input", owned(input.target()));
        input.changeSteps(grid);
        poissonInputs.add(input);
        return this;
    }

    /**
     * Adds a current source.
     *
     * @param source the source; its change times must be whole time steps
     * @return this builder
     * @throws ParameterException    if the source is null, its population not this builder's or
     *                               taking no input, or a change time off the grid
     * @throws IllegalStateException after {@link #build()}
     */
    public NetworkBuilder current(CurrentSource source) {
        checkOpen();
        ParameterException.requireNonNull("network", "current source", source, "a current source (e.g. "
                + "CurrentSource.constant(population, neurons, 200))");
        requireInputTaken("current source", owned(source.target()));
        source.changeSteps(grid);
        currentSources.add(source);
        return this;
    }

    /**
     * Adds a Gaussian white-noise current.
     *
     * @param noise the current
     * @return this builder
     * @throws ParameterException    if the current is null, or its population not this builder's or
     *                               taking no input
     * @throws IllegalStateException after {@link #build()}
     */
    public NetworkBuilder noise(NoiseCurrent noise) {
        checkOpen();
        ParameterException.requireNonNull("network", "noise current", noise, "a noise current (e.g. new "
                + "NoiseCurrent(population, null, 0, 50))");
        requireInputTaken("noise current", owned(noise.target()));
        noiseCurrents.add(noise);
        return this;
    }

    /**
     * Adds a sinusoidal current.
     *
     * @param current the current
     * @return this builder
     * @throws ParameterException    if the current is null, or its population not this builder's or
     *                               taking no input
     * @throws IllegalStateException after {@link #build()}
     */
    public NetworkBuilder sinusoid(SinusoidalCurrent current) {
        checkOpen();
        ParameterException.requireNonNull("network", "sinusoidal current", current, "a sinusoidal current (e.g. new "
                + "SinusoidalCurrent(population, null, 100, 10, 0, 0))");
        requireInputTaken("sinusoidal current", owned(current.target()));
        sinusoidalCurrents.add(current);
        return this;
    }

    /**
     * Adds constant currents, each neuron its own amplitude.
     *
     * @param currents the currents
     * @return this builder
     * @throws ParameterException    if the currents are null, or their population not this builder's
     *                               or taking no input
     * @throws IllegalStateException after {@link #build()}
     */
    public NetworkBuilder constantCurrents(ConstantCurrents currents) {
        checkOpen();
        ParameterException.requireNonNull("network", "constant currents", currents, "constant currents (e.g. new "
                + "ConstantCurrents(population, null, amplitudesPa))");
        requireInputTaken("constant currents", owned(currents.target()));
        constantCurrents.add(new PendingCurrents(currents, null, null, null));
        return this;
    }

    /**
     * Adds constant currents whose amplitudes {@link #build()} draws from a distribution, one per
     * neuron, each from a random stream of its own (the seed, the input's place among this builder's
     * constant currents, the neuron), so they do not depend on the order of the draws or on threads.
     *
     * @param target  the population
     * @param neurons population-local neurons that receive a current, or {@code null} for all
     * @param draw    the distribution of the amplitudes (pA), e.g. {@code new NormalDistribution(300, 50)}
     * @return this builder
     * @throws ParameterException    if the population is not this builder's or takes no input, a
     *                               neuron index is outside it or listed twice, or the distribution null
     * @throws IllegalStateException after {@link #build()}
     */
    public NetworkBuilder constantCurrents(Population<?, ?> target, int[] neurons, RealDistribution draw) {
        checkOpen();
        requireInputTaken("constant currents", owned(target));
        ParameterException.requireNonNull("constant currents into '" + target.name() + "'", "amplitudes",
                draw, "a distribution to draw them from");
        ConstantCurrents.amplitudeCount(target, neurons);   // as the currents given are checked when made
        constantCurrents.add(new PendingCurrents(null, target, neurons == null ? null : neurons.clone(), draw));
        return this;
    }

    /** Refuses input into a population of spike sources, which would drop it. */
    private static void requireInputTaken(String input, Population<?, ?> target) {
        if (!target.model().takesInput()) {
            throw new ParameterException(input, "target", "a population whose model takes input ("
                    + target.model().name() + " only emits the spikes it is given or draws)",
                    "'" + target.name() + "'");
        }
    }

    /**
     * Draws the initial value of a state variable for every neuron of a population, each neuron
     * and variable from its own stream: the initial values of two variables of a neuron are
     * independent.
     *
     * @param population the population
     * @param variable   a recordable variable, e.g. {@code "v"}
     * @param draw       the distribution (reseeded per neuron)
     * @return this builder
     * @throws ParameterException    if the population is not this builder's, the variable not one
     *                               of its model's, or the distribution null
     * @throws IllegalStateException after {@link #build()}
     */
    public NetworkBuilder initialise(Population<?, ?> population, String variable, RealDistribution draw) {
        checkOpen();
        owned(population).values(variable);
        if (draw == null) {
            // Found at build(), it would spend the builder.
            throw new ParameterException("population '" + population.name() + "'", "initialise " + variable,
                    "a distribution to draw from", "null");
        }
        initialisers.add(new PendingInitialiser(population, variable, draw));
        return this;
    }

    /** {@return the time grid} */
    public TimeGrid grid() {
        return grid;
    }

    /**
     * Draws all synapses and initial values and freezes the network. A builder builds once.
     *
     * @return the network
     * @throws ParameterException    if a drawn value breaks its rule (a drawn weight of the wrong
     *                               sign, a drawn delay past the longest, an initial value not
     *                               finite), or a projection's synapses do not fit the heap beside
     *                               those drawn before it ({@link HeapLimitExceeded}; the input
     *                               buffers are checked when an engine is made); the builder is then
     *                               spent, as its populations are half initialised: build again with
     *                               a new builder
     * @throws IllegalStateException if the builder has built, or failed to build, before
     */
    public Network build() {
        checkOpen();
        built = true;
        try {
            return drawNetwork();
        } catch (RuntimeException e) {
            buildFailure = e;
            throw e;
        }
    }

    /**
     * Refuses, without drawing a synapse, a network whose projections cannot all be held: each is
     * checked as {@link #build} checks it, beside the ones before it at the least they take once
     * drawn (a target index per synapse, {@link Projection#bytesPerTarget}). A caller that builds
     * later (a run that checks its network before it starts) finds a network past the heap before it
     * writes anything; one projection alone is checked when it is added.
     *
     * @throws HeapLimitExceeded naming the first projection that would not fit beside those before it
     */
    public void requireFitsWhenBuilt() {
        checkOpen();
        long held = 0;
        for (int index = 0; index < pending.size(); index++) {
            PendingProjection p = pending.get(index);
            ConnectContext context = new ConnectContext(p.name(), index, p.source().size(), p.target().size(),
                    p.source() == p.target(), seed);
            long expected = requireSynapsesFit(p.rule(), context, held);
            held += Math.max(0, expected) * (long) Projection.bytesPerTarget(p.target().size());
        }
    }

    private Network drawNetwork() {
        for (Population<?, ?> p : populations) {
            p.state().seedStreams(seed, p.firstNeuron());
        }
        for (PendingInitialiser init : initialisers) {
            NeuronState state = init.population().state();
            double[] values = state.values(init.variable());
            // One stream per (variable, neuron): two variables of a neuron draw independently,
            // and the first variable (v) keeps the plain neuron index.
            long variable = state.variableNames().indexOf(init.variable());
            long first = (variable << 32) + init.population().firstNeuron();
            for (int i = 0; i < values.length; i++) {
                init.draw().reseedRandomGenerator(RandomStreams.streamState(seed, Purpose.INITIAL_STATE, first + i));
                values[i] = init.draw().sample();
                if (!Double.isFinite(values[i])) {
                    // Refused here rather than at the first run, whose message could not name the draw.
                    throw new ParameterException("population '" + init.population().name() + "'", "initialise "
                            + init.variable(), "a distribution that draws finite values", values[i] + " drawn for"
                            + " neuron " + i);
                }
            }
        }
        List<Projection> projections = new ArrayList<>();
        long held = 0;   // the synapses of the projections drawn so far, which stay while the next is drawn
        for (PendingProjection p : pending) {
            int index = projections.size();
            ConnectContext context = new ConnectContext(p.name(), index, p.source().size(), p.target().size(),
                    p.source() == p.target(), seed);
            // Checked alone when the projection was added; now beside those drawn before it.
            long expected = requireSynapsesFit(p.rule(), context, held);
            try {
                ProjectionAssembler assembler = new ProjectionAssembler(p.name(), p.rule(), p.source().size(),
                        p.target().size(), expected);
                p.rule().generate(context, assembler);
                Projection drawn = assembler.assemble(index, p.name(), p.source(), p.target(), p.synapses(), grid,
                        seed);
                projections.add(drawn);
                held += drawn.bytes();
            } catch (OutOfMemoryError e) {
                // The failed projection's arrays are garbage now: what is left in use is what it did not fit beside.
                System.gc();
                Runtime heap = Runtime.getRuntime();
                throw pastTheHeap(p.rule(), context, expected, String.format(Locale.ROOT, "%.0f MB of it in use"
                        + " beside them", (heap.totalMemory() - heap.freeMemory()) / 1e6));
            }
        }
        List<ConstantCurrents> constants = new ArrayList<>();
        for (int index = 0; index < constantCurrents.size(); index++) {
            constants.add(constantCurrents.get(index).resolve(index, seed));
        }
        return new Network(grid, seed, populations, projections, poissonInputs, currentSources, constants,
                noiseCurrents, sinusoidalCurrents);
    }

    /**
     * Refuses a projection whose synapses the rule can count before drawing them and that would not
     * fit one array, or the heap while they are drawn and sorted beside what the network holds.
     *
     * @param held bytes of the network's synapses drawn before this projection's
     * @return the rule's count of synapses, -1 if it cannot tell
     */
    static long requireSynapsesFit(Connectivity rule, ConnectContext context, long held) {
        long expected = rule.expectedSynapses(context);
        if (expected > ProjectionAssembler.MAX_SYNAPSES) {
            throw new ParameterException("projection '" + context.projectionName() + "'", "rule", "at most "
                    + ProjectionAssembler.MAX_SYNAPSES + " synapses in one projection (the longest array)",
                    expected + " from " + rule.describe() + " on " + context.sourceSize() + " x "
                            + context.targetSize() + " neurons",
                    "choose smaller populations or a sparser rule, or split the projection");
        }
        double peak = held + expected * (double) ProjectionAssembler.PEAK_BYTES_PER_SYNAPSE;
        if (peak > Runtime.getRuntime().maxMemory()) {
            boolean fitsAlone = expected * (double) ProjectionAssembler.PEAK_BYTES_PER_SYNAPSE
                    <= Runtime.getRuntime().maxMemory();
            throw pastTheHeap(rule, context, expected, held > 0 && fitsAlone ? String.format(Locale.ROOT,
                    "%.0f MB of it held by the projections drawn before", held / 1e6) : null);
        }
        return expected;
    }

    /**
     * The refusal of a projection the heap cannot hold while it is drawn. {@code besideWhat} says how
     * much of the heap was taken when the projection would fit the heap alone, but not beside what it
     * holds already (the network built so far, and whatever else the program keeps); null when it
     * would not fit alone either.
     */
    private static ParameterException pastTheHeap(Connectivity rule, ConnectContext context, long expected,
                                                  String besideWhat) {
        return new HeapLimitExceeded("projection '" + context.projectionName() + "'", "rule", String.format(Locale.ROOT,
                "synapses that fit the Java heap (%.0f MB in all%s) while they are drawn and sorted, about %d bytes"
                        + " each", Runtime.getRuntime().maxMemory() / 1e6, besideWhat != null ? ", " + besideWhat
                        : "", ProjectionAssembler.PEAK_BYTES_PER_SYNAPSE),
                (expected < 0 ? "the synapses" : String.format(Locale.ROOT, "%d synapses (%.0f MB)", expected,
                        expected * (double) ProjectionAssembler.PEAK_BYTES_PER_SYNAPSE / 1e6))
                        + String.format(Locale.ROOT, " from %s on %d x %d neurons", rule.describe(),
                                context.sourceSize(), context.targetSize()),
                "choose smaller populations or a sparser rule, or " + HeapLimitExceeded.MORE_HEAP);
    }

    private void requireFreeName(String kind, String name) {
        // A name labels results (files, summaries) and is how a population is looked up: none is no name.
        if (name == null || name.isBlank()) {
            throw new ParameterException("network", kind, "a name that is not empty",
                    name == null ? "null" : "'" + name + "'");
        }
        if (names.contains(name)) {
            throw new ParameterException("network", kind, NAME_RULE, name);
        }
    }

    private Population<?, ?> owned(Population<?, ?> p) {
        if (p == null) {
            throw new ParameterException("network", "population", "a population of this builder", "null");
        }
        if (p.index() >= populations.size() || populations.get(p.index()) != p) {
            throw new ParameterException("network", "population", "a population of this builder",
                    "'" + p.name() + "' of another builder");
        }
        return p;
    }

    private void checkOpen() {
        if (buildFailure != null) {
            throw new IllegalStateException("this builder's build failed (" + buildFailure.getMessage()
                    + ") and left its populations half initialised; make a new builder with the change (the same "
                    + "seed builds the same network)");
        }
        if (built) {
            throw new IllegalStateException("this builder has already built its network");
        }
    }
}
