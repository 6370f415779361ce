/** Messages as they travel: frames, HMAC signing and checking, replay guard, JSON, header dates; no sockets. Runs in the kernel JVM. */
package io.callisto.wire;
