package org.engram.simulator.engine;

import java.util.Arrays;
import org.engram.simulator.EngramException;
import org.engram.simulator.model.InputView;
import org.engram.simulator.model.Kernel;
import org.engram.simulator.network.Population;

/**
 * Grid mode: the input ring buffers of the neurons one worker advances, one row per slot and
 * receptor, in arrays of the worker's own.
 *
 * <p>Own arrays rather than a part of rows shared by all workers: two threads adding into the two
 * halves of the same rows ran 1.3-1.8x slower each than one of them alone, though no cache line
 * is written by both, and as fast as one alone with each half in arrays of its own (a
 * micro-benchmark of Brunel's delivery: 8,000 rows of 1,250 sorted targets into 15 rows of 12,500
 * neurons). In the engine, Brunel's loop on two threads took 10-22% less time.
 *
 * <p>A worker's rows reach from neuron 0 to the end of its range and are read at the population's
 * own indices; the elements before its range are never touched. Read at an offset instead, the
 * kernels' loops read the input and the state at different offsets, which Java 17's compiler does
 * not vectorise: a LIF neuron-step took twice as long (JMH {@code NeuronUpdateBenchmark},
 * {@code lif_delta}, 1.1 against 2.2 ns). The price is memory: with W workers the rows of a
 * population take (W + 1) / 2 times one set, so workers share one set when they run one after the
 * other, when the extra would pass a sixteenth of the heap ({@link PopulationRuntime#ownRows}), or
 * when the heap cannot hold it beside the network.
 */
final class WorkerInput {
    final double[][] excitatory;
    final double[][] inhibitory;
    /** External current; null when no current source feeds the population. */
    final double[][] current;
    /** The view the worker's kernel calls read. */
    final InputView view;

    /**
     * @param end           the end (exclusive) of the worker's neurons
     * @param slots         the rows per receptor
     * @param currentDriven whether a current source feeds the population
     * @throws OutOfMemoryError when the heap cannot hold the rows
     */
    WorkerInput(int end, int slots, boolean currentDriven) {
        excitatory = new double[slots][end];
        inhibitory = new double[slots][end];
        current = currentDriven ? new double[slots][end] : null;
        view = new InputView(excitatory, inhibitory, current);
    }

    /**
     * Holds a kernel that says it clears its input ({@link Kernel#clearsInput()}) to its word, for the neurons
     * {@code [lo, hi)} it has advanced through step {@code step}: input left in a row would reach them again when
     * the ring comes round to it. Called only with assertions enabled ({@code java -ea}, as Maven runs tests):
     * this pass over the rows is what a kernel's clearing them saves.
     *
     * @param population the population the kernel advanced, for the refusal
     * @param step       the step advanced
     * @param lo         first neuron of the call
     * @param hi         end neuron of the call, exclusive
     * @return true, for an {@code assert}
     * @throws EngramException naming the population, its model, and the first input left, its neuron and step
     */
    boolean requireCleared(Population<?, ?> population, int step, int lo, int hi) {
        int row = view.row(step);
        requireTaken(population, "excitatory", excitatory[row], step, lo, hi);
        requireTaken(population, "inhibitory", inhibitory[row], step, lo, hi);
        if (current != null) {
            requireTaken(population, "current", current[row], step, lo, hi);
        }
        return true;
    }

    private static void requireTaken(Population<?, ?> population, String input, double[] row, int step, int lo,
                                     int hi) {
        for (int i = lo; i < hi; i++) {
            if (row[i] != 0) {
                throw new EngramException(KernelOwner.of(population), "kernel", "every input of neurons [" + lo
                        + ", " + hi + ") at step " + step + " taken (InputView.takeExcitatory, takeInhibitory and"
                        + " takeCurrent), as its clearsInput() says", input + " input " + row[i] + " left at neuron "
                        + i, null);
            }
        }
    }

    /** Zeroes the row of step {@code step} for neurons {@code [lo, hi)}, once consumed. */
    void clearRow(int step, int lo, int hi) {
        int row = view.row(step);
        Arrays.fill(excitatory[row], lo, hi, 0);
        Arrays.fill(inhibitory[row], lo, hi, 0);
        if (current != null) {
            Arrays.fill(current[row], lo, hi, 0);
        }
    }
}
