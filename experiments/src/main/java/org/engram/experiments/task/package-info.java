/**
 * Task sequences for continual learning: split by classes, permuted pixels, rotated images and
 * seeded synthetic patterns.
 *
 * <p>A {@link org.engram.experiments.task.TaskSequence} is an ordered list of
 * {@link org.engram.experiments.task.Task}s, each with train and test data and the classes it
 * uses. It says nothing about the scenario (task-, domain- or class-incremental): labels keep their
 * dataset values and the learner decides how to use them. Every random choice comes from
 * {@code RandomStreams.of(seed, Purpose.TASK, index)}, so a sequence is a function of its seed.
 */
package org.engram.experiments.task;
