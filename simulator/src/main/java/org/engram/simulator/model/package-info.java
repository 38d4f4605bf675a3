/**
 * The neuron model SPI and the built-in models.
 *
 * <p>A model is a {@link org.engram.simulator.model.NeuronModel} (parameters as a record, state as
 * primitive arrays, a grid {@link org.engram.simulator.model.Kernel}); linear models add
 * {@link org.engram.simulator.model.ExactPropagation} for precise-time simulation.
 */
package org.engram.simulator.model;
