/**
 * Versioned binary state of learning objects. A stateful strategy or plasticity rule implements
 * {@link org.engram.learning.io.Checkpointable} and writes its state with the header and array
 * helpers of {@link org.engram.learning.io.StateCodec}, so a checkpoint never depends on Java
 * serialisation.
 */
package org.engram.learning.io;
