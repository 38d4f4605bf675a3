/**
 * Learning on top of the simulator: spike encoders, plasticity rules, trainers and
 * continual-learning strategies.
 */
package org.engram.learning;
