/**
 * Running experiments and writing their results.
 *
 * <p>{@link org.engram.experiments.run.Runner} takes every strategy of a config through every task
 * for every seed, checkpointing after each task so that {@code engram run --resume} continues a
 * stopped run to the same results. {@link org.engram.experiments.run.RunFolder} owns the result
 * folder: it is built under a hidden temporary name and moved into place in one atomic step when
 * the run is complete, so {@code results/<experiment>/<run-id>/} either holds a finished run or
 * does not exist; metrics, summary and plots are written by one class each.
 */
package org.engram.experiments.run;
