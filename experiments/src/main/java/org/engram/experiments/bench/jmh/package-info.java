/**
 * JMH microbenchmarks of the simulator's hot paths. Run with
 * {@code java -cp experiments/target/engram.jar org.openjdk.jmh.Main <name>}.
 */
package org.engram.experiments.bench.jmh;
