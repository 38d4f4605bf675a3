/**
 * Hooks through which other modules observe a running simulation without the engine knowing them.
 */
package org.engram.simulator.event;
