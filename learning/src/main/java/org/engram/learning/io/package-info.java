/**
 * Versioned binary files: {@link org.engram.learning.io.ModelFile} writes a
 * {@link org.engram.learning.layered.LayeredNet}'s parameters and weights, and
 * {@link org.engram.learning.io.TrainingCheckpoint} adds the optimiser state and step so training
 * resumes bit-identically. Each file has a magic number, a format version and a checksum, and is
 * read back bit-exactly or rejected with a message that names the file and the problem.
 */
package org.engram.learning.io;
