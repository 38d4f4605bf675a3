/**
 * Layered spiking networks for training: input, one or more hidden LIF or adaptive-LIF layers
 * (optionally recurrent) and a readout layer, described by a
 * {@link org.engram.learning.layered.LayeredNetSpec} and built by
 * {@link org.engram.learning.layered.LayeredNet} as a simulator network with one-step delays
 * whose plastic weight arrays are the trainable weights.
 */
package org.engram.learning.layered;
