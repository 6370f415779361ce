/** Helpers cells call without an import (display, readLine, readPassword, ...), statically imported into every session. Runs in the executor JVM. */
package io.callisto.notebook;
