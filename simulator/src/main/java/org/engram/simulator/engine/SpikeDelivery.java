package org.engram.simulator.engine;

import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Projection;

/**
 * Delivers a slice's merged spikes through the projections they leave by: in grid mode each worker
 * adds a spike's weights into the ring-buffer rows of the targets it owns, at the arrival step; in
 * precise mode it queues them as events with the spike's offset within its step. Spikes are
 * delivered in the exchange's canonical order, so every sum is formed in the same order whatever
 * the thread count. A projection with short-term plasticity delivers each weight times the factor
 * {@link ShortTermRelease} found for the spike; the others' scale is 1, which leaves every weight's
 * bits as they are. Counts the synaptic events each worker delivered.
 */
final class SpikeDelivery {
    /** Spaces per-worker counters a cache line apart, so workers do not write one line. */
    private static final int PAD = 16;
    /** Bytes in a cache line, the stride at which {@link #touchRows} reads a row. */
    private static final int CACHE_LINE_BYTES = 64;
    /** Spikes whose rows {@link #touchRows} reads together, one batch ahead of their delivery. */
    private static final int TOUCH_BATCH = 16;

    private final SpikeExchange exchange;
    /** Per source population: the routes its spikes leave by. */
    private final Route[][] outgoing;
    private final boolean precise;
    private final double dtMs;
    private final long[] eventCounts;
    /** Per worker, padded: the sums {@link #touchRows} keeps. */
    private final int[] touchedSum;

    SpikeDelivery(SpikeExchange exchange, Route[][] outgoing, int workers, Mode mode, double dtMs) {
        this.exchange = exchange;
        this.outgoing = outgoing;
        this.precise = mode == Mode.PRECISE;
        this.dtMs = dtMs;
        this.eventCounts = new long[workers * PAD];
        this.touchedSum = new int[workers * PAD];
    }

    /** Adds merged spike {@code m} into the input of the targets worker {@code w} owns. */
    void deliver(int w, int m) {
        if (m % TOUCH_BATCH == 0) {
            // The first batch is read as its delivery starts, every later one a batch ahead.
            touchRows(w, m == 0 ? 0 : m + TOUCH_BATCH, Math.min(exchange.count, m + 2 * TOUCH_BATCH));
        }
        final int source = exchange.neuron[m];
        final int spikeStep = exchange.step[m];
        long events = 0;
        for (Route route : outgoing[exchange.population[m]]) {
            final Projection proj = route.projection;
            final PopulationRuntime target = route.target;
            int a = route.begin(source, w);
            int b = route.end(source, w);
            if (a == b) {
                continue;
            }
            events += b - a;
            final double scale = route.factors == null ? 1.0 : route.factors[m];
            if (precise) {
                deliverPrecise(proj, target, w, spikeStep, exchange.timeMs[m] - spikeStep * dtMs, scale, a, b);
            } else if (target.lists != null) {
                deliverListed(proj, target.lists[w], target.slots, spikeStep, scale, a, b);
            } else {
                deliverGrid(proj, target.inputs[w], target.slots, spikeStep, scale, a, b);
            }
        }
        eventCounts[w * PAD] += events;
    }

    /**
     * Reads one target in every cache line of the rows worker {@code w} will deliver for merged
     * spikes {@code [from, to)}, so those lines are fetched from memory together while earlier
     * spikes' events are added, rather than one after another as delivery reaches them; Java has
     * no prefetch instruction. The reads of a whole batch are independent, so the core has the
     * misses of many rows (and of their places in each {@link Route}) in flight at once. The sum is
     * kept so the JIT cannot drop the reads.
     *
     * <p>Measured against reading only each row's first target ({@code engram bench}, medians of
     * 6 runs), one spike ahead: Brunel 1 s on 1 thread 1.05 -> 0.81 s, on 2 threads 0.75 -> 0.65 s;
     * CUBA with 64,000 neurons, 10 s, 9.6 -> 8.2 s (2 runs). Batches of 16 against one spike
     * ahead, in one process alternating 250 ms runs (the same spikes either way): Brunel on 1
     * thread 6% less time, on 2 threads 11%; CUBA with 64,000 neurons 5% on 1 thread, 6% on 2;
     * CUBA with 4,000 neurons alike. Batches of 8 gained 1 to 4% less than 16.
     */
    private void touchRows(int w, int from, int to) {
        int sum = 0;
        for (int m = from; m < to; m++) {
            int source = exchange.neuron[m];
            for (Route route : outgoing[exchange.population[m]]) {
                char[] narrow = route.projection.narrowTargets();
                int end = route.end(source, w);
                if (narrow != null) {
                    for (int k = route.begin(source, w); k < end; k += CACHE_LINE_BYTES / Character.BYTES) {
                        sum += narrow[k];
                    }
                } else {
                    int[] wide = route.projection.wideTargets();
                    for (int k = route.begin(source, w); k < end; k += CACHE_LINE_BYTES / Integer.BYTES) {
                        sum += wide[k];
                    }
                }
            }
        }
        touchedSum[w * PAD] += sum;
    }

    /** Adds weights times {@code scale} into the rows of their arrival steps. */
    private static void deliverGrid(Projection proj, WorkerInput in, int slots, int stamp, double scale, int a,
                                    int b) {
        final double[][] buffer = proj.receptor() == Receptor.EXCITATORY ? in.excitatory : in.inhibitory;
        final char[] targets = proj.narrowTargets();
        if (targets == null) {
            deliverGridWide(proj, buffer, slots, stamp, scale, a, b);
            return;
        }
        final float[] weights = proj.weights();
        final short[] delays = proj.delays();
        if (delays == null) {
            final double[] row = buffer[(stamp + proj.uniformDelaySteps()) % slots];
            if (weights == null) {
                final double w = proj.uniformWeight() * scale;
                for (int k = a; k < b; k++) {
                    row[targets[k]] += w;
                }
            } else {
                for (int k = a; k < b; k++) {
                    row[targets[k]] += weights[k] * scale;
                }
            }
        } else {
            final int first = stamp % slots;
            for (int k = a; k < b; k++) {
                buffer[arrivalSlot(first, delays[k], slots)][targets[k]]
                        += (weights == null ? proj.uniformWeight() : weights[k]) * scale;
            }
        }
    }

    /**
     * {@link #deliverGrid} into a population past 16-bit targets: one loop, which reads each
     * synapse's weight and delay whether or not the projection stores them per synapse. With every
     * target stored wide, Brunel's network ran as fast through it as through the four loops it
     * stands for (0.87 s on one thread against 0.91 s, 4 runs each; simulator/PERFORMANCE.md).
     * It reads the arrays and shared values itself, as {@link #deliverPrecise} does: the row's
     * synapses exist, and {@link Projection#weight} and {@link Projection#delaySteps} check the
     * index of a shared value for library users.
     */
    private static void deliverGridWide(Projection proj, double[][] buffer, int slots, int stamp, double scale,
                                        int a, int b) {
        final int[] targets = proj.wideTargets();
        final float[] weights = proj.weights();
        final float uniformWeight = proj.uniformWeight();
        final short[] delays = proj.delays();
        final int uniformDelaySteps = proj.uniformDelaySteps();
        final int first = stamp % slots;
        for (int k = a; k < b; k++) {
            int slot = arrivalSlot(first, delays == null ? uniformDelaySteps : delays[k], slots);
            buffer[slot][targets[k]] += (weights == null ? uniformWeight : weights[k]) * scale;
        }
    }

    /**
     * Lists weights times {@code scale} for their arrival steps ({@link InputLists}); a loop for a
     * projection of one delay, whose events of a spike share a slot, and one for the others.
     */
    private static void deliverListed(Projection proj, InputLists lists, int slots, int stamp, double scale, int a,
                                      int b) {
        final boolean inhibitory = proj.receptor() == Receptor.INHIBITORY;
        final char[] narrow = proj.narrowTargets();
        final int[] wide = proj.wideTargets();
        final float[] weights = proj.weights();
        final double uniformWeight = proj.uniformWeight() * scale;
        final short[] delays = proj.delays();
        if (delays == null) {
            final int slot = (stamp + proj.uniformDelaySteps()) % slots;
            final int base = lists.cellBase(slot);
            for (int k = a; k < b; k++) {
                lists.add(base, slot, narrow != null ? narrow[k] : wide[k], inhibitory,
                        weights == null ? uniformWeight : weights[k] * scale);
            }
            return;
        }
        final int first = stamp % slots;
        for (int k = a; k < b; k++) {
            int slot = arrivalSlot(first, delays[k], slots);
            lists.add(lists.cellBase(slot), slot, narrow != null ? narrow[k] : wide[k], inhibitory,
                    weights == null ? uniformWeight : weights[k] * scale);
        }
    }

    /**
     * The ring slot of an event's arrival step: {@code (first + delay) % slots} without a division, as
     * {@code first < slots} and {@code delay < slots}.
     *
     * @param first the slot of the spike's step
     * @param delay the synapse's delay in steps
     * @param slots the ring's slots
     */
    private static int arrivalSlot(int first, int delay, int slots) {
        int slot = first + delay;
        return slot >= slots ? slot - slots : slot;
    }

    private static void deliverPrecise(Projection proj, PopulationRuntime target, int w, int spikeStep,
                                       double offsetMs, double scale, int a, int b) {
        final int[] counts = target.eventCount;
        final int n = target.size;
        final int slots = target.slots;
        final boolean inhibitory = proj.receptor() == Receptor.INHIBITORY;
        final PreciseQueue[] queues = target.queues[w];
        final float[] weights = proj.weights();
        final float uniformWeight = proj.uniformWeight();
        final short[] delays = proj.delays();
        final int uniformDelaySteps = proj.uniformDelaySteps();
        // The arrays, as deliverGrid reads them: target(k) checks k, for a library user, at every synapse.
        final char[] narrow = proj.narrowTargets();
        final int[] wide = proj.wideTargets();
        for (int k = a; k < b; k++) {
            int slot = (spikeStep + (delays == null ? uniformDelaySteps : delays[k])) % slots;
            int to = narrow != null ? narrow[k] : wide[k];
            counts[slot * n + to]++;
            queues[slot].push(offsetMs, (weights == null ? uniformWeight : weights[k]) * scale, inhibitory, to);
        }
    }

    /** @return the synaptic events delivered so far, by every worker */
    long events() {
        long sum = 0;
        for (int w = 0; w < eventCounts.length; w += PAD) {
            sum += eventCounts[w];
        }
        return sum;
    }
}
