package io.callisto.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The executor JVM's class-data sharing archive: the classes an executor loads (JShell's agent, the
 * display and notebook helpers), mapped from a file instead of loaded and verified one by one.
 * The installer trains it beside the kernel jar; kernel.json passes its path to the kernel JVM.
 */
public final class ClassDataArchive {
    /** System property: the archive executors start with, when it exists. */
    public static final String USE_PROPERTY = "callisto.executorArchive";
    /** System property: the archive the executor writes when it exits (the installer's training run). */
    public static final String CREATE_PROPERTY = "callisto.executorArchiveAtExit";

    private ClassDataArchive() {
    }

    /** True in the installer's training run, whose executor writes the archive. */
    static boolean creating() {
        String create = System.getProperty(CREATE_PROPERTY);
        return create != null && !create.isBlank();
    }

    /**
     * JVM options for an executor. An archive made by another JDK or for another jar is ignored by the
     * JVM (which then loads classes as usual); its logging is off so that nothing lands in the cells.
     */
    static List<String> executorOptions() {
        if (creating()) {
            String archive = System.getProperty(CREATE_PROPERTY);
            // The property tells the executor to end with an exit, not a halt: only an exit writes the archive.
            return List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off", "-D" + CREATE_PROPERTY + "=" + archive);
        }
        String use = System.getProperty(USE_PROPERTY);
        if (use != null && !use.isBlank() && Files.isRegularFile(Path.of(use))) {
            return List.of("-XX:SharedArchiveFile=" + use, "-Xlog:cds*=off");
        }
        return List.of();
    }
}
