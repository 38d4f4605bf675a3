/**
 * The neuron model SPI and the built-in models.
 *
 * <p>A model is a {@link org.engram.simulator.model.NeuronModel} (parameters as a record, state as
 * primitive arrays, a grid {@link org.engram.simulator.model.Kernel}); linear models add
 * {@link org.engram.simulator.model.ExactPropagation} for precise-time simulation. Built-in models
 * ({@link org.engram.simulator.model.LifDelta}, {@link org.engram.simulator.model.LifExp},
 * {@link org.engram.simulator.model.LifAlpha},
 * {@link org.engram.simulator.model.LifCondExp}, {@link org.engram.simulator.model.AdaptiveLif},
 * {@link org.engram.simulator.model.Adex}, {@link org.engram.simulator.model.AdexCond},
 * {@link org.engram.simulator.model.HodgkinHuxley},
 * {@link org.engram.simulator.model.Izhikevich}) and
 * user models registered as services are looked up by name in
 * {@link org.engram.simulator.model.NeuronModels}; {@link org.engram.simulator.model.ParameterRecords}
 * changes a parameter record's values by name.
 */
package org.engram.simulator.model;
