/**
 * Continual-learning metrics: the accuracy matrix and what is computed from it (ACC, BWT, FWT,
 * forgetting, learning accuracy), summaries over seeds with confidence intervals, and the energy
 * estimate of synaptic operations.
 *
 * <p>Accuracies are fractions in [0, 1]; plots and tables multiply by 100.
 */
package org.engram.experiments.metrics;
