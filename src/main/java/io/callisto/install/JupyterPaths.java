package io.callisto.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Where Jupyter looks for kernelspecs, as jupyter_core's paths module decides it. */
public final class JupyterPaths {
    private JupyterPaths() {
    }

    /** The user's Jupyter data directory: JUPYTER_DATA_DIR, else the platform's default. */
    public static Path userDataDir(Map<String, String> env) {
        String explicit = env.get("JUPYTER_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        // Python's expanduser reads HOME first; Java's user.home ignores it.
        String homeVariable = env.get("HOME");
        Path home = Path.of(homeVariable != null && !homeVariable.isBlank() ? homeVariable : System.getProperty("user.home"));
        String os = System.getProperty("os.name", "").toLowerCase();
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Jupyter");
        }
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData").resolve("Roaming")).resolve("jupyter");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share")).resolve("jupyter");
    }

    /** sys.prefix of the python3 on PATH (the one Jupyter usually runs under). */
    static Path sysPrefix() throws IOException {
        Process process = new ProcessBuilder("python3", "-c", "import sys; print(sys.prefix)").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (process.waitFor() != 0 || output.isEmpty()) {
                throw new InstallException("--sys-prefix needs python3 on PATH: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallException("interrupted while asking python3 for sys.prefix");
        }
        return Path.of(output);
    }
}
