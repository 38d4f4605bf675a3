/**
 * Datasets of labelled images: reading MNIST-format IDX files, finding Fashion-MNIST on disk, and
 * the small class-balanced subset bundled in the jar.
 *
 * <p>A {@link org.engram.experiments.data.Dataset} is immutable and says where it came from; bad
 * files fail with a {@link org.engram.experiments.data.DataFileException} naming the file, what is
 * wrong, what was expected and what was found.
 */
package org.engram.experiments.data;
