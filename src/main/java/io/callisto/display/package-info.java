/** Rendering values as MIME bundles (the Renderer SPI, built-in renderers) and sending display records to the kernel. Runs in the executor JVM. */
package io.callisto.display;
