/** The persistent input history behind history_request. Runs in the kernel JVM. */
package io.callisto.history;
