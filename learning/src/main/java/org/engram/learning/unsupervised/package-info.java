/**
 * Unsupervised learning in the style of Diehl and Cook (2015): Poisson-coded inputs drive a layer
 * of excitatory neurons with homeostatic adaptive thresholds through STDP synapses, an inhibitory
 * layer makes the excitatory neurons compete, and after training each neuron is labelled by the
 * class it answers most, so that the labelled neurons' mean responses classify new inputs.
 * Entry point: {@link org.engram.learning.unsupervised.DiehlCookBenchmark}.
 * Over a sequence of tasks (continual learning): {@link org.engram.learning.unsupervised.DiehlCookLearner}.
 */
package org.engram.learning.unsupervised;
