/**
 * Running experiments and writing their results.
 *
 * <p>{@link org.engram.experiments.run.RunFolder} owns the result folder of one run: it is built
 * under a hidden temporary name and moved into place in one atomic step when the run is complete,
 * so {@code results/<experiment>/<run-id>/} either holds a finished run or does not exist.
 */
package org.engram.experiments.run;
