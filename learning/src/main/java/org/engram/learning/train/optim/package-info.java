/**
 * Optimisers (SGD with momentum, Adam) and learning-rate schedules (constant, step, cosine) for the
 * trainer. An optimiser turns a gradient into an update per weight matrix; state is one float array
 * per matrix, sized once.
 */
package org.engram.learning.train.optim;
