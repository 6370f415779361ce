package io.callisto.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A Java installation as the installer judges it: Callisto needs a JDK (not a JRE) of version 17 or later
 * that has the jdk.jshell module. Read from the installation's {@code release} file, or by asking its java.
 */
record JavaHome(Path home, int feature, String version, List<String> modules) {

    /** This installation's java launcher. */
    Path launcher() {
        return launcherIn(home);
    }

    private static Path launcherIn(Path home) {
        return home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
    }

    static JavaHome inspect(Path home) throws IOException {
        Path java = launcherIn(home);
        if (!Files.isExecutable(java)) {
            throw new InstallException(home + " is not a Java installation: it has no executable bin/java."
                    + " Point --java at a JDK 17 or later (the directory that holds bin/java).");
        }
        Path release = home.resolve("release");
        if (Files.isRegularFile(release)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(release)) {
                properties.load(in);
            }
            String version = unquote(properties.getProperty("JAVA_VERSION", ""));
            String modules = unquote(properties.getProperty("MODULES", ""));
            if (!version.isEmpty() && !modules.isEmpty()) {
                return new JavaHome(home, featureOf(version), version, Arrays.asList(modules.split("\\s+")));
            }
        }
        String version = run(java, "-XshowSettings:properties", "-version").lines()
                .filter(line -> line.strip().startsWith("java.version ="))
                .map(line -> line.substring(line.indexOf('=') + 1).strip())
                .findFirst().orElse("");
        List<String> modules = run(java, "--list-modules").lines()
                .map(line -> line.split("@")[0].strip()).toList();
        return new JavaHome(home, featureOf(version), version, modules);
    }

    /** Throws with a message that says what is wrong and how to point --java elsewhere. */
    void requireUsable() throws InstallException {
        if (feature < 17) {
            throw new InstallException("Java at " + home + " is version " + (version.isEmpty() ? "unknown" : version)
                    + "; Callisto needs Java 17 or later. Install a JDK 17+ and pass --java /path/to/jdk.");
        }
        if (!modules.contains("jdk.jshell") || !modules.contains("jdk.compiler")) {
            throw new InstallException("Java at " + home + " is a JRE or lacks the jdk.jshell module,"
                    + " which Callisto runs cells with. Install a full JDK " + feature + "+ and pass --java /path/to/jdk.");
        }
    }

    static int featureOf(String version) {
        String digits = version.startsWith("1.") ? version.substring(2) : version;
        StringBuilder number = new StringBuilder();
        for (char c : digits.toCharArray()) {
            if (!Character.isDigit(c)) {
                break;
            }
            number.append(c);
        }
        return number.length() == 0 ? 0 : Integer.parseInt(number.toString());
    }

    private static String unquote(String value) {
        String stripped = value.strip();
        return stripped.length() >= 2 && stripped.startsWith("\"") && stripped.endsWith("\"")
                ? stripped.substring(1, stripped.length() - 1) : stripped;
    }

    private static String run(Path java, String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = java.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return output;
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }
}
