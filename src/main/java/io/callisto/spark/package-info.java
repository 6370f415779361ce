/**
 * Apache Spark from cells, in the executor JVM, where a cell's {@code SparkSession} (the Spark driver) lives.
 * {@link io.callisto.spark.ReplClassDirectory} writes every class JShell loads as a class file under the directory
 * Spark's {@code spark.repl.class.outputDir} names, so the driver serves the notebook's classes (records,
 * lambdas' capturing classes) to the cluster's executors, as Spark's own shell does. Nothing here links against
 * Spark: a notebook brings Spark with {@code %maven}.
 */
package io.callisto.spark;
