/**
 * Versioned binary files, never Java serialisation: {@link org.engram.learning.io.ModelFile} writes a
 * {@link org.engram.learning.layered.LayeredNet}'s parameters and weights behind a magic number, a
 * format version and a checksum; stateful strategies implement
 * {@link org.engram.learning.io.Checkpointable} and write their state with the header and array
 * helpers of {@link org.engram.learning.io.StateCodec}, as the learners do theirs between tasks.
 * Plasticity rules have no saved state: a simulation in progress is not checkpointed.
 */
package org.engram.learning.io;
