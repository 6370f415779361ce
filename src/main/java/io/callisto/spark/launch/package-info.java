/**
 * What the kernel JVM does for Apache Spark when it starts an executor JVM: Spark's JVM options, and a directory
 * of the notebook's classes per executor ({@link io.callisto.spark.ReplClassDirectory} fills it in the executor),
 * removed when that executor ends and with the kernel.
 */
package io.callisto.spark.launch;
