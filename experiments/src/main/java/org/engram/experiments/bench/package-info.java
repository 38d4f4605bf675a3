/**
 * Workloads of {@code engram bench}: whole-network simulation benchmarks and training benchmarks.
 * JMH microbenchmarks live in {@code org.engram.experiments.bench.jmh}.
 */
package org.engram.experiments.bench;
