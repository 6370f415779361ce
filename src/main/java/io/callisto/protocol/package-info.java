/** Records for the contents of Jupyter messages, named after their msg_type (messaging spec 5.5). Used in the kernel JVM. */
package io.callisto.protocol;
