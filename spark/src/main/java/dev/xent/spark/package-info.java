/**
 * xent on Apache Spark: every registered loss (built-in and plugin) as a Spark aggregate column and
 * SQL function, distributed full-batch training of linear models with any loss on logits, and the
 * command line's {@code evaluate} and {@code train} jobs on Spark.
 *
 * <h2>What it is for</h2>
 * Evaluating and training where the rows live, with the same numbers as the single-machine library:
 * blocks of rows go to the losses' fused kernels, partial sums are compensated, and means use the
 * library's denominators. Spark itself is a provided dependency (the cluster's).
 *
 * <h2>Where to start</h2>
 * {@link dev.xent.spark.LossAggregates} turns a {@link dev.xent.spark.LossSpec} into an aggregate
 * column or a SQL function; {@link dev.xent.spark.train.LinearTraining} fits a linear model on a
 * DataFrame of feature vectors; {@link dev.xent.spark.job.SparkJob} is the {@code spark-submit} main
 * class for JSON jobs. docs/spark.md has the set-up (JVM options on Java 17) and examples.
 */
package dev.xent.spark;
