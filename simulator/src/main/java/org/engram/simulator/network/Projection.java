package org.engram.simulator.network;

import java.io.IOException;
import java.io.Writer;
import org.engram.simulator.IndexArguments;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Plural;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.Receptor;

/**
 * The synapses from one population to another, in compressed sparse rows by source neuron.
 *
 * <p>Synapse {@code k} of source {@code s} lies in {@code [rowStart[s], rowStart[s + 1])}; its
 * target is {@code target(k)} (population-local), its weight {@code weight(k)} and its delay
 * {@code delaySteps(k)}. Targets are ascending within a row, so the engine can split a row between
 * threads by binary search. Targets take 16 bits when the target population has at most
 * {@value #MAX_NARROW_TARGETS} neurons ({@link #narrowTargets()}), else 32 ({@link #wideTargets()}):
 * delivering a spike reads its row's targets from memory, so half the bytes is less time as well
 * as less memory. A weight array is stored only when weights differ or the projection is plastic,
 * a delay array only when delays differ: a static projection with one weight and one delay costs
 * 2 bytes per synapse (4 into a larger population), with per-synapse weights 4 more, with
 * per-synapse delays 2 more.
 *
 * <p>The structure is fixed once built. Only the weights of a plastic projection change, through
 * {@link #weights()}, and only from the engine's listener thread; and the short-term state of a
 * projection with {@link #shortTerm()}, which the engine advances at its source neurons' spikes.
 */
public final class Projection {
    /** The largest target population whose synapses' targets are stored in 16 bits. */
    public static final int MAX_NARROW_TARGETS = 1 << Character.SIZE;

    private final int index;
    private final String name;
    private final Population<?, ?> source;
    private final Population<?, ?> target;
    private final Receptor receptor;
    private final int[] rowStart;
    /** The targets in 16 bits, unsigned, or {@code null} when {@link #wideTargets} holds them. */
    private final char[] narrowTargets;
    private final int[] wideTargets;
    private final float[] weights;
    private final float uniformWeight;
    private final short[] delays;
    /** The delay of every synapse or, with per-synapse delays, the smallest of them, as the assembler found it. */
    private final int uniformDelaySteps;
    private final boolean plastic;
    private final TsodyksMarkram shortTerm;
    /** The network's time grid, whose step the delays count. */
    private final TimeGrid grid;
    /** The short-term state of every source neuron's synapses, or {@code null} without short-term plasticity. */
    private final TsodyksMarkram.State shortTermState;
    private IncomingIndex incoming;

    Projection(int index, String name, Population<?, ?> source, Population<?, ?> target, Receptor receptor,
               int[] rowStart, char[] narrowTargets, int[] wideTargets, float[] weights, float uniformWeight,
               short[] delays, int uniformDelaySteps, boolean plastic, TsodyksMarkram shortTerm, TimeGrid grid) {
        this.index = index;
        this.name = name;
        this.source = source;
        this.target = target;
        this.receptor = receptor;
        this.rowStart = rowStart;
        this.narrowTargets = narrowTargets;
        this.wideTargets = wideTargets;
        this.weights = weights;
        this.uniformWeight = uniformWeight;
        this.delays = delays;
        this.uniformDelaySteps = uniformDelaySteps;
        this.plastic = plastic;
        this.shortTerm = shortTerm;
        this.grid = grid;
        this.shortTermState = shortTerm == null ? null : new TsodyksMarkram.State(shortTerm, source.size());
    }

    /** {@return the projection's position in the network, from 0} */
    public int index() {
        return index;
    }

    /** {@return the projection's name} */
    public String name() {
        return name;
    }

    /** {@return the presynaptic population} */
    public Population<?, ?> source() {
        return source;
    }

    /** {@return the postsynaptic population} */
    public Population<?, ?> target() {
        return target;
    }

    /** {@return the receptor every synapse feeds} */
    public Receptor receptor() {
        return receptor;
    }

    /** {@return the number of synapses} */
    public int synapseCount() {
        return narrowTargets != null ? narrowTargets.length : wideTargets.length;
    }

    /**
     * Row offsets: the synapses of source {@code s} are {@code [rowStart[s], rowStart[s + 1])}.
     * The array is shared, not copied: do not modify it.
     *
     * @return the row offsets, length {@code source().size() + 1}
     */
    public int[] rowStart() {
        return rowStart;
    }

    /**
     * The target of a synapse.
     *
     * @param k synapse index, 0 to {@link #synapseCount()} - 1
     * @return the target neuron, population-local
     * @throws IndexOutOfBoundsException if {@code k} is outside the projection's synapses, with a message naming
     *         the method, {@code k}, the range and the value
     */
    public int target(int k) {
        IndexArguments.check("Projection.target", "k", k, synapseCount());
        return narrowTargets != null ? narrowTargets[k] : wideTargets[k];
    }

    /**
     * Target neurons (population-local) as unsigned 16-bit values, ascending within each row, when the
     * target population has at most {@value #MAX_NARROW_TARGETS} neurons; {@code null} otherwise, when
     * {@link #wideTargets()} holds them. Shared, not copied: for loops over many synapses, where
     * {@link #target(int)} would test which array holds them at every synapse.
     *
     * @return the targets, one per synapse, or {@code null}
     */
    public char[] narrowTargets() {
        return narrowTargets;
    }

    /**
     * Target neurons (population-local) as {@code int}s, ascending within each row, when the target
     * population has more than {@value #MAX_NARROW_TARGETS} neurons; {@code null} otherwise, when
     * {@link #narrowTargets()} holds them. Shared, not copied.
     *
     * @return the targets, one per synapse, or {@code null}
     */
    public int[] wideTargets() {
        return wideTargets;
    }

    /**
     * Whether the targets of a projection into a population of this size take 16 bits.
     *
     * @param targetPopulationSize neurons in the target population
     * @return whether {@link #narrowTargets()} holds them
     */
    public static boolean narrowTargetsFor(int targetPopulationSize) {
        return targetPopulationSize <= MAX_NARROW_TARGETS;
    }

    /**
     * The bytes a synapse's target takes in a projection into a population of this size.
     *
     * @param targetPopulationSize neurons in the target population
     * @return 2, or 4 past {@value #MAX_NARROW_TARGETS} neurons
     */
    public static int bytesPerTarget(int targetPopulationSize) {
        return narrowTargetsFor(targetPopulationSize) ? Character.BYTES : Integer.BYTES;
    }

    /**
     * Per-synapse weights, or {@code null} when every synapse has {@link #uniformWeight()}.
     * Plastic projections always have the array and plasticity rules write into it. The signs were
     * checked against the receptor when the network was built; engines check before every run that
     * each weight is finite ({@link #requireValidWeights}), so NaN or an infinity written between
     * runs is refused then, but not what a rule writes during a run (the engine reads these weights
     * on its hot path). Nothing checks the signs again: a rule keeps each weight of its receptor's
     * sign through its bounds, and code that writes here must keep it too where the target model
     * needs it (a conductance-based model's conductances must not go negative).
     *
     * @return the live weights, or {@code null}
     */
    public float[] weights() {
        return weights;
    }

    /**
     * Checks the weights that code may have written into {@link #weights()} since the last run (or a
     * rule during it): each finite, as the builder checked them. Engines call it before every run,
     * as they check neuron state, since NaN or an infinity in a weight silently turns its target's
     * state to NaN at the first spike through it; a projection without a weight array passes.
     *
     * @throws ParameterException naming the projection, the synapse (with its source and target) and
     *                            the weight found
     */
    public void requireValidWeights() {
        if (weights == null) {
            return;
        }
        for (int k = 0; k < weights.length; k++) {
            if (!Float.isFinite(weights[k])) {
                throw new ParameterException("projection '" + name + "'", "weights[" + k + "]", "a finite weight",
                        weights[k] + " (synapse " + k + ", source " + sourceOf(k) + " -> target " + target(k) + ")",
                        "written between runs, or by a listener during the last run");
            }
        }
    }

    /** The source neuron of synapse {@code k}: the row that holds it (rows may be empty). */
    private int sourceOf(int k) {
        int s = 0;
        while (rowStart[s + 1] <= k) {
            s++;
        }
        return s;
    }

    /** {@return the weight shared by all synapses when {@link #weights()} is {@code null}} */
    public float uniformWeight() {
        return uniformWeight;
    }

    /**
     * The weight of a synapse.
     *
     * @param k synapse index, 0 to {@link #synapseCount()} - 1
     * @return the weight in the target model's weight unit
     * @throws IndexOutOfBoundsException if {@code k} is outside the projection's synapses, with a message naming
     *         the method, {@code k}, the range and the value
     */
    public float weight(int k) {
        // Checked when the weight is shared too: a synapse that does not exist has none.
        IndexArguments.check("Projection.weight", "k", k, synapseCount());
        return weights != null ? weights[k] : uniformWeight;
    }

    /**
     * Per-synapse delays in steps, or {@code null} when every synapse has
     * {@link #uniformDelaySteps()}. Shared, not copied.
     *
     * @return the delays, or {@code null}
     */
    public short[] delays() {
        return delays;
    }

    /**
     * {@return the delay shared by all synapses when {@link #delays()} is {@code null}; with per-synapse delays,
     * the smallest of them}
     */
    public int uniformDelaySteps() {
        return uniformDelaySteps;
    }

    /**
     * The delay of a synapse.
     *
     * @param k synapse index, 0 to {@link #synapseCount()} - 1
     * @return the delay in steps, {@code >= 1}
     * @throws IndexOutOfBoundsException if {@code k} is outside the projection's synapses, with a message naming
     *         the method, {@code k}, the range and the value
     */
    public int delaySteps(int k) {
        // As for weight(k): a shared delay is no delay of a synapse that does not exist.
        IndexArguments.check("Projection.delaySteps", "k", k, synapseCount());
        return delays != null ? delays[k] : uniformDelaySteps;
    }

    /**
     * Writes every synapse as CSV: {@code source,target,weight,delay_ms}, population-local indices,
     * in the order of the rows (by source, then target), the weight as stored (a float, in the
     * target model's unit), the delay in ms (its steps times the network's step, to 9 decimals); for
     * comparing the connectivity with another simulator's.
     *
     * @param out where to write; not closed
     * @throws IOException        if writing fails
     * @throws ParameterException if {@code out} is null
     */
    public void writeCsv(Writer out) throws IOException {
        ParameterException.requireNonNull("projection '" + name + "'", "out", out, "a writer");
        out.write("source,target,weight,delay_ms\n");
        StringBuilder line = new StringBuilder();
        for (int s = 0; s < rowStart.length - 1; s++) {
            for (int k = rowStart[s]; k < rowStart[s + 1]; k++) {
                line.setLength(0);
                line.append(s).append(',').append(target(k)).append(',').append(weight(k)).append(',')
                        .append(TimeGrid.shownMs(grid.timeMs(delaySteps(k)))).append('\n');
                out.append(line);
            }
        }
        out.flush();
    }

    /**
     * As {@link #writeCsv(Writer)}, for code that passes the network's grid.
     *
     * @param out  where to write; not closed
     * @param grid the network's time grid
     * @throws IOException        if writing fails
     * @throws ParameterException if the grid is null or its step is not the network's, which would misstate every
     *                            delay
     */
    public void writeCsv(Writer out, TimeGrid grid) throws IOException {
        ParameterException.requireNonNull("projection '" + name + "'", "grid", grid, "the network's time grid");
        if (grid.dtMs() != this.grid.dtMs()) {
            throw new ParameterException("projection '" + name + "'", "grid", "the network's time grid, dt = "
                    + this.grid.dtMs() + " ms, whose steps the delays count", "dt = " + grid.dtMs() + " ms");
        }
        writeCsv(out);
    }

    /** {@return the smallest delay in steps} */
    public int minDelaySteps() {
        return uniformDelaySteps;
    }

    /** {@return the largest delay in steps} */
    public int maxDelaySteps() {
        if (delays == null) {
            return uniformDelaySteps;
        }
        int max = 0;
        for (short d : delays) {
            max = Math.max(max, d);
        }
        return Math.max(max, 1);
    }

    /** {@return whether the weights may change during a run} */
    public boolean plastic() {
        return plastic;
    }

    /** {@return the short-term depression and facilitation of the synapses, or {@code null} for none} */
    public TsodyksMarkram shortTerm() {
        return shortTerm;
    }

    /**
     * The short-term state of the synapses, one per source neuron, which engines advance at the
     * source's spikes and carry from one engine to the next, as they carry neuron state. An engine
     * advances it at a slice's edge through every spike of the slice, so a listener shown one of
     * those spikes sees the state after the slice's last.
     *
     * @return the live state, or {@code null} without short-term plasticity
     */
    public TsodyksMarkram.State shortTermState() {
        return shortTermState;
    }

    /**
     * The synapses grouped by target, for rules that act at postsynaptic spikes. Built on first
     * use and kept.
     *
     * @return the index
     */
    public synchronized IncomingIndex incoming() {
        if (incoming == null) {
            incoming = IncomingIndex.of(this);
        }
        return incoming;
    }

    /**
     * Memory held by the synapse arrays (row offsets, targets, weights, delays) and the short-term state.
     *
     * @return bytes
     */
    public long bytes() {
        long b = 4L * rowStart.length + (long) bytesPerTarget(target.size()) * synapseCount();
        if (shortTermState != null) {
            b += shortTermState.bytes();
        }
        if (weights != null) {
            b += 4L * weights.length;
        }
        if (delays != null) {
            b += 2L * delays.length;
        }
        return b;
    }

    @Override
    public String toString() {
        return name + " (" + source.name() + " -> " + target.name() + ", " + Plural.count(synapseCount(), "synapse")
                + ")";
    }
}
