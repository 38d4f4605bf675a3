/**
 * Surrogate-gradient training (backpropagation through time) of
 * {@link org.engram.learning.layered.LayeredNet}s: the {@link org.engram.learning.train.Trainer}
 * with its options, surrogate derivatives, losses, the {@link org.engram.learning.train.TrainingHooks}
 * through which continual-learning strategies plug in, and the
 * {@link org.engram.learning.train.TrainBenchmark} workload. Mini-batches run on a fixed thread
 * pool; gradients are reduced in a fixed block order, so results do not depend on the thread count.
 */
package org.engram.learning.train;
