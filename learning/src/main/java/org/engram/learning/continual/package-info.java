/**
 * Continual-learning strategies: optional hooks around a trainer's loop that decide which
 * synapses must be protected when a network learns a sequence of tasks. A strategy sees the
 * trainer only through narrow views ({@link org.engram.learning.continual.TaskContext},
 * {@link org.engram.learning.continual.BatchContext}, {@link org.engram.learning.continual.LayerActivity});
 * built-ins are listed by name in {@link org.engram.learning.continual.Strategies}.
 */
package org.engram.learning.continual;
