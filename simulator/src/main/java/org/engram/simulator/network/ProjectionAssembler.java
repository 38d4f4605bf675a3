package org.engram.simulator.network;

import java.util.Arrays;
import org.apache.commons.math3.distribution.RealDistribution;
import org.engram.simulator.DistributionRefused;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.connect.ConnectContext;
import org.engram.simulator.network.connect.Connectivity;
import org.engram.simulator.network.connect.SynapseSink;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;

/**
 * Collects the synapses a rule reports and turns them into a {@link Projection}: rows by source,
 * targets ascending within a row, weights and delays drawn per row from the row's own streams.
 */
final class ProjectionAssembler implements SynapseSink {
    private final String owner;
    /** The rule whose synapses these are, which names where a bad one came from. */
    private final Connectivity rule;
    private final int sourceSize;
    private final int targetSize;
    private int count;
    /** The most synapses of one projection: the longest array. */
    static final int MAX_SYNAPSES = Integer.MAX_VALUE - 8;
    /**
     * The most bytes per synapse that drawing and sorting a projection holds at once: its sources
     * and targets as drawn (4 + 4) beside the sort keys (8), then the keys beside the sorted targets
     * (2, or 4 into a population past 16-bit indices) and their origins (4). The drawn arrays are
     * sized for the synapses a rule expects, so none of them is larger than needed. Not counted: an
     * explicit list's own weights and delays (8 + 8 more), and the room a rule that cannot count its
     * synapses ahead leaves as its arrays grow by half when full (up to 8 more while they grow).
     */
    static final int PEAK_BYTES_PER_SYNAPSE = 16;
    /** Room for the synapses of a rule that cannot count them ahead, until it needs more. */
    private static final int UNKNOWN_COUNT_CAPACITY = 1024;

    private int[] sources;
    private int[] targets;
    private double[] explicitWeights;
    private double[] explicitDelaysMs;
    private boolean anyExplicitWeight;
    private boolean anyExplicitDelay;

    /**
     * @param expected the synapses the rule expects ({@link Connectivity#expectedSynapses}), or -1
     *                 if it cannot tell
     */
    ProjectionAssembler(String projectionName, Connectivity rule, int sourceSize, int targetSize, long expected) {
        this.owner = "projection '" + projectionName + "'";
        this.rule = rule;
        this.sourceSize = sourceSize;
        this.targetSize = targetSize;
        int capacity = (int) Math.min(MAX_SYNAPSES, expected < 0 ? UNKNOWN_COUNT_CAPACITY : withDrawMargin(expected));
        sources = new int[capacity];
        targets = new int[capacity];
    }

    /**
     * Room for an expected count and six of its standard deviations when the count is random
     * (binomial, whose deviation is at most the square root of its mean), so that a drawn
     * projection rarely needs its arrays copied; an exact count wastes a fraction of a percent.
     */
    private static long withDrawMargin(long expected) {
        return expected + 6 * (long) Math.ceil(Math.sqrt(expected)) + 16;
    }

    @Override
    public void add(int source, int target) {
        checkIndices(source, target);
        ensureCapacity();
        sources[count] = source;
        targets[count] = target;
        if (explicitWeights != null) {
            explicitWeights[count] = Double.NaN;
            explicitDelaysMs[count] = Double.NaN;
        }
        count++;
    }

    @Override
    public void add(int source, int target, double weight, double delayMs) {
        checkIndices(source, target);
        ensureCapacity();
        if (explicitWeights == null) {
            explicitWeights = new double[sources.length];
            explicitDelaysMs = new double[sources.length];
            Arrays.fill(explicitWeights, 0, count, Double.NaN);
            Arrays.fill(explicitDelaysMs, 0, count, Double.NaN);
        }
        sources[count] = source;
        targets[count] = target;
        explicitWeights[count] = weight;
        explicitDelaysMs[count] = delayMs;
        anyExplicitWeight |= !Double.isNaN(weight);
        anyExplicitDelay |= !Double.isNaN(delayMs);
        count++;
    }

    private void checkIndices(int source, int target) {
        if (source < 0 || source >= sourceSize) {
            throw atSynapse(new ParameterException(owner, "source", "an index in [0, " + sourceSize + ")", source),
                    count);
        }
        if (target < 0 || target >= targetSize) {
            throw atSynapse(new ParameterException(owner, "target", "an index in [0, " + targetSize + ")", target),
                    count);
        }
    }

    private void ensureCapacity() {
        if (count == sources.length) {
            int n = (int) Math.min(MAX_SYNAPSES, sources.length + sources.length / 2L + 16);
            if (n == count) {
                throw new ParameterException(owner, "synapses", "at most " + MAX_SYNAPSES + " synapses", "more");
            }
            sources = Arrays.copyOf(sources, n);
            targets = Arrays.copyOf(targets, n);
            if (explicitWeights != null) {
                explicitWeights = Arrays.copyOf(explicitWeights, n);
                explicitDelaysMs = Arrays.copyOf(explicitDelaysMs, n);
            }
        }
    }

    /** Sorts the synapses into rows and draws weights and delays. */
    Projection assemble(int index, String name, Population<?, ?> source, Population<?, ?> target,
                        Synapses spec, TimeGrid grid, long seed) {
        int[] rowStart = new int[sourceSize + 1];
        for (int k = 0; k < count; k++) {
            rowStart[sources[k] + 1]++;
        }
        for (int s = 0; s < sourceSize; s++) {
            rowStart[s + 1] += rowStart[s];
        }
        // Order: by source (counting sort), then by target; a packed (target, original position)
        // key sorts each row and remembers where each synapse came from.
        long[] keys = new long[count];
        int[] fill = Arrays.copyOf(rowStart, sourceSize);
        for (int k = 0; k < count; k++) {
            keys[fill[sources[k]]++] = ((long) targets[k] << 32) | k;
        }
        // The keys hold all there is to know of the drawn pairs: their arrays go before the sorted ones come.
        sources = null;
        targets = null;
        boolean narrow = Projection.narrowTargetsFor(targetSize);
        char[] narrowTargets = narrow ? new char[count] : null;
        int[] wideTargets = narrow ? null : new int[count];
        int[] origin = new int[count];
        for (int s = 0; s < sourceSize; s++) {
            Arrays.sort(keys, rowStart[s], rowStart[s + 1]);
        }
        for (int k = 0; k < count; k++) {
            int t = (int) (keys[k] >>> 32);
            if (narrow) {
                narrowTargets[k] = (char) t;
            } else {
                wideTargets[k] = t;
            }
            origin[k] = (int) keys[k];
        }
        keys = null;

        // Per-synapse arrays are kept only when their values differ (or weights are plastic), so a
        // projection whose given or drawn values all agree costs as little as a constant one.
        float[] weights = drawWeights(index, spec, rowStart, origin, seed);
        float uniformWeight = (float) spec.weight();
        if (weights == null) {
            // Every synapse takes the constant weight: unused only where a rule that gives weights made none.
            if (count > 0 || !rule.givesWeights()) {
                checkWeight(owner, spec.receptor(), spec.weight());
            }
        } else if (!spec.plastic() && allEqual(weights)) {
            uniformWeight = count == 0 ? uniformWeight : weights[0];
            weights = null;
        }
        if (weights == null && spec.plastic()) {
            weights = new float[count];
            Arrays.fill(weights, uniformWeight);
        }
        boolean perSynapseDelays = spec.delayDraw() != null || anyExplicitDelay;
        // Likewise the constant delay: an empty list's is not checked, one that leaves every delay NaN is used.
        boolean constantDelay = !perSynapseDelays && (count > 0 || !rule.givesDelays());
        int uniformDelay = constantDelay ? constantDelaySteps(owner, grid, spec.delayMs()) : 1;
        short[] delays = perSynapseDelays ? drawDelays(index, spec, rowStart, origin, grid, seed) : null;
        if (delays != null && allEqual(delays)) {
            uniformDelay = count == 0 ? uniformDelay : delays[0];
            delays = null;
        } else if (delays != null) {
            uniformDelay = minOf(delays);
        }
        return new Projection(index, name, source, target, spec.receptor(), rowStart, narrowTargets, wideTargets,
                weights, uniformWeight, delays, uniformDelay, spec.plastic(), spec.shortTerm(), grid);
    }

    private float[] drawWeights(int index, Synapses spec, int[] rowStart, int[] origin, long seed) {
        RealDistribution draw = spec.weightDraw();
        if (draw != null) {
            requireRightSignPossible(owner, spec.receptor(), draw);
        }
        if (draw == null && !anyExplicitWeight) {
            return null;
        }
        float[] weights = new float[count];
        for (int s = 0; s < sourceSize; s++) {
            if (draw != null && rowStart[s + 1] > rowStart[s]) {
                draw.reseedRandomGenerator(RandomStreams.streamState(seed, Purpose.WEIGHTS, ((long) index << 32) | s));
            }
            for (int k = rowStart[s]; k < rowStart[s + 1]; k++) {
                double explicit = explicitWeights == null ? Double.NaN : explicitWeights[origin[k]];
                double w = !Double.isNaN(explicit) ? explicit : draw != null ? draw.sample() : spec.weight();
                try {
                    checkWeight(owner, spec.receptor(), w);
                } catch (ParameterException e) {
                    throw Double.isNaN(explicit) ? e : atSynapse(e, origin[k]);
                }
                weights[k] = (float) w;
            }
        }
        return weights;
    }

    private short[] drawDelays(int index, Synapses spec, int[] rowStart, int[] origin, TimeGrid grid, long seed) {
        RealDistribution draw = spec.delayDraw();
        short[] delays = new short[count];
        int constant = 0;
        for (int s = 0; s < sourceSize; s++) {
            if (draw != null && rowStart[s + 1] > rowStart[s]) {
                draw.reseedRandomGenerator(RandomStreams.streamState(seed, Purpose.DELAYS, ((long) index << 32) | s));
            }
            for (int k = rowStart[s]; k < rowStart[s + 1]; k++) {
                double explicit = explicitDelaysMs == null ? Double.NaN : explicitDelaysMs[origin[k]];
                int steps;
                if (!Double.isNaN(explicit)) {
                    try {
                        steps = constantDelaySteps(owner, grid, explicit);
                    } catch (ParameterException e) {
                        throw atSynapse(e, origin[k]);
                    }
                } else if (draw != null) {
                    double ms = draw.sample();
                    steps = positiveSteps(owner, Double.isFinite(ms) ? grid.nearestSteps(ms) : 0, ms);
                } else {
                    if (constant == 0) {
                        constant = constantDelaySteps(owner, grid, spec.delayMs());
                    }
                    steps = constant;
                }
                delays[k] = (short) steps;
            }
        }
        return delays;
    }

    /**
     * A delay given in ms (a projection's constant one, or one the rule gives a synapse) in steps.
     *
     * @param owner who owns the delay, for the message
     * @param grid  the time grid
     * @param ms    the delay in ms
     * @return the delay in steps
     * @throws ParameterException unless it is a whole number of 1 to {@code Short.MAX_VALUE} steps
     */
    static int constantDelaySteps(String owner, TimeGrid grid, double ms) {
        if (!(ms > 0)) {
            // The delay's own rule, not the grid's "a duration >= 0", which 0 would then fail again.
            throw delayOutOfRange(owner, ms);
        }
        if (ms / grid.dtMs() > Short.MAX_VALUE + 0.5) {
            // The delay's own limit before the grid's whole steps, whose message would give the int range's.
            throw delayOutOfRange(owner, ms);
        }
        return positiveSteps(owner, grid.wholeSteps(owner, "delay", ms), ms);
    }

    private static int positiveSteps(String owner, int steps, double ms) {
        if (steps < 1 || steps > Short.MAX_VALUE) {
            throw delayOutOfRange(owner, ms);
        }
        return steps;
    }

    private static ParameterException delayOutOfRange(String owner, double ms) {
        return new ParameterException(owner, "delay", "a delay of 1 to " + Short.MAX_VALUE
                + " time steps (at least dt)", ms + " ms");
    }

    /**
     * Checks the weights and delays a rule gives its synapses (an explicit list's, a matrix's) as
     * assembling them would, storing nothing, so that {@link NetworkBuilder#connect} refuses a bad
     * one while the builder is still usable (found at build, it spent the builder).
     *
     * @param owner    the projection, for messages
     * @param rule     a rule that gives weights or delays
     * @param context  the projection's sizes
     * @param receptor the receptor, whose sign the weights must have
     * @param grid     the grid the delays must be whole steps of, or null to leave them unchecked
     * @throws ParameterException naming the first bad value and its synapse
     */
    static void requireGivenValuesFit(String owner, Connectivity rule, ConnectContext context, Receptor receptor,
                                      TimeGrid grid) {
        rule.generate(context, new SynapseSink() {
            private int position;

            @Override
            public void add(int source, int target) {
                position++;
            }

            @Override
            public void add(int source, int target, double weight, double delayMs) {
                try {
                    if (!Double.isNaN(weight)) {
                        checkWeight(owner, receptor, weight);
                    }
                    if (!Double.isNaN(delayMs) && grid != null) {
                        constantDelaySteps(owner, grid, delayMs);
                    }
                } catch (ParameterException e) {
                    throw atSynapse(rule, e, position);
                }
                position++;
            }
        });
    }

    private ParameterException atSynapse(ParameterException e, int position) {
        return atSynapse(rule, e, position);
    }

    /**
     * Names the synapse of a bad value the rule gave one by one (an explicit list's index, a
     * matrix entry), which the value alone would not find in a long list; built only on failure.
     */
    private static ParameterException atSynapse(Connectivity rule, ParameterException e, int position) {
        return e.atEntry(rule.synapseOrigin(position));
    }

    /**
     * Checks a weight before it is narrowed to the {@code float} it is stored as.
     *
     * @param owner    who owns the weight, for the message
     * @param receptor the receptor, whose sign the weight must have
     * @param w        the weight
     * @throws ParameterException unless the weight is finite, fits a float (0, or a magnitude a float does not
     *                            round to 0) and has the receptor's sign
     */
    static void checkWeight(String owner, Receptor receptor, double w) {
        if (!(Math.abs(w) <= Float.MAX_VALUE)) {
            throw new ParameterException(owner, "weight", "a finite weight of magnitude <= " + Float.MAX_VALUE
                    + " (weights are stored as float)", w);
        }
        if (!receptor.accepts(w)) {
            throw new ParameterException(owner, "weight", receptor.weightRule(), w);
        }
        if (w != 0 && (float) w == 0) {
            throw new ParameterException(owner, "weight", "0, or a weight of magnitude >= " + Float.MIN_VALUE
                    + " (weights are stored as float, which would hold this one as 0)", w);
        }
    }

    /**
     * Refuses a weight distribution that draws only weights of the wrong sign, whatever the number
     * of synapses: each draw is checked as it is made, so a projection that draws none (fixed
     * probability 0, an empty population) would otherwise pass. A support that merely reaches past
     * 0 (a normal distribution) is left to the draws.
     */
    static void requireRightSignPossible(String owner, Receptor receptor, RealDistribution draw) {
        double lo = draw.getSupportLowerBound();
        double hi = draw.getSupportUpperBound();
        boolean wrongOnly = receptor == Receptor.EXCITATORY ? hi <= 0 && lo < 0 : lo >= 0 && hi > 0;
        if (wrongOnly) {
            throw new DistributionRefused(owner, "weight", receptor.weightRule(), lo, hi, "", null);
        }
    }

    /**
     * Refuses a delay distribution none of whose draws can be a delay, all of them rounding to
     * less than one step or more than {@code Short.MAX_VALUE}: drawing would fail at its first
     * synapse, and leave the builder spent.
     *
     * @param owner who owns the delays, for the message
     * @param grid  the grid the draws are rounded to
     * @param draw  the delay distribution, in ms
     * @throws ParameterException naming the distribution's support
     */
    static void requireDelayPossible(String owner, TimeGrid grid, RealDistribution draw) {
        double lo = draw.getSupportLowerBound() / grid.dtMs();
        double hi = draw.getSupportUpperBound() / grid.dtMs();
        // Half a step rounds up to one: a distribution whose draws reach it (a discrete one) may give delays.
        if (hi < 0.5 || lo >= Short.MAX_VALUE + 0.5) {
            throw new DistributionRefused(owner, "delay", "a distribution with draws that round to 1 to "
                    + Short.MAX_VALUE + " time steps of dt = " + grid.dtMs() + " ms", draw.getSupportLowerBound(),
                    draw.getSupportUpperBound(), " ms", TimeGrid.DT);
        }
    }

    private static boolean allEqual(float[] values) {
        for (int k = 1; k < values.length; k++) {
            if (Float.floatToRawIntBits(values[k]) != Float.floatToRawIntBits(values[0])) {
                return false;
            }
        }
        return true;
    }

    private static boolean allEqual(short[] values) {
        for (int k = 1; k < values.length; k++) {
            if (values[k] != values[0]) {
                return false;
            }
        }
        return true;
    }

    private static int minOf(short[] values) {
        int min = Short.MAX_VALUE;
        for (short v : values) {
            min = Math.min(min, v);
        }
        return values.length == 0 ? 1 : min;
    }
}
