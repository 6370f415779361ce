/** Installing and removing the kernelspec, JDK checks, and class-data archive training. Runs in the installer's JVM (java -jar callisto.jar install). */
package io.callisto.install;
