package io.callisto.kernel;

import io.callisto.protocol.Replies;
import io.callisto.wire.MessageFactory;
import java.util.List;

/** kernel_info_reply's content, which never changes while the kernel runs. */
final class KernelInfo {
    static final String IMPLEMENTATION = "callisto";
    static final String VERSION = versionOfThisJar();

    private KernelInfo() {
    }

    static Replies.KernelInfoReply reply() {
        String javaVersion = System.getProperty("java.version");
        int feature = Runtime.version().feature();
        return new Replies.KernelInfoReply(
                "ok",
                MessageFactory.PROTOCOL_VERSION,
                IMPLEMENTATION,
                VERSION,
                new Replies.LanguageInfo("java", javaVersion, "text/x-java", ".jshell", "java", "text/x-java", "script"),
                "Callisto " + VERSION + ": Java " + javaVersion + " in JShell\n"
                        + "Cells are JShell snippets: statements, expressions, declarations and imports.",
                List.of(
                        new Replies.HelpLink("Java " + feature + " API",
                                "https://docs.oracle.com/en/java/javase/" + feature + "/docs/api/index.html"),
                        new Replies.HelpLink("JShell user guide",
                                "https://docs.oracle.com/en/java/javase/" + feature + "/jshell/introduction-jshell.html")),
                // The Jupyter debug protocol (io.callisto.debugger) and kernel subshells (io.callisto.subshells);
                // 5.5 clients read supported_features.
                true,
                List.of("debugger", "kernel subshells"));
    }

    private static String versionOfThisJar() {
        String version = KernelInfo.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
