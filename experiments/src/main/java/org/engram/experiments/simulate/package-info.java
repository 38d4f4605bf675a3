/**
 * {@code engram simulate}: network simulations described in YAML, run by the engine, written to a
 * result folder.
 */
package org.engram.experiments.simulate;
