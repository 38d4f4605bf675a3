/**
 * How the user started Engram ({@code ./engram} from a clone, else {@code engram}), so that the
 * commands messages tell them to type next can be pasted as they are.
 */
package org.engram.experiments.launch;
