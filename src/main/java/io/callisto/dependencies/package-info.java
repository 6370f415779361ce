/** Resolving %maven coordinates and poms with Apache Maven Resolver, honouring the user's settings.xml. Runs in the kernel JVM. */
package io.callisto.dependencies;
