/**
 * The serving benchmark: a command, not a test ({@link dev.text2pose.serving.bench.ServingBenchmark}). It measures
 * raw inference, a matrix-multiply compute ceiling, end-to-end throughput through a real broker (its own JVM), latency
 * at half of saturation and memory over a soak, in one run on one machine, and prints one table.
 */
package dev.text2pose.serving.bench;
