/**
 * Apache Spark from cells, in the executor JVM, where a cell's {@code SparkSession} (the Spark driver) lives.
 * Nothing here links against Spark: a notebook brings Spark with {@code %maven}, and Spark is reached by reflection.
 * <ul>
 * <li>{@link io.callisto.spark.ReplClassDirectory} writes every class JShell loads or redefines as a class file
 *     under the directory Spark's {@code spark.repl.class.outputDir} names, so the driver serves the notebook's
 *     classes (records, lambdas' capturing classes) to a cluster's executors, as Spark's own shell does.</li>
 * <li>{@link io.callisto.spark.SparkWatch} notes whether a cluster SparkContext is active (the kernel then
 *     refuses in-place redefinition, so a changed class reaches the cluster under a new name), and cancels
 *     Spark's jobs when the kernel interrupts a cell.</li>
 * <li>{@code SparkProgress} shows a progress bar under a cell that runs Spark jobs, and {@code MasterCheck} fails a
 *     SparkContext quickly when its standalone master cannot be reached.</li>
 * </ul>
 * The kernel JVM's side (the executor's JVM options and class directories) is {@code io.callisto.spark.launch}.
 */
package io.callisto.spark;
