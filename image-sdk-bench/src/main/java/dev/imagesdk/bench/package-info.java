/**
 * Throughput, CPU and memory benchmarks that print ratios against raw baselines measured in the same run.
 */
package dev.imagesdk.bench;
